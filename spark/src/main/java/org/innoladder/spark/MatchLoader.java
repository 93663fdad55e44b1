package org.innoladder.spark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;

/**
 * Loads policy matches ({@link SparkPolicies#SCHEMA}) into the platform's {@code policy_match} in one transaction, as
 * a matching run over every region stores them: per policy and period one {@code policy_match_run} (started by
 * {@code spark}, region null) with the counts, the matches upserted, and the stored matches of that policy and period
 * that the load does not hold removed (the file was the whole population). Each policy must be published on the
 * platform with the very definition the run matched (its code names it), so that a match cites the version it was
 * computed with; otherwise nothing is loaded. Credit codes the platform does not know are left out and counted. Award
 * cases are not opened: the platform opens them after its own matching runs.
 */
public final class MatchLoader {
    private MatchLoader() {
    }

    /** What a load did. */
    public record Loaded(long copied, long stored, long unknownEnterprise, int runs) {
    }

    /**
     * @param population the number of enterprises evaluated in each period (the enterprises with a row for it: the
     *                   points rows of the same run), recorded as each run's {@code evaluated}
     */
    public static Loaded load(Connection c, Iterator<Row> matches, List<PolicyText> policies, Map<Integer, Long> population)
            throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE spark_policy (code text PRIMARY KEY, policy_id bigint, version integer, first_year integer, last_year integer) ON COMMIT DROP");
            try (PreparedStatement find = c.prepareStatement("""
                    SELECT p.id, p.published_version, v.definition FROM policy p
                    JOIN policy_version v ON v.policy_id = p.id AND v.version = p.published_version
                    WHERE p.code = ? AND p.status = 'PUBLISHED'""");
                 PreparedStatement keep = c.prepareStatement("INSERT INTO spark_policy VALUES (?, ?, ?, ?, ?)")) {
                for (PolicyText p : policies) {
                    String code = p.policy().code();
                    find.setString(1, code);
                    try (ResultSet rs = find.executeQuery()) {
                        if (!rs.next()) throw new IllegalArgumentException("policy " + code + " is not published on the platform");
                        if (!rs.getString(3).strip().equals(p.yaml().strip())) {
                            throw new IllegalArgumentException("policy " + code + ": the published version " + rs.getInt(2)
                                    + " is not the definition matched (" + p.file() + ")");
                        }
                        keep.setString(1, code);
                        keep.setLong(2, rs.getLong(1));
                        keep.setInt(3, rs.getInt(2));
                        keep.setInt(4, p.policy().periodStart().getYear());
                        keep.setInt(5, p.policy().periodEnd().getYear());
                        keep.executeUpdate();
                    }
                }
            }
            s.execute("CREATE TEMP TABLE spark_match (policy_code text, credit_code text, period integer, outcome text,"
                    + " amount_yuan text, explanation text, facts text) ON COMMIT DROP");
            long copied;
            try (BinaryCopy copy = new BinaryCopy(c, "spark_match")) {
                while (matches.hasNext()) {
                    Row r = matches.next();
                    copy.row(7).text(r.getString(0)).text(r.getString(1)).int4(r.getInt(2)).text(r.getString(3))
                            .text(r.isNullAt(4) ? null : r.getDecimal(4).toPlainString()).text(r.getString(5)).text(r.getString(6));
                }
                copied = copy.rows();
            }
            try (ResultSet rs = s.executeQuery("SELECT policy_code, period FROM spark_match m WHERE NOT EXISTS"
                    + " (SELECT 1 FROM spark_policy p WHERE p.code = m.policy_code) LIMIT 1")) {
                if (rs.next()) throw new IllegalArgumentException("matches of policy " + rs.getString(1) + ", which was not named");
            }
            s.execute("ANALYZE spark_match");
            try (PreparedStatement runs = c.prepareStatement("""
                    CREATE TEMP TABLE spark_match_run ON COMMIT DROP AS
                    SELECT p.code, p.policy_id, p.version, y.period, y.evaluated, CAST(NULL AS bigint) AS run_id
                    FROM spark_policy p JOIN (SELECT CAST(key AS integer) AS period, CAST(value AS integer) AS evaluated
                                              FROM jsonb_each_text(CAST(? AS jsonb))) y
                      ON y.period BETWEEN p.first_year AND p.last_year""")) {
                runs.setString(1, population.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                        .collect(java.util.stream.Collectors.joining(",", "{", "}")));
                runs.executeUpdate();
            }
            s.executeUpdate("""
                    WITH counted AS (
                        SELECT r.policy_id, r.version, r.period, r.evaluated,
                               count(m.outcome) FILTER (WHERE m.outcome = 'ELIGIBLE') AS eligible,
                               count(m.outcome) FILTER (WHERE m.outcome = 'NEAR') AS near
                        FROM spark_match_run r LEFT JOIN spark_match m ON m.policy_code = r.code AND m.period = r.period
                        GROUP BY 1, 2, 3, 4),
                    runs AS (
                        INSERT INTO policy_match_run (policy_id, policy_version, period, status, started_by, finished_at, evaluated,
                                                      eligible, near, message)
                        SELECT policy_id, version, period, 'DONE', 'spark', now(), evaluated, eligible, near,
                               '由 Spark 匹配结果载入 / loaded from Spark matches'
                        FROM counted
                        RETURNING id, policy_id, period)
                    UPDATE spark_match_run r SET run_id = runs.id FROM runs WHERE runs.policy_id = r.policy_id AND runs.period = r.period""");
            s.executeUpdate("""
                    DELETE FROM policy_match pm USING spark_match_run r
                    WHERE pm.policy_id = r.policy_id AND pm.period = r.period""");
            long stored = s.executeUpdate("""
                    INSERT INTO policy_match (policy_id, enterprise_id, period, policy_version, run_id, outcome, amount_yuan,
                                              explanation, facts)
                    SELECT r.policy_id, e.id, m.period, r.version, r.run_id, m.outcome, CAST(m.amount_yuan AS numeric),
                           CAST(m.explanation AS jsonb), CAST(m.facts AS jsonb)
                    FROM spark_match m JOIN spark_match_run r ON r.code = m.policy_code AND r.period = m.period
                    JOIN enterprise e ON e.credit_code = m.credit_code""");
            int runCount;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM spark_match_run")) {
                rs.next();
                runCount = rs.getInt(1);
            }
            c.commit();
            return new Loaded(copied, stored, copied - stored, runCount);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
