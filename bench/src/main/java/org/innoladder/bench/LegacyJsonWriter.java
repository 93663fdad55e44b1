package org.innoladder.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.innoladder.db.CsvCopy;
import org.innoladder.rules.NearRatio;
import org.innoladder.rules.Outcome;
import org.innoladder.rules.EvaluationResult;
import org.innoladder.rules.Ruleset;
import org.innoladder.rules.Rulesets;
import org.postgresql.PGConnection;

/**
 * How an evaluation run stored its results before they became compact ({@code EvaluationRuns.store} at commit 4eebb31):
 * each explained result as {@code toJson()} in a CSV COPY to a staging table, then one upsert into a table of the old
 * definition ({@link #TABLE}). Kept in bench only, so that both storages are measured in the same run.
 */
final class LegacyJsonWriter {
    static final String TABLE = """
            CREATE TABLE evaluation_result_json (
                run_id           bigint NOT NULL REFERENCES evaluation_run (id),
                enterprise_id    bigint NOT NULL REFERENCES enterprise (id),
                year             integer NOT NULL,
                ruleset_id       text NOT NULL,
                ruleset_version  text NOT NULL,
                outcome          text NOT NULL CHECK (outcome IN ('QUALIFIED', 'NOT_QUALIFIED', 'UNDETERMINED')),
                score_min        integer,
                score_max        integer,
                result           jsonb NOT NULL,
                evaluated_at     timestamptz NOT NULL DEFAULT now(),
                near_ratio       double precision,
                PRIMARY KEY (enterprise_id, year, ruleset_id, ruleset_version)
            );
            CREATE INDEX evaluation_result_json_list_idx ON evaluation_result_json (ruleset_id, year, outcome);
            CREATE INDEX evaluation_result_json_run_idx ON evaluation_result_json (run_id);
            """;
    private static final int COPY_CHUNK = 2000;
    private static final String COPY = "COPY evaluation_stage FROM STDIN (FORMAT csv)";

    private LegacyJsonWriter() {
    }

    /** The old store, verbatim but for the table name; results by ruleset ref. */
    static void store(Connection connection, long runId, Map<String, List<EvaluationResult>> results, Map<String, Long> ids) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TEMP TABLE evaluation_stage (enterprise_id bigint, year integer, ruleset_id text,"
                    + " ruleset_version text, outcome text, score_min integer, score_max integer, result jsonb, near_ratio double precision)"
                    + " ON COMMIT DROP");
        }
        var copy = connection.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder b = new StringBuilder(1 << 20);
        int pending = 0;
        for (Map.Entry<String, List<EvaluationResult>> byRuleset : results.entrySet()) {
            Ruleset ruleset = Rulesets.get(byRuleset.getKey());
            for (EvaluationResult r : byRuleset.getValue()) {
                b.append(ids.get(r.creditCode())).append(',').append(r.year()).append(',');
                CsvCopy.quoted(b, r.ruleset()).append(',');
                CsvCopy.quoted(b, r.version()).append(',').append(r.outcome()).append(',');
                if (r.score() != null) b.append(r.score().min());
                b.append(',');
                if (r.score() != null) b.append(r.score().max());
                b.append(',');
                CsvCopy.quoted(b, r.toJson()).append(',');
                Double ratio = r.outcome() == Outcome.NOT_QUALIFIED ? NearRatio.of(ruleset, r) : null;
                if (ratio != null) b.append(ratio);
                b.append('\n');
                if (++pending == COPY_CHUNK) {
                    CsvCopy.flush(copy, COPY, b);
                    pending = 0;
                }
            }
        }
        CsvCopy.flush(copy, COPY, b);
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("INSERT INTO evaluation_result_json (run_id, enterprise_id, year, ruleset_id, ruleset_version, outcome,"
                    + " score_min, score_max, result, evaluated_at, near_ratio) SELECT " + runId + ", enterprise_id, year, ruleset_id,"
                    + " ruleset_version, outcome, score_min, score_max, result, now(), near_ratio FROM evaluation_stage"
                    + " ON CONFLICT (enterprise_id, year, ruleset_id, ruleset_version) DO UPDATE SET run_id = excluded.run_id,"
                    + " outcome = excluded.outcome, score_min = excluded.score_min, score_max = excluded.score_max,"
                    + " result = excluded.result, evaluated_at = excluded.evaluated_at, near_ratio = excluded.near_ratio");
        }
    }
}
