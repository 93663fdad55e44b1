package org.innoladder.spark;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Row;
import org.innoladder.rules.points.Breakdown;
import org.innoladder.rules.points.PointsModel;

/**
 * Loads points ({@link SparkPoints#SCHEMA}) into the platform's {@code enterprise_points} in one transaction, as the
 * application's points run stores them: one {@code points_run} per year (started by {@code spark}, region null: the
 * whole file was the population, with its size, stage sizes and the model's labels), the rows of the loaded
 * enterprise-years replaced. Totals and percentiles arrive as the text {@code BigDecimal.valueOf(double)} gives, as the
 * application writes them. Credit codes the platform does not know are left out and counted.
 */
public final class PointsLoader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PointsLoader() {
    }

    /** What a load did. */
    public record Loaded(long copied, long stored, long unknownEnterprise, int runs) {
    }

    public static Loaded load(Connection c, Iterator<Row> points, PointsModel model) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE spark_points (credit_code text, year integer, model_id text, model_version text, stage text,"
                    + " total text, percentile text, stage_uncertain boolean, breakdown text) ON COMMIT DROP");
            long copied;
            try (BinaryCopy copy = new BinaryCopy(c, "spark_points")) {
                while (points.hasNext()) {
                    Row r = points.next();
                    copy.row(9).text(r.getString(0)).int4(r.getInt(1)).text(r.getString(2)).text(r.getString(3)).text(r.getString(4))
                            .text(number(r.getDouble(5))).text(number(r.getDouble(6))).bool(r.getBoolean(7)).text(r.getString(8));
                }
                copied = copy.rows();
            }
            s.execute("ANALYZE spark_points");
            s.execute("""
                    CREATE TEMP TABLE spark_points_run ON COMMIT DROP AS
                    SELECT year, min(model_id) AS model_id, min(model_version) AS model_version, count(*) AS enterprises,
                           CAST(NULL AS bigint) AS run_id
                    FROM spark_points GROUP BY year""");
            try (PreparedStatement run = c.prepareStatement("""
                    WITH runs AS (
                        INSERT INTO points_run (year, model_id, model_version, started_by, finished_at, enterprises, stage_sizes, labels)
                        SELECT r.year, r.model_id, r.model_version, 'spark', now(), r.enterprises,
                               (SELECT jsonb_object_agg(st.id, (SELECT count(*) FROM spark_points p WHERE p.year = r.year
                                                                AND p.stage = st.id) ORDER BY st.i)
                                FROM unnest(CAST(? AS text[])) WITH ORDINALITY AS st(id, i)),
                               CAST(? AS jsonb)
                        FROM spark_points_run r
                        RETURNING id, year)
                    UPDATE spark_points_run r SET run_id = runs.id FROM runs WHERE runs.year = r.year""")) {
                run.setArray(1, c.createArrayOf("text", model.stages().stream().map(st -> st.id()).toArray()));
                run.setString(2, labels(model));
                run.executeUpdate();
            }
            s.executeUpdate("""
                    DELETE FROM enterprise_points p USING spark_points x JOIN enterprise e ON e.credit_code = x.credit_code
                    WHERE p.enterprise_id = e.id AND p.year = x.year""");
            long stored = s.executeUpdate("""
                    INSERT INTO enterprise_points (enterprise_id, year, model_id, model_version, stage, total, percentile,
                           stage_uncertain, breakdown, run_id)
                    SELECT e.id, x.year, x.model_id, x.model_version, x.stage, CAST(x.total AS numeric), CAST(x.percentile AS numeric),
                           x.stage_uncertain, CAST(x.breakdown AS jsonb), r.run_id
                    FROM spark_points x JOIN enterprise e ON e.credit_code = x.credit_code JOIN spark_points_run r ON r.year = x.year""");
            int runs;
            try (var rs = s.executeQuery("SELECT count(*) FROM spark_points_run")) {
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

    /** The number as the application's points run writes it. */
    static String number(double v) {
        return BigDecimal.valueOf(v).toPlainString();
    }

    private static String labels(PointsModel model) {
        try {
            return JSON.writeValueAsString(Breakdown.labels(model));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
