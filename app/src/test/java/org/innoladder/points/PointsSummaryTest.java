package org.innoladder.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.innoladder.identity.DataScope;
import org.innoladder.importer.ImportService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The points distribution read from {@code points_summary} equals the one aggregated over {@code enterprise_points}
 * for every scope and region of the fixture (city, its districts and towns, two runs in one year), after an
 * enterprise moves town, and when the year's rows were written without rebuilding the summary.
 */
@SpringBootTest(properties = "innoladder.test.context=points")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class PointsSummaryTest {
    /** A year no other points test runs (PointsWebTest's command runs 2020, PointsRunTest 2022–2024). */
    static final int TWO_RUNS_YEAR = 2019;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PointsRuns runs;
    @Autowired
    PointsStatistics statistics;
    @Autowired
    ImportService importer;

    @BeforeEach
    void data() throws Exception {
        PointsTestData.ensureLoaded(jdbc, importer, runs);
        if (jdbc.sql("SELECT count(DISTINCT run_id) FROM enterprise_points WHERE year = ?").params(TWO_RUNS_YEAR).query(Long.class).single() < 2) {
            runs.run("3204", TWO_RUNS_YEAR, "test", n -> { });
            runs.run("320412", TWO_RUNS_YEAR, "test", n -> { });
        }
    }

    @Test
    void theSummaryAnswersAsTheAggregateForEveryRegion() {
        int compared = 0;
        for (int year : new int[] {PointsTestData.CITY_YEAR, TWO_RUNS_YEAR}) {
            assertThat(fresh(year)).as("summary of " + year).isTrue();
            for (String code : regionsWithPoints()) {
                compareBoth(new DataScope.RegionSubtree(code), null, year);
                compareBoth(DataScope.All.class.cast(new DataScope.All()), code, year);
                compareBoth(new DataScope.RegionSubtree("3204"), code, year);
                compared++;
            }
            compareBoth(new DataScope.All(), null, year);
        }
        assertThat(compared).isGreaterThan(10);
        // both runs of the year are populations of the city's figures, the district's only of the district run
        assertThat(statistics.distribution(new DataScope.RegionSubtree("3204"), null, TWO_RUNS_YEAR).populations()).hasSize(2);
    }

    @Test
    void theRankingFromTheSummaryListsWhatSortingEveryEnterpriseLists() {
        int compared = 0;
        List<String> stages = new ArrayList<>();
        stages.add(null);
        statistics.stages().forEach(s -> stages.add(s.id()));
        for (int year : new int[] {PointsTestData.CITY_YEAR, TWO_RUNS_YEAR}) {
            List<String> regions = new ArrayList<>(regionsWithPoints());
            regions.add("3204");
            for (String code : regions) {
                for (String stage : stages) {
                    for (BigDecimal[] band : new BigDecimal[][] {{null, null}, {new BigDecimal("20"), null}, {new BigDecimal("10"), new BigDecimal("40.5")}}) {
                        PointsStatistics.Filter f = new PointsStatistics.Filter(code, year, stage, band[0], band[1]);
                        compared += compareRanking(new DataScope.RegionSubtree("3204"), f);
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(1000);
    }

    /** Every page of the ranking (13 a page) from the summary and from the sort, compared; the number of lines. */
    private int compareRanking(DataScope scope, PointsStatistics.Filter f) {
        assertThat(PointsSummary.level(scope, f.region())).isNotNull();
        int lines = 0;
        for (int page = 1; ; page++) {
            var fromSummary = statistics.ranking(scope, f, page, 13);
            var sorted = statistics.rankingAggregated(scope, f, page, 13);
            assertThat(fromSummary.items()).as(f + " page " + page).isEqualTo(sorted.items());
            assertThat(fromSummary.totalItems()).as(f + " page " + page).isEqualTo(sorted.totalItems());
            assertThat(fromSummary.totalPages()).isEqualTo(sorted.totalPages());
            lines += fromSummary.items().size();
            if (fromSummary.items().isEmpty()) return lines;
        }
    }

    @Test
    void anEnterpriseThatMovesTakesItsPointsAlong() {
        List<String> towns = jdbc.sql("SELECT DISTINCT region_code FROM enterprise WHERE length(region_code) = 9 ORDER BY 1")
                .query(String.class).list();
        long id = jdbc.sql("SELECT min(e.id) FROM enterprise e JOIN enterprise_points p ON p.enterprise_id = e.id"
                + " WHERE e.region_code = ?").params(towns.get(0)).query(Long.class).single();
        String to = towns.get(towns.size() - 1);
        jdbc.sql("UPDATE enterprise SET region_code = ? WHERE id = ?").params(to, id).update();
        try {
            assertThat(fresh(PointsTestData.CITY_YEAR)).isTrue();
            for (String code : List.of(towns.get(0), towns.get(0).substring(0, 6), to, to.substring(0, 6), "3204")) {
                compareBoth(new DataScope.RegionSubtree(code), null, PointsTestData.CITY_YEAR);
                compareRanking(new DataScope.RegionSubtree(code), new PointsStatistics.Filter(null, PointsTestData.CITY_YEAR, null, null, null));
            }
        } finally {
            jdbc.sql("UPDATE enterprise SET region_code = ? WHERE id = ?").params(towns.get(0), id).update();
        }
        compareBoth(new DataScope.RegionSubtree(towns.get(0)), null, PointsTestData.CITY_YEAR);
    }

    @Test
    void rowsWrittenWithoutRebuildingMarkTheYearStale() {
        int year = PointsTestData.CITY_YEAR;
        long id = jdbc.sql("SELECT min(enterprise_id) FROM enterprise_points WHERE year = ?").params(year).query(Long.class).single();
        jdbc.sql("UPDATE enterprise_points SET total = total + 7 WHERE enterprise_id = ? AND year = ?").params(id, year).update();
        try {
            assertThat(fresh(year)).isFalse();
            String town = jdbc.sql("SELECT region_code FROM enterprise WHERE id = ?").params(id).query(String.class).single();
            // read from enterprise_points while stale: the changed value is in the figures
            Figures before = figuresOf(statistics.aggregated(new DataScope.RegionSubtree(town), null, year));
            assertThat(figuresOf(statistics.distribution(new DataScope.RegionSubtree(town), null, year))).isEqualTo(before);
        } finally {
            jdbc.sql("UPDATE enterprise_points SET total = total - 7 WHERE enterprise_id = ? AND year = ?").params(id, year).update();
            jdbc.sql("SELECT points_summary_refresh(?)").params(year).query(rs -> { });
        }
        assertThat(fresh(year)).isTrue();
        compareBoth(new DataScope.RegionSubtree("3204"), null, year);
    }

    @Test
    void scopesTheSummaryCannotAnswerAreAggregated() {
        assertThat(PointsSummary.level(new DataScope.OwnEnterprise(1), null)).isNull();
        assertThat(PointsSummary.level(new DataScope.RegionSubtree("3204"), "3205")).isNull();
        assertThat(PointsSummary.level(new DataScope.RegionSubtree("32041"), null)).isNull();
        assertThat(PointsSummary.level(new DataScope.RegionSubtree("320412"), "3204")).isEqualTo("320412");
        assertThat(PointsSummary.level(new DataScope.All(), null)).isEmpty();
    }

    private List<String> regionsWithPoints() {
        return jdbc.sql("""
                SELECT DISTINCT c FROM enterprise e JOIN enterprise_points p ON p.enterprise_id = e.id
                CROSS JOIN LATERAL (VALUES (left(e.region_code, 6)), (e.region_code)) v(c) ORDER BY 1""").query(String.class).list();
    }

    private boolean fresh(int year) {
        return !jdbc.sql("SELECT EXISTS (SELECT 1 FROM points_summary_stale WHERE year = ?)").params(year).query(Boolean.class).single();
    }

    private void compareBoth(DataScope scope, String region, int year) {
        assertThat(PointsSummary.level(scope, region)).as(scope + " " + region).isNotNull();
        PointsStatistics.Distribution summary = statistics.distribution(scope, region, year);
        PointsStatistics.Distribution aggregated = statistics.aggregated(scope, region, year);
        assertThat(figuresOf(summary)).as(scope + " " + region + " " + year).isEqualTo(figuresOf(aggregated));
    }

    /** Every figure as the page shows it: values compared as numbers (a median is a double either way). */
    record Figures(List<String> lines) {
    }

    private static Figures figuresOf(PointsStatistics.Distribution d) {
        List<String> lines = new ArrayList<>();
        List<PointsStatistics.Figures> all = new ArrayList<>();
        all.add(d.all());
        all.addAll(d.stages());
        for (PointsStatistics.Figures f : all) {
            lines.add((f.stage() == null ? "all" : f.stage().id()) + " n=" + f.count() + " min=" + plain(f.min())
                    + " median=" + (f.median() == null ? null : f.median().doubleValue()) + " max=" + plain(f.max()));
        }
        for (PointsStatistics.Bucket b : d.buckets()) lines.add("bucket " + b.fromText() + "–" + b.toText() + " " + b.count() + " " + b.byStage());
        for (PointsStatistics.Population p : d.populations()) lines.add(p.toString());
        return new Figures(lines);
    }

    private static String plain(BigDecimal v) {
        return v == null ? null : v.stripTrailingZeros().toPlainString();
    }
}
