package org.innoladder.points;

import org.innoladder.rules.points.EnterprisePoints;
import org.innoladder.rules.points.IndicatorScore;
import org.innoladder.rules.points.PointsModel;
import org.innoladder.rules.points.PointsResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.importer.ImportService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Points runs against a real PostgreSQL loaded with a small synthetic 常州 set through the importer: what is stored
 * is what {@link PointsModel} computes for the same population, computed independently from the generator's rows.
 */
@SpringBootTest(properties = "innoladder.test.context=points")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class PointsRunTest {
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PointsRuns runs;
    @Autowired
    ImportService importer;

    @BeforeEach
    void data() throws Exception {
        PointsTestData.ensureLoaded(jdbc, importer, runs);
    }

    @Test
    void storedPointsEqualTheModelsOutputForTheSamePopulation() {
        PointsResult expected = PointsModel.defaultModel().score(PointsTestData.rows(), PointsTestData.CITY_YEAR);
        Map<String, Map<String, Object>> stored = storedByCode(PointsTestData.CITY_YEAR);
        assertThat(stored).hasSize(expected.enterprises().size());
        assertThat(expected.enterprises().size()).isGreaterThan(100);
        for (EnterprisePoints e : expected.enterprises()) {
            Map<String, Object> row = stored.get(e.creditCode());
            assertThat(row).as(e.creditCode()).isNotNull();
            assertThat((BigDecimal) row.get("total")).as(e.creditCode() + " total")
                    .isEqualByComparingTo(BigDecimal.valueOf(e.points()));
            assertThat((BigDecimal) row.get("percentile")).as(e.creditCode() + " percentile")
                    .isEqualByComparingTo(BigDecimal.valueOf(e.percentileInStage()));
            assertThat(row.get("stage")).isEqualTo(e.stage());
            assertThat(row.get("stage_uncertain")).isEqualTo(e.stageUncertain());
            assertThat(row.get("model_id")).isEqualTo("innoladder-default");
        }
        // every stage of the default model occurs, so percentiles are really within stages
        assertThat(stored.values().stream().map(r -> r.get("stage")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("startup", "growth", "stable");
        Map<String, Object> run = jdbc.sql("SELECT region_code, enterprises, model_version, stage_sizes::text AS sizes FROM points_run"
                + " WHERE id = (SELECT max(run_id) FROM enterprise_points WHERE year = ?)").params(PointsTestData.CITY_YEAR)
                .query().singleRow();
        assertThat(run).containsEntry("region_code", "3204").containsEntry("enterprises", expected.enterprises().size())
                .containsEntry("model_version", PointsModel.defaultModel().version());
        assertThat((String) run.get("sizes")).contains("\"startup\": " + expected.stageSize("startup"));
    }

    @Test
    void theBreakdownHoldsEveryIndicatorWithItsScoreWeightAndMissingFlag() {
        PointsResult expected = PointsModel.defaultModel().score(PointsTestData.rows(), PointsTestData.CITY_YEAR);
        EnterprisePoints some = expected.enterprises().stream().filter(e -> !e.missing().isEmpty()).findFirst()
                .orElse(expected.enterprises().get(0));
        String json = jdbc.sql("SELECT p.breakdown::text FROM enterprise_points p JOIN enterprise e ON e.id = p.enterprise_id"
                + " WHERE e.credit_code = ? AND p.year = ?").params(some.creditCode(), PointsTestData.CITY_YEAR)
                .query(String.class).single();
        var b = tools.jackson.databind.json.JsonMapper.builder().build().readTree(json);
        assertThat(b.get("stage_size").asLong()).isEqualTo(expected.stageSize(some.stage()));
        int indicators = 0;
        for (var g : b.get("groups")) {
            for (var i : g.get("indicators")) {
                indicators++;
                IndicatorScore s = some.indicator(i.get("id").asString());
                assertThat(i.get("standard_score").asDouble()).isCloseTo(s.standardScore(), within(1e-6));
                assertThat(i.get("weight").asDouble()).isEqualTo(s.weight());
                assertThat(i.get("points").asDouble()).isCloseTo(s.points(), within(1e-6));
                if (s.value() == null) assertThat(i.get("value").isNull()).isTrue();
                else assertThat(i.get("value").asDouble()).isCloseTo(s.value(), within(Math.max(1e-6, Math.abs(s.value()) * 1e-12)));
                assertThat(i.get("missing").asBoolean()).isEqualTo(s.missing());
            }
        }
        assertThat(indicators).isEqualTo(PointsModel.defaultModel().indicators().size());
        assertThat(b.get("adjustments").size()).isEqualTo(PointsModel.defaultModel().adjustments().size());
        assertThat(b.get("bonus").asDouble()).isCloseTo(some.bonus(), within(1e-6));
    }

    @Test
    void aRegionRunsPopulationIsThatRegionOnly() {
        int year = PointsTestData.CITY_YEAR - 1;
        PointsRuns.Outcome o = runs.run("320412", year, "test", n -> { });
        List<FactRow> wujin = PointsTestData.rows().stream()
                .filter(r -> r.text(Column.REGION_CODE).startsWith("320412")).toList();
        PointsResult expected = PointsModel.defaultModel().score(wujin, year);
        assertThat(o.enterprises()).isEqualTo(expected.enterprises().size()).isPositive();
        Map<String, Map<String, Object>> stored = storedByCode(year);
        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(
                expected.enterprises().stream().map(EnterprisePoints::creditCode).toList());
        for (EnterprisePoints e : expected.enterprises()) {
            assertThat((BigDecimal) stored.get(e.creditCode()).get("total")).isEqualByComparingTo(BigDecimal.valueOf(e.points()));
            assertThat((BigDecimal) stored.get(e.creditCode()).get("percentile"))
                    .isEqualByComparingTo(BigDecimal.valueOf(e.percentileInStage()));
        }
        // relative to the district, not the city: at least one enterprise scores differently from a city-wide run
        PointsResult cityWide = PointsModel.defaultModel().score(PointsTestData.rows(), year);
        assertThat(expected.enterprises()).anySatisfy(e ->
                assertThat(cityWide.get(e.creditCode()).points()).isNotEqualTo(e.points()));
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'points.run' AND target = ?")
                .params("points_run:" + o.runId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aRerunUpsertsAndPointsAtTheNewRun() {
        int year = PointsTestData.CITY_YEAR - 2;
        PointsRuns.Outcome first = runs.run("3204", year, "test", n -> { });
        long rows = jdbc.sql("SELECT count(*) FROM enterprise_points WHERE year = ?").params(year).query(Long.class).single();
        PointsRuns.Outcome second = runs.run("3204", year, "test", n -> { });
        assertThat(second.runId()).isGreaterThan(first.runId());
        assertThat(jdbc.sql("SELECT count(*) FROM enterprise_points WHERE year = ?").params(year).query(Long.class).single())
                .isEqualTo(rows).isEqualTo(first.stored());
        assertThat(jdbc.sql("SELECT DISTINCT run_id FROM enterprise_points WHERE year = ?").params(year).query(Long.class).list())
                .containsExactly(second.runId());
    }

    private Map<String, Map<String, Object>> storedByCode(int year) {
        return jdbc.sql("SELECT e.credit_code, p.stage, p.total, p.percentile, p.stage_uncertain, p.model_id"
                        + " FROM enterprise_points p JOIN enterprise e ON e.id = p.enterprise_id WHERE p.year = ?")
                .params(year).query().listOfRows().stream()
                .collect(Collectors.toMap(r -> (String) r.get("credit_code"), r -> r));
    }
}
