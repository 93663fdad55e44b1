package org.innoladder.points;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.innoladder.identity.DataScope;
import org.innoladder.points.PointsStatistics.Bucket;
import org.innoladder.points.PointsStatistics.Distribution;
import org.innoladder.points.PointsStatistics.Figures;
import org.innoladder.points.PointsStatistics.Population;
import org.innoladder.points.PointsStatistics.StageName;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The points distribution read from {@code points_summary} (V180): how many enterprises hold each points value, per
 * year, region level, stage and run. A city has tens of thousands of such rows where it has a million enterprises,
 * so the page no longer aggregates every enterprise of its scope per request. The figures are computed here as
 * PostgreSQL computes them in {@link PointsStatistics#aggregated}: the median as {@code percentile_cont(0.5)} in
 * double precision, the bucket as {@code floor(total / width)} in double precision.
 */
final class PointsSummary {
    /** The region code lengths the summary keeps a level for ('' is every enterprise). */
    private static final Set<Integer> LEVELS = Set.of(0, 2, 4, 6, 9);

    private final NamedParameterJdbcTemplate jdbc;

    PointsSummary(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The summary level that holds exactly the enterprises of a scope and region filter, or null when the summary
     * cannot answer (a scope naming enterprises by id, or a code length without a level).
     */
    static String level(DataScope scope, String region) {
        String s;
        if (scope instanceof DataScope.All) s = "";
        else if (scope instanceof DataScope.RegionSubtree r) s = r.regionCode();
        else return null;
        String code = s;
        if (region != null) {
            if (region.startsWith(s)) code = region;
            else if (!s.startsWith(region)) return null;
        }
        return LEVELS.contains(code.length()) ? code : null;
    }

    boolean fresh(int year) {
        return !Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM points_summary_stale WHERE year = :y)",
                new MapSqlParameterSource("y", year), Boolean.class));
    }

    Distribution distribution(String level, String region, int year, List<StageName> modelStages,
                              Function<String, StageName> stageName) {
        MapSqlParameterSource p = new MapSqlParameterSource("y", year).addValue("level", level);
        Map<String, TreeMap<BigDecimal, Long>> byStage = new TreeMap<>();
        TreeMap<BigDecimal, Long> all = new TreeMap<>();
        Map<Long, Long> shownByRun = new TreeMap<>();
        TreeMap<Long, Map<String, Long>> buckets = new TreeMap<>();
        jdbc.query("SELECT stage, run_id, total, n FROM points_summary WHERE year = :y AND level_code = :level", p, rs -> {
            String stage = rs.getString(1);
            BigDecimal total = rs.getBigDecimal(3);
            long n = rs.getLong(4);
            byStage.computeIfAbsent(stage, k -> new TreeMap<>()).merge(total, n, Long::sum);
            all.merge(total, n, Long::sum);
            shownByRun.merge(rs.getLong(2), n, Long::sum);
            long b = (long) Math.floor(total.doubleValue() / PointsStatistics.BUCKET_WIDTH);
            buckets.computeIfAbsent(b, k -> new LinkedHashMap<>()).merge(stage, n, Long::sum);
        });
        List<Figures> stages = new ArrayList<>();
        for (StageName s : modelStages) {
            TreeMap<BigDecimal, Long> values = byStage.remove(s.id());
            stages.add(values == null ? new Figures(s, 0, null, null, null) : figures(s, values));
        }
        byStage.forEach((id, values) -> stages.add(figures(stageName.apply(id), values)));

        List<Bucket> histogram = PointsStatistics.histogram(buckets, stages);
        return new Distribution(region, year, PointsStatistics.BUCKET_WIDTH,
                all.isEmpty() ? new Figures(null, 0, null, null, null) : figures(null, all), stages, histogram,
                populations(shownByRun));
    }

    /** How many enterprises of a level hold each value under a ranking filter, highest value first. */
    record Values(BigDecimal[] desc, long[] before, long count) {
        /** The value at a position (0: the highest) of the ranking. */
        BigDecimal at(long position) {
            int i = java.util.Arrays.binarySearch(before, position);
            // before[i] is the number ranked above value i; the position lies in the last value starting at or before it
            if (i < 0) i = -i - 2;
            while (i + 1 < before.length && before[i + 1] == before[i]) i++;
            return desc[i];
        }

        /** How many enterprises hold more points than {@code value} (its rank − 1). */
        long above(BigDecimal value) {
            int i = java.util.Arrays.binarySearch(desc, value, java.util.Comparator.reverseOrder());
            if (i >= 0) return before[i];
            int insertion = -i - 1;
            return insertion < desc.length ? before[insertion] : count;
        }
    }

    Values values(String level, PointsStatistics.Filter f) {
        MapSqlParameterSource p = new MapSqlParameterSource("y", f.year()).addValue("level", level);
        StringBuilder sql = new StringBuilder("SELECT total, sum(n) FROM points_summary WHERE year = :y AND level_code = :level");
        if (f.stage() != null) {
            sql.append(" AND stage = :stage");
            p.addValue("stage", f.stage());
        }
        if (f.min() != null) {
            sql.append(" AND total >= :min");
            p.addValue("min", f.min());
        }
        if (f.max() != null) {
            sql.append(" AND total < :max");
            p.addValue("max", f.max());
        }
        List<BigDecimal> desc = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        jdbc.query(sql + " GROUP BY total ORDER BY total DESC", p, rs -> {
            desc.add(rs.getBigDecimal(1));
            counts.add(rs.getLong(2));
        });
        long[] before = new long[desc.size()];
        long seen = 0;
        for (int i = 0; i < before.length; i++) {
            before[i] = seen;
            seen += counts.get(i);
        }
        return new Values(desc.toArray(BigDecimal[]::new), before, seen);
    }

    private List<Population> populations(Map<Long, Long> shownByRun) {
        if (shownByRun.isEmpty()) return List.of();
        return jdbc.query("SELECT r.id, r.region_code, g.name, r.enterprises FROM points_run r LEFT JOIN region g ON g.code = r.region_code"
                        + " WHERE r.id IN (:ids) ORDER BY r.id", new MapSqlParameterSource("ids", shownByRun.keySet()),
                (rs, i) -> new Population(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), shownByRun.get(rs.getLong(1))));
    }

    /** Count, min, median and max of values held {@code n} times each, in ascending order. */
    static Figures figures(StageName stage, TreeMap<BigDecimal, Long> values) {
        long count = 0;
        for (long n : values.values()) count += n;
        // percentile_cont(0.5): the rows at floor and ceil of 0.5 (count - 1), interpolated in double precision
        double row = 0.5 * (count - 1);
        long firstRow = (long) Math.floor(row);
        long secondRow = (long) Math.ceil(row);
        BigDecimal first = null;
        BigDecimal second = null;
        long seen = 0;
        for (Map.Entry<BigDecimal, Long> v : values.entrySet()) {
            seen += v.getValue();
            if (first == null && seen > firstRow) first = v.getKey();
            if (seen > secondRow) {
                second = v.getKey();
                break;
            }
        }
        double lo = first.doubleValue();
        double median = firstRow == secondRow ? lo : lo + (second.doubleValue() - lo) * (row - firstRow);
        return new Figures(stage, count, values.firstKey(), BigDecimal.valueOf(median), values.lastKey());
    }
}
