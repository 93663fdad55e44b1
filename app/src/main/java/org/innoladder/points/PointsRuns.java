package org.innoladder.points;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import javax.sql.DataSource;

import org.innoladder.audit.AuditTrail;
import org.innoladder.evaluation.FactRowsSql;
import org.innoladder.facts.FactRow;
import org.innoladder.rules.Population;
import org.innoladder.web.BadParameterException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
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
 * <p>Stored set-based: COPY into a temporary table, then one upsert.
 */
@Service
public class PointsRuns {
    private static final int COPY_CHUNK = 2000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DataSource dataSource;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final PointsModel model;

    public PointsRuns(DataSource dataSource, PlatformTransactionManager transactions, AuditTrail audit,
                      @Value("${innoladder.points.model-file:}") String modelFile) {
        this.dataSource = dataSource;
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
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
        if (regionCode != null) {
            Integer exists = jdbc.queryForObject("SELECT count(*) FROM region WHERE code = :code", Map.of("code", regionCode), Integer.class);
            if (exists == null || exists == 0) {
                throw new BadParameterException("region", regionCode, "区划代码不存在", "no such region code");
            }
        }
        if (year < 1990 || year > 2100) {
            throw new BadParameterException("year", String.valueOf(year), "年度须在 1990–2100 之间", "the year must be 1990–2100");
        }
        Rows rows = load(regionCode, year);
        PointsResult result = model.score(rows.rows(), year);
        return tx.execute(status -> store(null, regionCode, year, startedBy, result, rows.ids(), progress));
    }

    /** Rows Y−4..Y of every enterprise of the subtree (not a caller's scope: a run is the bureau's, over its region). */
    public Rows load(String regionCode, int year) {
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("from", year - Population.YEARS_BEFORE)
                .addValue("year", year);
        String sql = "SELECT " + FactRowsSql.selectList() + " FROM enterprise e JOIN enterprise_year y ON y.enterprise_id = e.id"
                + " WHERE y.year BETWEEN :from AND :year";
        if (regionCode != null) {
            sql += " AND e.region_code LIKE :region";
            params.addValue("region", regionCode + "%");
        }
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(5000);
        List<FactRow> rows = new ArrayList<>();
        Map<String, Long> ids = new HashMap<>();
        String query = sql;
        TransactionTemplate read = new TransactionTemplate(tx.getTransactionManager());
        read.setReadOnly(true);
        read.executeWithoutResult(s -> new NamedParameterJdbcTemplate(streaming).query(query, params, rs -> {
            FactRow row = FactRowsSql.read(rs);
            ids.putIfAbsent(row.creditCode(), rs.getLong(1));
            rows.add(row);
        }));
        return new Rows(rows, ids);
    }

    /** Scores a loaded population with the configured model (no database). */
    public PointsResult score(List<FactRow> rows, int year) {
        return model.score(rows, year);
    }

    /**
     * Stores a scored population in the caller's transaction: a {@code points_run} row naming the population, then
     * every enterprise's points upserted. Must run inside a transaction (the staging table lives until commit).
     * {@code progress} receives the number stored so far.
     *
     * @param evaluationRunId the evaluation run this is a step of, or null
     */
    public Outcome store(Long evaluationRunId, String regionCode, int year, String startedBy, PointsResult result,
                         Map<String, Long> ids, IntConsumer progress) {
        Map<String, Long> stageSizes = new LinkedHashMap<>();
        for (Stage s : model.stages()) stageSizes.put(s.id(), 0L);
        for (EnterprisePoints e : result.enterprises()) stageSizes.merge(e.stage(), 1L, Long::sum);
        MapSqlParameterSource p = new MapSqlParameterSource().addValue("eval", evaluationRunId).addValue("region", regionCode)
                .addValue("year", year).addValue("model", result.modelId()).addValue("version", result.modelVersion())
                .addValue("by", startedBy).addValue("n", result.enterprises().size())
                .addValue("sizes", JSON.writeValueAsString(stageSizes));
        Long runId = jdbc.queryForObject("INSERT INTO points_run (evaluation_run_id, region_code, year, model_id, model_version,"
                + " started_by, enterprises, stage_sizes) VALUES (:eval, :region, :year, :model, :version, :by, :n, CAST(:sizes AS jsonb))"
                + " RETURNING id", p, Long.class);
        int stored;
        try {
            stored = copy(runId, regionCode, result, ids, stageSizes, progress);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        jdbc.update("UPDATE points_run SET finished_at = now() WHERE id = :id", Map.of("id", runId));
        audit.record(startedBy, "points.run", "points_run:" + runId, "region " + (regionCode == null ? "all" : regionCode)
                + ", year " + year + ", model " + result.modelId() + "@" + result.modelVersion() + ", " + stored
                + " enterprises " + stageSizes + (evaluationRunId == null ? "" : ", evaluation_run:" + evaluationRunId), null);
        return new Outcome(runId, regionCode, year, result.enterprises().size(), stored, stageSizes);
    }

    private int copy(long runId, String regionCode, PointsResult result, Map<String, Long> ids, Map<String, Long> stageSizes,
                     IntConsumer progress) throws SQLException {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TEMP TABLE points_stage (enterprise_id bigint, stage text, total numeric, percentile numeric,"
                    + " stage_uncertain boolean, breakdown jsonb) ON COMMIT DROP");
        }
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder b = new StringBuilder(1 << 20);
        int pending = 0, stored = 0;
        for (EnterprisePoints e : result.enterprises()) {
            Long id = ids.get(e.creditCode());
            if (id == null) throw new IllegalStateException("no enterprise id for " + e.creditCode());
            b.append(id).append(',');
            quoted(b, e.stage()).append(',').append(number(e.points())).append(',').append(number(e.percentileInStage()))
                    .append(',').append(e.stageUncertain()).append(',');
            quoted(b, JSON.writeValueAsString(breakdown(e, regionCode, result.enterprises().size(), stageSizes.get(e.stage()))))
                    .append('\n');
            if (++pending == COPY_CHUNK) {
                copyChunk(copy, b);
                stored += pending;
                pending = 0;
                progress.accept(stored);
            }
        }
        copyChunk(copy, b);
        stored += pending;
        progress.accept(stored);
        jdbc.update("INSERT INTO enterprise_points (enterprise_id, year, model_id, model_version, stage, total, percentile,"
                + " stage_uncertain, breakdown, run_id, computed_at) SELECT enterprise_id, :year, :model, :version, stage, total,"
                + " percentile, stage_uncertain, breakdown, :run, now() FROM points_stage"
                + " ON CONFLICT (enterprise_id, year) DO UPDATE SET model_id = excluded.model_id,"
                + " model_version = excluded.model_version, stage = excluded.stage, total = excluded.total,"
                + " percentile = excluded.percentile, stage_uncertain = excluded.stage_uncertain,"
                + " breakdown = excluded.breakdown, run_id = excluded.run_id, computed_at = excluded.computed_at",
                new MapSqlParameterSource().addValue("year", result.year()).addValue("model", result.modelId())
                        .addValue("version", result.modelVersion()).addValue("run", runId));
        try (Statement s = connection.createStatement()) {
            s.execute("DROP TABLE points_stage");
        }
        return stored;
    }

    /** The stored breakdown: self-contained (names included), so the file page needs no model to show it. */
    Map<String, Object> breakdown(EnterprisePoints e, String regionCode, int populationSize, long stageSize) {
        Map<String, Object> o = new LinkedHashMap<>();
        Stage stage = model.stages().stream().filter(s -> s.id().equals(e.stage())).findFirst().orElseThrow();
        o.put("stage", Map.of("id", stage.id(), "zh", stage.zh(), "en", stage.en()));
        Map<String, Object> population = new LinkedHashMap<>();
        population.put("region", regionCode);
        population.put("size", populationSize);
        population.put("stage_size", stageSize);
        o.put("population", population);
        o.put("indicator_points", e.indicatorPoints());
        o.put("bonus", e.bonus());
        o.put("deduction", e.deduction());
        Map<String, Indicator> indicators = new HashMap<>();
        for (Indicator i : model.indicators()) indicators.put(i.id(), i);
        List<Object> groups = new ArrayList<>();
        for (Group g : model.groups()) {
            GroupSubtotal sub = e.group(g.id());
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", g.id());
            x.put("zh", g.zh());
            x.put("en", g.en());
            x.put("points", sub == null ? 0.0 : sub.points());
            List<Object> items = new ArrayList<>();
            for (IndicatorScore s : e.indicators()) {
                if (!s.group().equals(g.id())) continue;
                Indicator ind = indicators.get(s.id());
                Map<String, Object> i = new LinkedHashMap<>();
                i.put("id", s.id());
                i.put("zh", ind.zh());
                i.put("en", ind.en());
                i.put("value", s.value());
                i.put("standard_score", s.standardScore());
                i.put("weight", s.weight());
                i.put("points", s.points());
                i.put("missing", s.missing());
                items.add(i);
            }
            x.put("indicators", items);
            groups.add(x);
        }
        o.put("groups", groups);
        Map<String, Adjustment> adjustments = new HashMap<>();
        for (Adjustment a : model.adjustments()) adjustments.put(a.id(), a);
        List<Object> adj = new ArrayList<>();
        for (AdjustmentResult a : e.adjustments()) {
            Adjustment def = adjustments.get(a.id());
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", a.id());
            x.put("kind", a.kind().name());
            x.put("zh", def.zh());
            x.put("en", def.en());
            x.put("status", a.status().name());
            x.put("points", a.points());
            adj.add(x);
        }
        o.put("adjustments", adj);
        o.put("missing", e.missing());
        return o;
    }

    private static String number(double v) {
        return BigDecimal.valueOf(v).toPlainString();
    }

    private static void copyChunk(CopyManager copy, StringBuilder b) throws SQLException {
        if (b.length() == 0) return;
        try {
            copy.copyIn("COPY points_stage FROM STDIN (FORMAT csv)",
                    new ByteArrayInputStream(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new SQLException(e);
        }
        b.setLength(0);
    }

    private static StringBuilder quoted(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') b.append('"');
            b.append(c);
        }
        return b.append('"');
    }
}
