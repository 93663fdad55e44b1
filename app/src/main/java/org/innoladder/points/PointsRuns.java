package org.innoladder.points;

import org.innoladder.region.Regions;
import org.innoladder.rules.points.Breakdown;
import org.innoladder.rules.points.EnterprisePoints;
import org.innoladder.rules.points.PointsModel;
import org.innoladder.rules.points.PointsResult;
import org.innoladder.rules.points.Stage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import javax.sql.DataSource;

import org.innoladder.audit.AuditTrail;
import org.innoladder.db.ArrayDelete;
import org.innoladder.db.CsvCopy;
import org.innoladder.enterprise.Populations;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.Population;
import org.innoladder.web.BadParameterException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Points runs: the innovation points of every enterprise of a region subtree for one year, computed by the
 * configured {@link PointsModel} over <em>that</em> population and upserted into {@code enterprise_points}.
 *
 * <p><b>Which population.</b> Standard scores say where an enterprise stands among the enterprises of its stage,
 * so a run scores the whole population at once: every enterprise of the run's region subtree with a row for the
 * year. A city-wide run (the bureau's evaluation run for 常州市, or {@code ./innoladder points --year Y
 * --region 3204}) is the normal case: the city is the unit that runs the points scheme, and a district's or a
 * town's enterprises are then compared with the whole city. A run for a smaller region compares its enterprises
 * with each other only and replaces their stored points; each stored row names its run, and the run its region
 * and population size, so every figure says what it is relative to.
 *
 * <p>Stored set-based: the population's rows of the year replaced by one COPY, in one transaction.
 */
@Service
public class PointsRuns {
    private static final Logger log = LoggerFactory.getLogger(PointsRuns.class);
    private static final int COPY_CHUNK = 2000;
    private static final String COPY = "COPY enterprise_points (enterprise_id, year, model_id, model_version, stage, total,"
            + " percentile, stage_uncertain, breakdown, run_id) FROM STDIN (FORMAT csv)";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final PointsModel model;
    private final Populations populations;
    private final Regions regions;

    public PointsRuns(DataSource dataSource, PlatformTransactionManager transactions, AuditTrail audit, Populations populations,
                      Regions regions, @Value("${innoladder.points.model-file:}") String modelFile) {
        this.regions = regions;
        this.populations = populations;
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.tx = new TransactionTemplate(transactions);
        this.audit = audit;
        this.model = modelFile == null || modelFile.isBlank() ? PointsModel.defaultModel() : PointsModel.load(Path.of(modelFile));
    }

    /** The model every run uses: {@code innoladder.points.model-file}, else the project's default. */
    public PointsModel model() {
        return model;
    }

    /** What a run stored. */
    public record Outcome(long runId, String regionCode, int year, int enterprises, int stored,
                          Map<String, Long> stageSizes) {
    }

    /** The enterprise-years of a region subtree a run reads (Y−4..Y), with the database id of each credit code. */
    public record Rows(List<FactRow> rows, Map<String, Long> ids) {
    }

    /**
     * Computes and stores the points of a region subtree (null: every region) for a year, on its own (CLI, demo):
     * the population is every enterprise of the subtree with a row for the year.
     */
    public Outcome run(String regionCode, int year, String startedBy, IntConsumer progress) {
        return run(regionCode, year, startedBy, null, progress);
    }

    /**
     * The same, as the step of an evaluation run ({@code evaluationRunId}, recorded on the points run): points are
     * relative to the whole population, so every evaluation run's region is scored again once its results are stored.
     */
    public Outcome run(String regionCode, int year, String startedBy, Long evaluationRunId, IntConsumer progress) {
        if (regionCode != null) {
            if (!regions.exists(regionCode)) {
                throw new BadParameterException("region", regionCode, "区划代码不存在", "no such region code");
            }
        }
        if (year < 1990 || year > 2100) {
            throw new BadParameterException("year", String.valueOf(year), "年度须在 1990–2100 之间", "the year must be 1990–2100");
        }
        long t0 = System.nanoTime();
        Rows rows = load(regionCode, year);
        long t1 = System.nanoTime();
        PointsResult result = model.score(rows.rows(), year);
        long t2 = System.nanoTime();
        Outcome o = tx.execute(status -> store(evaluationRunId, regionCode, year, startedBy, result, rows.ids(), progress));
        log.info("points of {} for {}: {} rows loaded in {} ms, {} enterprises scored in {} ms, stored in {} ms",
                regionCode == null ? "every region" : regionCode, year, rows.rows().size(), (t1 - t0) / 1_000_000,
                result.enterprises().size(), (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        return o;
    }

    /** Rows Y−4..Y of every enterprise of the subtree (not a caller's scope: a run is the bureau's, over its region). */
    public Rows load(String regionCode, int year) {
        List<FactRow> rows = new ArrayList<>();
        Map<String, Long> ids = new HashMap<>();
        populations.read(Populations.Query.of(year, regionCode), (id, row) -> {
            ids.putIfAbsent(row.creditCode(), id);
            rows.add(row);
        });
        return new Rows(rows, ids);
    }

    /** Scores a loaded population with the configured model (no database). */
    public PointsResult score(List<FactRow> rows, int year) {
        return model.score(rows, year);
    }

    /**
     * Stores a scored population in the caller's transaction: a {@code points_run} row naming the population, then
     * every enterprise's points upserted. Must run inside a transaction (the old rows are deleted before the COPY).
     * {@code progress} receives the number stored so far.
     *
     * @param evaluationRunId the evaluation run this is a step of, or null
     */
    public Outcome store(Long evaluationRunId, String regionCode, int year, String startedBy, PointsResult result,
                         Map<String, Long> ids, IntConsumer progress) {
        // one store per year at a time: two runs replacing the same enterprises' rows would both insert them
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('enterprise_points'), ?)").param(year).query(rs -> { });
        Map<String, Long> stageSizes = new LinkedHashMap<>();
        for (Stage s : model.stages()) stageSizes.put(s.id(), 0L);
        for (EnterprisePoints e : result.enterprises()) stageSizes.merge(e.stage(), 1L, Long::sum);
        long runId = jdbc.sql("INSERT INTO points_run (evaluation_run_id, region_code, year, model_id, model_version,"
                        + " started_by, enterprises, stage_sizes, labels) VALUES (:eval, :region, :year, :model, :version, :by, :n,"
                        + " CAST(:sizes AS jsonb), CAST(:labels AS jsonb)) RETURNING id")
                .param("eval", evaluationRunId).param("region", regionCode).param("year", year).param("model", result.modelId())
                .param("version", result.modelVersion()).param("by", startedBy).param("n", result.enterprises().size())
                .param("sizes", JSON.writeValueAsString(stageSizes)).param("labels", JSON.writeValueAsString(Breakdown.labels(model)))
                .query(Long.class).single();
        int stored;
        try {
            stored = copy(runId, result, ids, stageSizes, progress);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        // the distribution's summary of the year, rebuilt in this transaction (the COPY marked the year stale)
        jdbc.sql("SELECT points_summary_refresh(?)").param(year).query(rs -> { });
        jdbc.sql("UPDATE points_run SET finished_at = now() WHERE id = ?").param(runId).update();
        audit.record(startedBy, "points.run", "points_run:" + runId, "region " + (regionCode == null ? "all" : regionCode)
                + ", year " + year + ", model " + result.modelId() + "@" + result.modelVersion() + ", " + stored
                + " enterprises " + stageSizes + (evaluationRunId == null ? "" : ", evaluation_run:" + evaluationRunId), null);
        return new Outcome(runId, regionCode, year, result.enterprises().size(), stored, stageSizes);
    }

    /**
     * The upsert, set-based: the population's previous rows for the year are deleted and the new ones COPYed straight
     * into the table, in the caller's transaction (so readers see the old rows or the new ones, never neither). COPY
     * into a staging table and INSERT … ON CONFLICT wrote every breakdown twice and was half the run's time.
     */
    private int copy(long runId, PointsResult result, Map<String, Long> ids, Map<String, Long> stageSizes,
                     IntConsumer progress) throws SQLException {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Long[] population = new Long[result.enterprises().size()];
        for (int i = 0; i < population.length; i++) {
            Long id = ids.get(result.enterprises().get(i).creditCode());
            if (id == null) throw new IllegalStateException("no enterprise id for " + result.enterprises().get(i).creditCode());
            population[i] = id;
        }
        ArrayDelete.run(connection, "DELETE FROM enterprise_points WHERE year = ? AND enterprise_id = ANY (?)", delete -> {
            delete.setInt(1, result.year());
            delete.setArray(2, connection.createArrayOf("bigint", population));
        });
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder prefix = new StringBuilder().append(',').append(result.year()).append(',');
        CsvCopy.quoted(prefix, result.modelId()).append(',');
        CsvCopy.quoted(prefix, result.modelVersion()).append(',');
        StringBuilder b = new StringBuilder(1 << 20);
        StringBuilder json = new StringBuilder(4096);
        int pending = 0, stored = 0;
        for (int i = 0; i < population.length; i++) {
            EnterprisePoints e = result.enterprises().get(i);
            b.append(population[i]).append(prefix);
            CsvCopy.quoted(b, e.stage()).append(',').append(number(e.points())).append(',').append(number(e.percentileInStage()))
                    .append(',').append(e.stageUncertain()).append(',');
            json.setLength(0);
            Breakdown.write(json, model, e, stageSizes.get(e.stage()));
            CsvCopy.quoted(b, json).append(',').append(runId).append('\n');
            if (++pending == COPY_CHUNK) {
                CsvCopy.flush(copy, COPY, b);
                stored += pending;
                pending = 0;
                progress.accept(stored);
            }
        }
        CsvCopy.flush(copy, COPY, b);
        stored += pending;
        progress.accept(stored);
        return stored;
    }

    private static String number(double v) {
        return BigDecimal.valueOf(v).toPlainString();
    }
}
