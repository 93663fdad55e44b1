package org.innoladder.rules;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.FactRow;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchAndJsonTest {

    @Test
    void batchResultsEqualSingleEvaluations() {
        List<FactRow> rows = new Synthetic(3, 0.05).population(2000, 2023);
        Ruleset rs = Rulesets.get("tsme");
        Population pop = Population.of(rows, 2023);
        BatchResult batch = rs.evaluate(pop);
        List<EvaluationResult> results = batch.results();
        var byCode = rows.stream().collect(Collectors.groupingBy(FactRow::creditCode));
        assertThat(results).hasSize(pop.size());
        for (int i = 0; i < pop.size(); i += 7) {
            EvaluationResult single = rs.evaluate(byCode.get(pop.creditCode(i)), 2023);
            assertThat(results.get(i)).isEqualTo(single);
            assertThat(batch.outcome(i)).isEqualTo(single.outcome());
            assertThat(batch.scoreMin(i)).isEqualTo(single.score().min());
        }
        assertThat(batch.count(Outcome.QUALIFIED) + batch.count(Outcome.NOT_QUALIFIED) + batch.count(Outcome.UNDETERMINED))
                .isEqualTo(pop.size());
    }

    @Test
    void populationHoldsEnterprisesWithARowForTheYear() {
        FactRow old = row("91110108551385082Q", 2021);
        FactRow current = row("914403001922038216", 2023);
        Population pop = Population.of(List.of(old, current, row("914403001922038216", 2022)), 2023);
        assertThat(pop.size()).isEqualTo(1);
        assertThat(pop.creditCode(0)).isEqualTo("914403001922038216");
        assertThatThrownBy(() -> Rulesets.get("tsme").evaluate(List.of(old), 2023)).hasMessageContaining("no row for year 2023");
        assertThatThrownBy(() -> Rulesets.get("tsme").evaluate(List.of(old, current), 2023)).hasMessageContaining("mixes enterprises");
    }

    @Test
    void resultsWriteTheAgreedJsonShape() {
        EvaluationResult r = Rulesets.get("tsme@2017").evaluate(List.of(FactRow.builder()
                .set(Column.CREDIT_CODE, "91110108551385082Q").set(Column.NAME, "小米\"测试\"").set(Column.YEAR, 2023)
                .set(Column.FOUNDED_ON, LocalDate.of(2010, 4, 6)).set(Column.EMPLOYEES, 100).set(Column.TECH_STAFF, 9)
                .build()), 2023);
        String json = r.toJson();
        assertThat(json).startsWith("{\"credit_code\":\"91110108551385082Q\",\"name\":\"小米\\\"测试\\\"\",\"ruleset\":\"tsme\","
                + "\"version\":\"2017\",\"year\":2023,\"outcome\":\"UNDETERMINED\",\"score\":{\"min\":0,\"max\":80},\"criteria\":[");
        assertThat(json).contains("{\"id\":\"size_employees\",\"status\":\"PASS\",\"value\":100,\"threshold\":500,"
                + "\"reference\":\"国科发政〔2017〕115号 第六条（二）\"}");
        assertThat(json).contains("{\"id\":\"size_revenue\",\"status\":\"UNKNOWN\",\"value\":null,\"threshold\":200000000,");
        assertThat(json).contains("\"items\":[{\"id\":\"tech_staff\",\"band\":\"<10%\",\"min\":0,\"max\":0}");
        assertThat(json).endsWith("\"gaps\":[{\"criterion\":\"tech_staff_nonzero\",\"lever\":\"tech_staff\",\"current\":9,"
                + "\"required\":10,\"delta\":1}]}");
    }

    @Test
    void aRulesetWithoutScoresHasANullScore() {
        String yaml = """
                id: demo
                version: "1"
                title: {zh: 示例, en: Demo}
                references: [{document: 文号, trust: official}]
                effective: {from: 2020-01-01}
                criteria:
                  - {id: listed, label: {zh: 已上市, en: listed}, unit: none, reference: 第一条, condition: "e.listed"}
                decision: listed
                """;
        Ruleset rs = Ruleset.load("demo@1.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        FactRow row = FactRow.builder().set(Column.CREDIT_CODE, "91110108551385082Q").set(Column.NAME, "x")
                .set(Column.YEAR, 2023).set(Column.LISTED, true).build();
        EvaluationResult r = rs.evaluate(List.of(row), 2023);
        assertThat(r.outcome()).isEqualTo(Outcome.QUALIFIED);
        assertThat(r.toJson()).contains("\"score\":null,\"criteria\":[{\"id\":\"listed\",\"status\":\"PASS\",\"value\":true,"
                + "\"threshold\":null,\"reference\":\"第一条\"}],\"items\":[],\"gaps\":[]}");
    }

    @Test
    void parametersAreDateKeyed() {
        String yaml = """
                id: demo
                version: "2"
                title: {zh: 示例, en: Demo}
                references: [{document: 文号, trust: official}]
                effective: {from: 2020-01-01}
                parameters:
                  min_rd:
                    label: {zh: 研发费用下限, en: minimum R&D}
                    unit: yuan
                    reference: 第一条
                    values:
                      - {from: 2020-01-01, value: 100}
                      - {from: 2023-01-01, value: 200}
                criteria:
                  - {id: rd, label: {zh: 研发费用, en: R&D}, unit: yuan, reference: 第一条, condition: "e.rd_expense >= p.min_rd", threshold: "p.min_rd"}
                decision: rd
                """;
        Ruleset rs = Ruleset.load("demo@2.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        FactRow.Builder b = FactRow.builder().set(Column.CREDIT_CODE, "91110108551385082Q").set(Column.NAME, "x")
                .set(Column.RD_EXPENSE, new BigDecimal("150"));
        assertThat(rs.evaluate(List.of(b.set(Column.YEAR, 2022).build()), 2022).outcome()).isEqualTo(Outcome.QUALIFIED);
        EvaluationResult later = rs.evaluate(List.of(b.set(Column.YEAR, 2023).build()), 2023);
        assertThat(later.outcome()).isEqualTo(Outcome.NOT_QUALIFIED);
        assertThat(later.criteria().get(0).threshold()).isEqualTo(200.0);
    }

    private static FactRow row(String code, int year) {
        return FactRow.builder().set(Column.CREDIT_CODE, code).set(Column.NAME, "n").set(Column.YEAR, year).build();
    }
}
