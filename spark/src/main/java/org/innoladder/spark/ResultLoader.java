package org.innoladder.spark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;


/**
 * Loads results into the platform's {@code evaluation_result} in one transaction: a binary COPY into a temporary
 * table, then the rows of the same enterprise, year and ruleset version that an earlier run stored are replaced, with
 * one {@code evaluation_run} (started by {@code spark}) per year recording what was loaded. Credit codes the platform
 * does not know are left out and counted: results belong to registered enterprises. The ladder snapshot and points
 * are the application's to refresh afterwards (its refresh button or a run of the region), as after any import.
 */
public final class ResultLoader {
    private ResultLoader() {
    }

    /** What a load did. */
    public record Loaded(long copied, long stored, long unknownEnterprise, int runs) {
    }

    public static Loaded load(Connection c, Iterator<StoredResult> results) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE spark_result (credit_code text, year integer, ruleset_id text, ruleset_version text,"
                    + " outcome text, score_min integer, score_max integer, near_ratio double precision, detail bytea) ON COMMIT DROP");
            long copied = copy(c, results);
            s.execute("ANALYZE spark_result");
            s.execute("CREATE TEMP TABLE spark_run ON COMMIT DROP AS SELECT year, array_agg(DISTINCT ruleset_id || '@' || ruleset_version"
                    + " ORDER BY ruleset_id || '@' || ruleset_version) AS rulesets FROM spark_result GROUP BY year");
            s.execute("ALTER TABLE spark_run ADD COLUMN run_id bigint");
            s.executeUpdate("""
                    WITH runs AS (
                        INSERT INTO evaluation_run (year, rulesets, status, started_by, finished_at, message)
                        SELECT year, rulesets, 'DONE', 'spark', now(), 'loaded from Spark results' FROM spark_run
                        RETURNING id, year)
                    UPDATE spark_run r SET run_id = runs.id FROM runs WHERE runs.year = r.year""");
            s.executeUpdate("""
                    DELETE FROM evaluation_result r USING spark_result x JOIN enterprise e ON e.credit_code = x.credit_code
                    WHERE r.enterprise_id = e.id AND r.year = x.year AND r.ruleset_id = x.ruleset_id
                      AND r.ruleset_version = x.ruleset_version""");
            long stored = s.executeUpdate("""
                    INSERT INTO evaluation_result (run_id, enterprise_id, year, ruleset_id, ruleset_version, outcome, score_min,
                           score_max, near_ratio, detail)
                    SELECT r.run_id, e.id, x.year, x.ruleset_id, x.ruleset_version, x.outcome, x.score_min, x.score_max,
                           x.near_ratio, x.detail
                    FROM spark_result x JOIN enterprise e ON e.credit_code = x.credit_code JOIN spark_run r ON r.year = x.year""");
            s.executeUpdate("""
                    UPDATE evaluation_run u SET evaluated = n.results, stored = n.stored, enterprises = n.enterprises, counts = n.counts
                    FROM (SELECT r.run_id, count(*) AS results, count(e.id) AS stored, count(DISTINCT e.id) AS enterprises,
                                 (SELECT jsonb_object_agg(ref, outcomes) FROM (
                                     SELECT ruleset_id || '@' || ruleset_version AS ref, jsonb_object_agg(outcome, n) AS outcomes
                                     FROM (SELECT ruleset_id, ruleset_version, outcome, count(*) AS n FROM spark_result
                                           WHERE year = r.year GROUP BY 1, 2, 3) o GROUP BY 1) c) AS counts
                          FROM spark_run r JOIN spark_result x ON x.year = r.year
                          LEFT JOIN enterprise e ON e.credit_code = x.credit_code GROUP BY r.run_id, r.year) n
                    WHERE u.id = n.run_id""");
            int runs;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM spark_run")) {
                rs.next();
                runs = rs.getInt(1);
            }
            c.commit();
            return new Loaded(copied, stored, copied - stored, runs);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static long copy(Connection c, Iterator<StoredResult> results) throws SQLException {
        try (BinaryCopy copy = new BinaryCopy(c, "spark_result")) {
            while (results.hasNext()) {
                StoredResult r = results.next();
                copy.row(9).text(r.creditCode()).int4(r.year()).text(r.rulesetId()).text(r.rulesetVersion()).text(r.outcome())
                        .int4(r.scoreMin()).int4(r.scoreMax()).float8(r.nearRatio()).bytes(r.detail());
            }
            return copy.rows();
        }
    }
}
