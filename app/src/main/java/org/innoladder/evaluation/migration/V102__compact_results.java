package org.innoladder.evaluation.migration;

import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.innoladder.rules.CompactResult;
import org.innoladder.rules.EvaluationResult;
import org.innoladder.rules.EvaluationResult.CriterionResult;
import org.innoladder.rules.EvaluationResult.Gap;
import org.innoladder.rules.EvaluationResult.ItemResult;
import org.innoladder.rules.EvaluationResult.ScoreRange;
import org.innoladder.rules.Outcome;
import org.innoladder.rules.ResultCodec;
import org.innoladder.rules.Ruleset;
import org.innoladder.rules.Rulesets;
import org.innoladder.rules.Status;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stored results become compact ({@code org.innoladder.rules.ResultCodec}): each row's explained JSON is read back
 * into the result it was written from, encoded, checked to decode to the same result, and kept as {@code detail};
 * the JSON column is dropped and the table rewritten once, so the space the JSON took is returned. The table loses its
 * foreign keys and the unused index by run, which made storing a run's rows three times slower. A row this build
 * cannot represent (a ruleset version it does not have, or JSON that is not a result of its version) keeps its
 * outcome, score and near ratio with an empty detail, and is counted in the log.
 */
public class V102__compact_results extends BaseJavaMigration {
    private static final Logger log = LoggerFactory.getLogger(V102__compact_results.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE evaluation_result ADD COLUMN detail bytea");
            // PostgreSQL checks a foreign key row by row (a lookup and a lock of the referenced row each): two thirds of
            // the time to store a million results. Enterprises and runs are never deleted, and the writer takes its
            // enterprise ids from the enterprise table. No query reads results by run.
            s.execute("ALTER TABLE evaluation_result DROP CONSTRAINT evaluation_result_enterprise_id_fkey,"
                    + " DROP CONSTRAINT evaluation_result_run_id_fkey");
            s.execute("DROP INDEX evaluation_result_run_idx");
            s.execute("CREATE TEMP TABLE compact_detail (enterprise_id bigint, year integer, ruleset_id text, ruleset_version text,"
                    + " detail bytea) ON COMMIT DROP");
        }
        StringBuilder csv = new StringBuilder();
        int converted = 0;
        List<String> refused = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.setFetchSize(5000);
            try (ResultSet rs = s.executeQuery("SELECT enterprise_id, year, ruleset_id, ruleset_version, result::text FROM evaluation_result")) {
                while (rs.next()) {
                    String key = rs.getString(3) + "@" + rs.getString(4) + " of enterprise " + rs.getLong(1) + " for " + rs.getInt(2);
                    try {
                        byte[] detail = detail(rs.getString(3), rs.getString(4), rs.getInt(2), rs.getString(5));
                        csv.append(rs.getLong(1)).append(',').append(rs.getInt(2)).append(",\"").append(rs.getString(3).replace("\"", "\"\""))
                                .append("\",\"").append(rs.getString(4).replace("\"", "\"\"")).append("\",\\x")
                                .append(HexFormat.of().formatHex(detail)).append('\n');
                        converted++;
                    } catch (RuntimeException e) {
                        refused.add(key + ": " + e.getMessage());
                    }
                }
            }
        }
        c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY compact_detail FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE compact_detail ADD PRIMARY KEY (enterprise_id, year, ruleset_id, ruleset_version)");
            s.execute("ALTER TABLE evaluation_result DROP COLUMN result");
            // One rewrite of the table fills the detail and leaves the dropped JSON behind; an UPDATE would leave every
            // old row version in the table until a VACUUM FULL, which cannot run inside the migration's transaction.
            s.execute("CREATE FUNCTION pg_temp.compact_detail_of(bigint, integer, text, text) RETURNS bytea LANGUAGE sql STABLE"
                    + " AS 'SELECT detail FROM compact_detail WHERE enterprise_id = $1 AND year = $2 AND ruleset_id = $3"
                    + " AND ruleset_version = $4'");
            s.execute("ALTER TABLE evaluation_result ALTER COLUMN detail TYPE bytea"
                    + " USING pg_temp.compact_detail_of(enterprise_id, year, ruleset_id, ruleset_version)");
        }
        log.info("Stored evaluation results made compact: {} converted, {} kept without their explanation", converted, refused.size());
        if (!refused.isEmpty()) log.warn("Results kept without their explanation, for example {}", refused.subList(0, Math.min(5, refused.size())));
    }

    /** The compact detail of a stored JSON result, refused unless it decodes to the same result. */
    static byte[] detail(String rulesetId, String version, int year, String json) {
        Ruleset ruleset = Rulesets.get(rulesetId + "@" + version);
        EvaluationResult r = result(JSON.readTree(json), year);
        CompactResult compact = ResultCodec.encode(ruleset, r);
        if (!ResultCodec.decode(ruleset, r.creditCode(), r.name(), year, compact).equals(r)) {
            throw new IllegalArgumentException("the result does not decode to its JSON");
        }
        return compact.detail();
    }

    /** The result {@code EvaluationResult.toJson()} wrote. */
    static EvaluationResult result(JsonNode j, int year) {
        List<CriterionResult> criteria = new ArrayList<>();
        for (JsonNode c : j.path("criteria")) {
            criteria.add(new CriterionResult(c.path("id").asString(), Status.valueOf(c.path("status").asString()), value(c.get("value")),
                    value(c.get("threshold")), c.path("reference").isNull() ? null : c.path("reference").asString()));
        }
        List<ItemResult> items = new ArrayList<>();
        for (JsonNode i : j.path("items")) {
            items.add(new ItemResult(i.path("id").asString(), i.path("band").isNull() ? null : i.path("band").asString(),
                    i.path("min").asInt(), i.path("max").asInt()));
        }
        List<Gap> gaps = new ArrayList<>();
        for (JsonNode g : j.path("gaps")) {
            BigDecimal current = g.path("current").decimalValue(), required = g.path("required").decimalValue();
            // the stored delta is required − current read back as a double: its trailing zeros and last digits are lost
            BigDecimal delta = required.subtract(current);
            if (delta.doubleValue() != g.path("delta").doubleValue()) {
                throw new IllegalArgumentException("gap " + g + " has a delta other than required − current");
            }
            gaps.add(new Gap(g.path("criterion").asString(), g.path("lever").asString(), current, required, delta));
        }
        JsonNode score = j.get("score");
        return new EvaluationResult(j.path("credit_code").asString(), j.path("name").asString(), j.path("ruleset").asString(),
                j.path("version").asString(), year, Outcome.valueOf(j.path("outcome").asString()),
                score == null || score.isNull() ? null : new ScoreRange(score.path("min").asInt(), score.path("max").asInt()),
                criteria, items, gaps);
    }

    private static Object value(JsonNode n) {
        if (n == null || n.isNull()) return null;
        if (n.isBoolean()) return n.asBoolean();
        if (n.isNumber()) return n.doubleValue();
        return n.asString();
    }
}
