package org.innoladder.evaluation;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import org.innoladder.rules.BatchResult;
import org.innoladder.rules.CompactResult;
import org.innoladder.rules.EvaluationResult;
import org.innoladder.rules.NearRatio;
import org.innoladder.rules.Outcome;
import org.innoladder.rules.Population;
import org.innoladder.rules.ResultCodec;
import org.innoladder.rules.Ruleset;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Stores a run's results in {@code evaluation_result} in their compact form ({@link ResultCodec}): per enterprise,
 * ruleset version and year the outcome, the score range, the near ratio and the detail, 30–60 bytes where the
 * explained JSON took 1.5–2 kB. The explained results are built chunk by chunk on every core while the chunks built
 * so far go into one binary COPY straight into the table, so PostgreSQL stores on one core while the explanations
 * use the others; only a chunk's results are ever held at once.
 *
 * <p>A run that replaces stored rows (the same enterprises, year and ruleset version, as every re-run does) copies into
 * a temporary table and MERGEs from it: a stored row is updated in place, and since the table leaves half of each page
 * free (fillfactor 50, migration V178) and an unchanged outcome touches no indexed column, the update is a heap-only
 * one that writes no index entry. Deleting the rows and inserting them again cost two to three times as much, and
 * left the table with every old version until a vacuum.
 */
public final class CompactResultWriter {
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final String COLUMNS = " (run_id, enterprise_id, year, ruleset_id, ruleset_version, outcome, score_min, score_max,"
            + " near_ratio, detail) FROM STDIN (FORMAT binary)";
    private static final int FIELDS = 10;
    /** Rows explained and encoded as one task. */
    private static final int CHUNK = 2048;
    private static final byte[][] OUTCOMES = Arrays.stream(Outcome.values()).map(o -> utf8(o.name())).toArray(byte[][]::new);

    private CompactResultWriter() {
    }

    /** One ruleset's results of a run: row i's explained result, built on demand (from several threads at once). */
    public record Source(Ruleset ruleset, Population population, IntFunction<EvaluationResult> result) {
        public static Source of(Ruleset ruleset, BatchResult batch) {
            return new Source(ruleset, batch.population(), batch::result);
        }

        int size() {
            return population.size();
        }
    }

    /**
     * Replaces the stored results of the sources' enterprises (ids by credit code) with these, recording {@code runId};
     * runs on the caller's connection and transaction. Storing runs are serialised, so two runs never both insert.
     *
     * @param stored receives the number of rows written since its last call
     * @return the rows written
     */
    public static int store(Connection connection, long runId, List<Source> sources, Map<String, Long> ids,
                            IntConsumer stored) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(hashtext('evaluation_result'))");
            if (!anyStored(connection, sources)) return copy(connection, "evaluation_result", runId, sources, ids, stored);
            s.execute("CREATE TEMP TABLE " + INCOMING + " (LIKE evaluation_result INCLUDING DEFAULTS)");
            int written = copy(connection, INCOMING, runId, sources, ids, stored);
            s.execute(MERGE.formatted(sources.stream().map(x -> String.valueOf(x.population().year())).distinct()
                    .collect(Collectors.joining(", "))));
            s.execute("DROP TABLE " + INCOMING);
            return written;
        }
    }

    private static final String INCOMING = "evaluation_result_incoming";
    /** The year list lets a table partitioned by year read only the partitions the run writes. */
    private static final String MERGE = """
            MERGE INTO evaluation_result r USING evaluation_result_incoming i
            ON r.enterprise_id = i.enterprise_id AND r.year = i.year AND r.ruleset_id = i.ruleset_id
               AND r.ruleset_version = i.ruleset_version AND r.year IN (%s)
            WHEN MATCHED THEN UPDATE SET run_id = i.run_id, outcome = i.outcome, score_min = i.score_min, score_max = i.score_max,
                near_ratio = i.near_ratio, detail = i.detail, evaluated_at = i.evaluated_at
            WHEN NOT MATCHED THEN INSERT (run_id, enterprise_id, year, ruleset_id, ruleset_version, outcome, score_min, score_max,
                near_ratio, detail, evaluated_at)
                VALUES (i.run_id, i.enterprise_id, i.year, i.ruleset_id, i.ruleset_version, i.outcome, i.score_min, i.score_max,
                        i.near_ratio, i.detail, i.evaluated_at)""";

    /** Whether any ruleset version and year of the sources has stored rows: if none, the rows go straight in. */
    private static boolean anyStored(Connection connection, List<Source> sources) throws SQLException {
        for (Source s : sources) {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT EXISTS (SELECT 1 FROM evaluation_result WHERE ruleset_id = ? AND year = ? AND ruleset_version = ?)")) {
                ps.setString(1, s.ruleset().id());
                ps.setInt(2, s.population().year());
                ps.setString(3, s.ruleset().version());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) return true;
                }
            }
        }
        return false;
    }

    /**
     * The binary COPY alone, into {@code table}: evaluation_result, or a table with its columns (benchmarks compare
     * storage formats with it).
     */
    public static int copy(Connection connection, String table, long runId, List<Source> sources,
                           Map<String, Long> ids, IntConsumer stored) throws SQLException {
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "evaluation-encode");
            t.setDaemon(true);
            return t;
        });
        int written = 0;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                new PGCopyOutputStream(connection.unwrap(PGConnection.class), "COPY " + table + COLUMNS), 1 << 16))) {
            out.write(HEADER);
            for (Source source : sources) {
                byte[] rulesetId = utf8(source.ruleset().id()), version = utf8(source.ruleset().version());
                int year = source.population().year();
                // a few chunks ahead of the COPY per thread: enough to keep every core busy, little held in memory
                Deque<Future<Chunk>> ahead = new ArrayDeque<>();
                int next = 0;
                while (next < source.size() || !ahead.isEmpty()) {
                    while (next < source.size() && ahead.size() < 4 * threads) {
                        int from = next, to = Math.min(source.size(), next + CHUNK);
                        ahead.add(pool.submit(() -> Chunk.encode(source, from, to)));
                        next = to;
                    }
                    Chunk chunk = ahead.poll().get();
                    for (int k = 0; k < chunk.results.length; k++) {
                        int i = chunk.from + k;
                        row(out, runId, ids.get(source.population().creditCode(i)), year, rulesetId, version, chunk.results[k],
                                chunk.nearRatios[k]);
                    }
                    stored.accept(chunk.results.length);
                    written += chunk.results.length;
                }
            }
            out.writeShort(-1);
        } catch (IOException e) {
            throw new SQLException("could not store the evaluation results: " + e.getMessage(), e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing evaluation results", e);
        } finally {
            pool.shutdownNow();
        }
        return written;
    }

    /** Rows from..to−1 of a source, explained and encoded; near ratio NaN where there is none. */
    private record Chunk(int from, CompactResult[] results, double[] nearRatios) {
        static Chunk encode(Source source, int from, int to) {
            CompactResult[] results = new CompactResult[to - from];
            double[] ratios = new double[to - from];
            for (int i = from; i < to; i++) {
                EvaluationResult r = source.result().apply(i);
                results[i - from] = ResultCodec.encode(source.ruleset(), r);
                ratios[i - from] = r.outcome() == Outcome.NOT_QUALIFIED ? NearRatio.of(source.ruleset(), r) : Double.NaN;
            }
            return new Chunk(from, results, ratios);
        }
    }

    private static void row(DataOutputStream out, long runId, Long enterprise, int year, byte[] rulesetId, byte[] version,
                            CompactResult r, double nearRatio) throws IOException {
        if (enterprise == null) throw new IllegalStateException("a result of an enterprise without an id");
        out.writeShort(FIELDS);
        out.writeInt(8);
        out.writeLong(runId);
        out.writeInt(8);
        out.writeLong(enterprise);
        out.writeInt(4);
        out.writeInt(year);
        bytes(out, rulesetId);
        bytes(out, version);
        bytes(out, OUTCOMES[r.outcome().ordinal()]);
        int4(out, r.score() == null ? null : r.score().min());
        int4(out, r.score() == null ? null : r.score().max());
        if (Double.isNaN(nearRatio)) {
            out.writeInt(-1);
        } else {
            out.writeInt(8);
            out.writeDouble(nearRatio);
        }
        bytes(out, r.detail());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
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
