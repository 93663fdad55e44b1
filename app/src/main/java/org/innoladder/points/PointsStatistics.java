package org.innoladder.points;

import org.innoladder.rules.points.PointsModel;
import org.innoladder.rules.points.Stage;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.innoladder.web.ResultPage;
import org.innoladder.identity.DataScope;
import org.innoladder.web.BadParameterException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Read side of the stored innovation points: the distribution over a region subtree and year (histogram buckets by
 * stage, with counts, min/median/max), the ranking (paged in SQL, filtered by stage and points band) and one
 * enterprise's points with the breakdown. Every query is limited by the caller's {@link DataScope} with bound
 * parameters: a town user's figures add up to its town, a bank's to the enterprises that authorise it.
 */
@Service
public class PointsStatistics {
    /** Histogram bucket width in points: the default model's points run from about −50 to 120. */
    public static final double BUCKET_WIDTH = 10;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NamedParameterJdbcTemplate jdbc;
    private final PointsModel model;
    private final PointsSummary summary;

    public PointsStatistics(NamedParameterJdbcTemplate jdbc, PointsRuns runs) {
        this.jdbc = jdbc;
        this.model = runs.model();
        this.summary = new PointsSummary(jdbc);
    }

    /** A stage id with its names in the configured model (the id itself for a stage the model no longer has). */
    public record StageName(String id, String zh, String en) {
        public String name(Locale locale) {
            return "en".equals(locale.getLanguage()) ? en : zh;
        }
    }

    /** One histogram bucket: points in [from, to), counted per stage. */
    public record Bucket(double from, double to, long count, Map<String, Long> byStage) {
        /** The lower bound as a link parameter (10, not 10.0). */
        public String fromText() {
            return BigDecimal.valueOf(from).stripTrailingZeros().toPlainString();
        }

        public String toText() {
            return BigDecimal.valueOf(to).stripTrailingZeros().toPlainString();
        }
    }

    /** Figures of one stage (or of all, stage null). Min/median/max are null when count is 0. */
    public record Figures(StageName stage, long count, BigDecimal min, BigDecimal median, BigDecimal max) {
    }

    /** A points run the figures are relative to: its region (null: every region) and population size. */
    public record Population(long runId, String regionCode, String regionName, int size, long shown) {
    }

    /** The distribution of points for a region subtree and year, in the caller's scope. */
    public record Distribution(String region, int year, double bucketWidth, Figures all, List<Figures> stages,
                               List<Bucket> buckets, List<Population> populations) {
        public boolean empty() {
            return all.count() == 0;
        }

        /** Categories, one bar series per stage and each bucket's band, serialised into the page for ECharts. */
        public Map<String, Object> chart(Locale locale) {
            List<String> categories = new ArrayList<>();
            List<Map<String, String>> bands = new ArrayList<>();
            for (Bucket b : buckets) {
                categories.add(b.fromText() + "–" + b.toText());
                bands.add(Map.of("min", b.fromText(), "max", b.toText()));
            }
            List<Map<String, Object>> series = new ArrayList<>();
            for (Figures f : stages) {
                List<Long> data = new ArrayList<>();
                for (Bucket b : buckets) data.add(b.byStage().getOrDefault(f.stage().id(), 0L));
                series.add(Map.of("name", f.stage().name(locale), "type", "bar", "stack", "stage", "data", data));
            }
            return Map.of("categories", categories, "bands", bands, "series", series);
        }
    }

    /** One line of the ranking. {@code rank} is the position by points among the filtered enterprises (ties share). */
    public record Ranked(long rank, long enterpriseId, String creditCode, String name, String regionCode, StageName stage,
                         boolean stageUncertain, BigDecimal total, BigDecimal percentile) {
    }

    /** A ranking filter: stage (null: every stage) and points band [min, max) (null: open). */
    public record Filter(String region, int year, String stage, BigDecimal min, BigDecimal max) {
    }

    public List<StageName> stages() {
        return model.stages().stream().map(s -> new StageName(s.id(), s.zh(), s.en())).toList();
    }

    StageName stageName(String id) {
        for (Stage s : model.stages()) {
            if (s.id().equals(id)) return new StageName(s.id(), s.zh(), s.en());
        }
        return new StageName(id, id, id);
    }

    /** Checks a stage parameter against the model's stages (null/blank: every stage). */
    public String stage(String value) {
        if (value == null || value.isBlank()) return null;
        String v = value.strip();
        for (Stage s : model.stages()) {
            if (s.id().equals(v)) return v;
        }
        String known = String.join(", ", model.stages().stream().map(Stage::id).toList());
        throw new BadParameterException("stage", v, "须为积分模型的阶段之一：" + known, "must be a stage of the points model: " + known);
    }

    /** A points bound (null/blank: open). */
    public static BigDecimal bound(String name, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, value, "须为数字（积分）", "must be a number (points)");
        }
    }

    private static String where(DataScope scope, String region, int year, MapSqlParameterSource p) {
        DataScope.SqlFilter f = scope.enterpriseFilter("e");
        p.addValues(f.params()).addValue("year", year);
        String sql = " FROM enterprise_points p JOIN enterprise e ON e.id = p.enterprise_id WHERE p.year = :year AND " + f.sql();
        if (region != null) {
            sql += " AND e.region_code LIKE :region";
            p.addValue("region", region + "%");
        }
        return sql;
    }

    /**
     * The distribution from {@code points_summary} when the scope is a region subtree (or everything) and the year's
     * summary is not stale, else aggregated over every enterprise of the scope ({@link #aggregated}). Repeatable read:
     * the staleness mark and the summary are read from one snapshot.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Distribution distribution(DataScope scope, String region, int year) {
        String level = PointsSummary.level(scope, region);
        if (level != null && summary.fresh(year)) {
            return summary.distribution(level, region, year, stages(), this::stageName);
        }
        return aggregated(scope, region, year);
    }

    /** The distribution aggregated over the scope's enterprise_points (every scope; the summary's specification). */
    @Transactional(readOnly = true)
    public Distribution aggregated(DataScope scope, String region, int year) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String from = where(scope, region, year, p);
        Figures all = new Figures(null, 0, null, null, null);
        Map<String, Figures> byStage = new LinkedHashMap<>();
        jdbc.query("SELECT p.stage, GROUPING(p.stage) AS total_row, count(*) AS n, min(p.total) AS lo,"
                + " percentile_cont(0.5) WITHIN GROUP (ORDER BY p.total) AS median, max(p.total) AS hi" + from
                + " GROUP BY GROUPING SETS ((p.stage), ())", p, rs -> {
            Figures f = new Figures(rs.getInt("total_row") == 1 ? null : stageName(rs.getString("stage")), rs.getLong("n"),
                    rs.getBigDecimal("lo"), rs.getBigDecimal("median"), rs.getBigDecimal("hi"));
            if (f.stage() == null) byStage.put(null, f);
            else byStage.put(f.stage().id(), f);
        });
        if (byStage.containsKey(null)) all = byStage.remove(null);
        List<Figures> stages = new ArrayList<>();
        for (StageName s : stages()) {
            Figures f = byStage.remove(s.id());
            stages.add(f != null ? f : new Figures(s, 0, null, null, null));
        }
        stages.addAll(byStage.values());

        p.addValue("w", BUCKET_WIDTH);
        TreeMap<Long, Map<String, Long>> counts = new TreeMap<>();
        jdbc.query("SELECT floor(p.total / :w)::bigint AS b, p.stage, count(*) AS n" + from + " GROUP BY 1, 2", p,
                (RowCallbackHandler) rs -> counts.computeIfAbsent(rs.getLong("b"), k -> new HashMap<>())
                        .put(rs.getString("stage"), rs.getLong("n")));
        List<Bucket> buckets = histogram(counts, stages);

        List<Population> populations = jdbc.query("SELECT r.id, r.region_code, g.name, r.enterprises, count(*) AS shown" + from
                        .replace(" WHERE ", " JOIN points_run r ON r.id = p.run_id LEFT JOIN region g ON g.code = r.region_code WHERE ")
                        + " GROUP BY r.id, r.region_code, g.name, r.enterprises ORDER BY r.id",
                p, (rs, i) -> new Population(rs.getLong("id"), rs.getString("region_code"), rs.getString("name"),
                        rs.getInt("enterprises"), rs.getLong("shown")));
        return new Distribution(region, year, BUCKET_WIDTH, all, stages, buckets, populations);
    }

    private String rankingQuery(DataScope scope, Filter filter, MapSqlParameterSource p) {
        String sql = where(scope, filter.region(), filter.year(), p);
        if (filter.stage() != null) {
            sql += " AND p.stage = :stage";
            p.addValue("stage", filter.stage());
        }
        if (filter.min() != null) {
            sql += " AND p.total >= :min";
            p.addValue("min", filter.min());
        }
        if (filter.max() != null) {
            sql += " AND p.total < :max";
            p.addValue("max", filter.max());
        }
        return sql;
    }

    private static final String RANKED_COLUMNS = "SELECT rank() OVER (ORDER BY p.total DESC) AS rank, e.id, e.credit_code,"
            + " e.name, e.region_code, p.stage, p.stage_uncertain, p.total, p.percentile";

    private final RowMapper<Ranked> rankedMapper = (rs, i) -> new Ranked(rs.getLong("rank"), rs.getLong("id"),
            rs.getString("credit_code"), rs.getString("name"), rs.getString("region_code"), stageName(rs.getString("stage")),
            rs.getBoolean("stage_uncertain"), rs.getBigDecimal("total"), rs.getBigDecimal("percentile"));

    /**
     * Enterprises ordered by points (highest first, then credit code), one page of them. With a fresh summary for the
     * scope, its counts per value give the total, the ranks and the band of values the page lies in, and only the
     * enterprises in that band are read; else the scope's enterprises are sorted ({@link #rankingAggregated}).
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ResultPage<Ranked> ranking(DataScope scope, Filter filter, int page, int size) {
        String level = PointsSummary.level(scope, filter.region());
        if (level != null && summary.fresh(filter.year())) return rankingFromSummary(scope, filter, level, page, size);
        return rankingAggregated(scope, filter, page, size);
    }

    private ResultPage<Ranked> rankingFromSummary(DataScope scope, Filter filter, String level, int page, int size) {
        PointsSummary.Values values = summary.values(level, filter);
        long total = values.count();
        long offset = (long) (page - 1) * size;
        if (offset >= total) return new ResultPage<>(List.of(), page, size, total, (total + size - 1) / size);
        BigDecimal hi = values.at(offset);
        BigDecimal lo = values.at(Math.min(offset + size, total) - 1);
        MapSqlParameterSource p = new MapSqlParameterSource();
        String from = rankingQuery(scope, filter, p) + " AND p.total <= :band_hi AND p.total >= :band_lo";
        p.addValue("band_hi", hi).addValue("band_lo", lo).addValue("limit", size).addValue("offset", offset - values.above(hi));
        List<Ranked> items = jdbc.query(BAND_COLUMNS + from + " ORDER BY p.total DESC, e.credit_code LIMIT :limit OFFSET :offset", p,
                (rs, i) -> new Ranked(values.above(rs.getBigDecimal("total")) + 1, rs.getLong("id"), rs.getString("credit_code"),
                        rs.getString("name"), rs.getString("region_code"), stageName(rs.getString("stage")),
                        rs.getBoolean("stage_uncertain"), rs.getBigDecimal("total"), rs.getBigDecimal("percentile")));
        return new ResultPage<>(items, page, size, total, (total + size - 1) / size);
    }

    private static final String BAND_COLUMNS = "SELECT e.id, e.credit_code, e.name, e.region_code, p.stage, p.stage_uncertain,"
            + " p.total, p.percentile";

    /** {@link #ranking} sorting every enterprise of the scope (any scope; the summary's specification). */
    @Transactional(readOnly = true)
    public ResultPage<Ranked> rankingAggregated(DataScope scope, Filter filter, int page, int size) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String from = rankingQuery(scope, filter, p);
        Long total = jdbc.queryForObject("SELECT count(*)" + from, p, Long.class);
        p.addValue("limit", size).addValue("offset", (long) (page - 1) * size);
        List<Ranked> items = jdbc.query(RANKED_COLUMNS + from + " ORDER BY p.total DESC, e.credit_code LIMIT :limit OFFSET :offset",
                p, rankedMapper);
        long n = total == null ? 0 : total;
        return new ResultPage<>(items, page, size, n, (n + size - 1) / size);
    }

    /** Every line of the ranking, streamed (the Excel export). */
    @Transactional(readOnly = true)
    public void rankingAll(DataScope scope, Filter filter, Consumer<Ranked> each) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String from = rankingQuery(scope, filter, p);
        int[] i = {0};
        jdbc.query(RANKED_COLUMNS + from + " ORDER BY p.total DESC, e.credit_code", p,
                (RowCallbackHandler) rs -> each.accept(rankedMapper.mapRow(rs, i[0]++)));
    }

    // ---- one enterprise -----------------------------------------------------------------------------------

    /** Whether the enterprise exists in the scope (another scope's enterprise is "not found"). */
    @Transactional(readOnly = true)
    public boolean visible(DataScope scope, String creditCode) {
        DataScope.SqlFilter f = scope.enterpriseFilter("e");
        Boolean b = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM enterprise e WHERE e.credit_code = :code AND " + f.sql() + ")",
                new MapSqlParameterSource(f.params()).addValue("code", creditCode), Boolean.class);
        return Boolean.TRUE.equals(b);
    }

    /** The latest year with stored points in the scope, or null when there are none. */
    @Transactional(readOnly = true)
    public Integer latestYear(DataScope scope) {
        DataScope.SqlFilter f = scope.enterpriseFilter("e");
        return jdbc.queryForObject("SELECT max(p.year) FROM enterprise_points p JOIN enterprise e ON e.id = p.enterprise_id WHERE "
                + f.sql(), new MapSqlParameterSource(f.params()), Integer.class);
    }

    public record IndicatorLine(String id, String zh, String en, Double value, double standardScore, double weight,
                                double points, boolean missing) {
        /** The raw value for people: whole numbers as such, large ones grouped with 2 decimals, ratios with 4. */
        public String valueText() {
            if (value == null) return "";
            double v = value;
            if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%,d", (long) v);
            return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.2f", v) : String.format(Locale.ROOT, "%.4f", v);
        }
    }

    public record GroupLine(String id, String zh, String en, double points, List<IndicatorLine> indicators) {
    }

    public record AdjustmentLine(String id, String kind, String zh, String en, String status, double points) {
    }

    /** One enterprise's stored points for one year, with the breakdown and the population they are relative to. */
    public record StoredPoints(String creditCode, int year, String modelId, String modelVersion, boolean defaultModel,
                               StageName stage, boolean stageUncertain, BigDecimal total, BigDecimal percentile,
                               double indicatorPoints, double bonus, double deduction, List<GroupLine> groups,
                               List<AdjustmentLine> adjustments, List<IndicatorLine> missing, long runId,
                               String populationRegion, String populationRegionName, int populationSize, long stageSize,
                               OffsetDateTime computedAt) {
    }

    /** The enterprise's stored points (newest year first; only {@code year} when given), or empty outside the scope. */
    @Transactional(readOnly = true)
    public List<StoredPoints> forEnterprise(DataScope scope, String creditCode, Integer year) {
        DataScope.SqlFilter f = scope.enterpriseFilter("e");
        MapSqlParameterSource p = new MapSqlParameterSource(f.params()).addValue("code", creditCode);
        String sql = "SELECT e.credit_code, p.year, p.model_id, p.model_version, p.stage, p.stage_uncertain, p.total, p.percentile,"
                + " p.breakdown::text AS breakdown, r.labels::text AS labels, p.run_id, r.region_code AS population_region, g.name AS population_name,"
                + " r.enterprises, p.computed_at FROM enterprise_points p JOIN enterprise e ON e.id = p.enterprise_id"
                + " JOIN points_run r ON r.id = p.run_id LEFT JOIN region g ON g.code = r.region_code"
                + " WHERE e.credit_code = :code AND " + f.sql();
        if (year != null) {
            sql += " AND p.year = :year";
            p.addValue("year", year);
        }
        return jdbc.query(sql + " ORDER BY p.year DESC", p, (rs, i) -> stored(rs.getString("credit_code"), rs.getInt("year"),
                rs.getString("model_id"), rs.getString("model_version"), rs.getString("stage"), rs.getBoolean("stage_uncertain"),
                rs.getBigDecimal("total"), rs.getBigDecimal("percentile"), JSON.readTree(rs.getString("breakdown")),
                JSON.readTree(rs.getString("labels")), rs.getLong("run_id"), rs.getString("population_region"), rs.getString("population_name"), rs.getInt("enterprises"),
                rs.getObject("computed_at", OffsetDateTime.class)));
    }

    private StoredPoints stored(String code, int year, String modelId, String modelVersion, String stage, boolean uncertain,
                                BigDecimal total, BigDecimal percentile, JsonNode b, JsonNode labels, long runId, String region,
                                String regionName, int size, OffsetDateTime computedAt) {
        JsonNode st = labels.path("stages").path(stage);
        StageName stageName = new StageName(stage, st.path("zh").asString(stage), st.path("en").asString(stage));
        List<GroupLine> groups = new ArrayList<>();
        List<IndicatorLine> missing = new ArrayList<>();
        for (JsonNode g : b.path("groups")) {
            List<IndicatorLine> lines = new ArrayList<>();
            for (JsonNode i : g.path("indicators")) {
                String id = i.path("id").asString();
                JsonNode name = labels.path("indicators").path(id);
                IndicatorLine line = new IndicatorLine(id, name.path("zh").asString(id), name.path("en").asString(id),
                        i.path("value").isNumber() ? i.path("value").asDouble() : null, i.path("standard_score").asDouble(),
                        i.path("weight").asDouble(), i.path("points").asDouble(), i.path("missing").asBoolean());
                lines.add(line);
                if (line.missing()) missing.add(line);
            }
            String id = g.path("id").asString();
            JsonNode name = labels.path("groups").path(id);
            groups.add(new GroupLine(id, name.path("zh").asString(id), name.path("en").asString(id), g.path("points").asDouble(), lines));
        }
        List<AdjustmentLine> adjustments = new ArrayList<>();
        for (JsonNode a : b.path("adjustments")) {
            String id = a.path("id").asString();
            JsonNode name = labels.path("adjustments").path(id);
            adjustments.add(new AdjustmentLine(id, a.path("kind").asString(), name.path("zh").asString(id),
                    name.path("en").asString(id), a.path("status").asString(), a.path("points").asDouble()));
        }
        return new StoredPoints(code, year, modelId, modelVersion, PointsModel.defaultModel().id().equals(modelId), stageName,
                uncertain, total, percentile, b.path("indicator_points").asDouble(), b.path("bonus").asDouble(),
                b.path("deduction").asDouble(), groups, adjustments, missing, runId, region, regionName, size,
                b.path("stage_size").asLong(), computedAt);
    }

    /** How many enterprises the points run that followed an evaluation run scored; 0 until it has finished. */
    public int storedAfterEvaluationRun(long evaluationRunId) {
        return jdbc.getJdbcTemplate().query("SELECT enterprises FROM points_run WHERE evaluation_run_id = ? AND finished_at IS NOT NULL"
                + " ORDER BY id DESC LIMIT 1", rs -> rs.next() ? rs.getInt(1) : 0, evaluationRunId);
    }

    /**
     * The histogram from counts per bucket number and stage id: every bucket from the lowest to the highest counted,
     * empty ones included, each with its stages in the order of {@code stages}.
     */
    static List<Bucket> histogram(SortedMap<Long, Map<String, Long>> counts, List<Figures> stages) {
        List<Bucket> out = new ArrayList<>();
        if (counts.isEmpty()) return out;
        for (long b = counts.firstKey(); b <= counts.lastKey(); b++) {
            Map<String, Long> c = counts.getOrDefault(b, Map.of());
            Map<String, Long> ordered = new LinkedHashMap<>();
            long n = 0;
            for (Figures f : stages) {
                long k = c.getOrDefault(f.stage().id(), 0L);
                ordered.put(f.stage().id(), k);
                n += k;
            }
            out.add(new Bucket(b * BUCKET_WIDTH, (b + 1) * BUCKET_WIDTH, n, ordered));
        }
        return out;
    }
}
