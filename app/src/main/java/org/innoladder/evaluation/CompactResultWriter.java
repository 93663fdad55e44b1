package org.innoladder.evaluation;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import org.innoladder.rules.BatchResult;
import org.innoladder.rules.CompactResult;
import org.innoladder.rules.Outcome;
import org.innoladder.rules.Population;
import org.innoladder.rules.ResultCodec;
import org.innoladder.rules.Ruleset;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Stores a run's results in {@code evaluation_result} in their compact form ({@link ResultCodec}): per enterprise,
 * ruleset version and year the outcome, the score range, the near ratio and the detail, about 30–60 bytes where the
 * explained JSON took 1.5–2 kB. Rows go in by binary COPY straight into the table; the rows of the same enterprises,
 * year and ruleset version that an earlier run stored are deleted first, in the same transaction.
 */
public final class CompactResultWriter {
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final String COPY = "COPY evaluation_result (run_id, enterprise_id, year, ruleset_id, ruleset_version, outcome,"
            + " score_min, score_max, near_ratio, detail) FROM STDIN (FORMAT binary)";
    private static final int FIELDS = 10;
    /** Rows between progress reports. */
    private static final int REPORT_EVERY = 5000;

    private CompactResultWriter() {
    }

    /** One ruleset's results of a run, encoded; {@code nearRatios} NaN where there is none. */
    public record Encoded(Ruleset ruleset, Population population, CompactResult[] results, double[] nearRatios) {
        public int size() {
            return results.length;
        }
    }

    /**
     * Builds the full result of every enterprise on all cores, keeping only its compact form and the near ratio
     * derived from it ({@code near} null: none), so a large population never holds its explained results at once.
     */
    public static Encoded encode(Ruleset ruleset, BatchResult batch, NearRatio near) {
        CompactResult[] results = new CompactResult[batch.size()];
        double[] ratios = new double[batch.size()];
        batch.forEachResult((r, i) -> {
            results[i] = ResultCodec.encode(ruleset, r);
            Double ratio = near == null ? null : near.of(ruleset, r);
            ratios[i] = ratio == null ? Double.NaN : ratio;
        });
        return new Encoded(ruleset, batch.population(), results, ratios);
    }

    /**
     * Replaces the stored results of the batches' enterprises (ids by credit code) with these, recording {@code runId};
     * runs on the caller's connection and transaction. Storing runs are serialised, so two runs never both insert.
     *
     * @param stored receives the number of rows written since its last call
     * @return the rows written
     */
    public static int store(Connection connection, long runId, List<Encoded> batches, Map<String, Long> ids, IntConsumer stored)
            throws SQLException {
        try (var lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('evaluation_result'))")) {
            lock.execute();
        }
        for (Encoded b : batches) delete(connection, b, ids);
        int written = 0;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                new PGCopyOutputStream(connection.unwrap(PGConnection.class), COPY), 1 << 16))) {
            out.write(HEADER);
            int pending = 0;
            for (Encoded b : batches) {
                byte[] rulesetId = utf8(b.ruleset().id()), version = utf8(b.ruleset().version());
                int year = b.population().year();
                for (int i = 0; i < b.size(); i++) {
                    CompactResult r = b.results()[i];
                    out.writeShort(FIELDS);
                    int8(out, runId);
                    int8(out, ids.get(b.population().creditCode(i)));
                    out.writeInt(4);
                    out.writeInt(year);
                    bytes(out, rulesetId);
                    bytes(out, version);
                    bytes(out, OUTCOMES[r.outcome().ordinal()]);
                    int4(out, r.score() == null ? null : r.score().min());
                    int4(out, r.score() == null ? null : r.score().max());
                    if (Double.isNaN(b.nearRatios()[i])) {
                        out.writeInt(-1);
                    } else {
                        out.writeInt(8);
                        out.writeDouble(b.nearRatios()[i]);
                    }
                    bytes(out, r.detail());
                    if (++pending == REPORT_EVERY) {
                        stored.accept(pending);
                        written += pending;
                        pending = 0;
                    }
                }
            }
            out.writeShort(-1);
            stored.accept(pending);
            written += pending;
        } catch (IOException e) {
            throw new SQLException("could not store the evaluation results: " + e.getMessage(), e);
        }
        return written;
    }

    /** The stored rows these results replace. */
    private static void delete(Connection connection, Encoded b, Map<String, Long> ids) throws SQLException {
        Long[] enterprises = new Long[b.size()];
        for (int i = 0; i < enterprises.length; i++) enterprises[i] = ids.get(b.population().creditCode(i));
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM evaluation_result WHERE year = ? AND ruleset_id = ?"
                + " AND ruleset_version = ? AND enterprise_id = ANY (?)")) {
            ps.setInt(1, b.population().year());
            ps.setString(2, b.ruleset().id());
            ps.setString(3, b.ruleset().version());
            ps.setArray(4, connection.createArrayOf("bigint", enterprises));
            ps.executeUpdate();
        }
    }

    private static final byte[][] OUTCOMES = Arrays.stream(Outcome.values()).map(o -> utf8(o.name())).toArray(byte[][]::new);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void int8(DataOutputStream out, Long v) throws IOException {
        if (v == null) throw new IllegalStateException("a result of an enterprise without an id");
        out.writeInt(8);
        out.writeLong(v);
    }

    private static void int4(DataOutputStream out, Integer v) throws IOException {
        if (v == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(4);
        out.writeInt(v);
    }

    private static void bytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }
}
