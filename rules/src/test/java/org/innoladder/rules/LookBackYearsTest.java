package org.innoladder.rules;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.FactRow;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The look-back facts y3.* and y4.* (Y−3, Y−4) and the derived e.founded_year and e.year: read from the rows
 * for those years by all three paths, unknown (never zero) when there is no row, and without changing the
 * three-year window of sum3.* and e.lookback_years.
 */
class LookBackYearsTest {
    private static final int Y = 2023;
    private static final String CODE = "91110108551385082Q";

    private static final Ruleset PROBE = Ruleset.load("probe@1.yaml", new ByteArrayInputStream("""
            id: probe
            version: "1"
            title: {zh: 回溯年份, en: Look-back probe}
            references:
              - {document: test, trust: open}
            effective: {from: 2000-01-01, to: null}
            criteria:
              - {id: y3_known, label: {zh: 测试, en: probe}, unit: yuan, reference: t, condition: "y3.sales_revenue >= 0.0", value: "y3.sales_revenue"}
              - {id: y4_known, label: {zh: 测试, en: probe}, unit: yuan, reference: t, condition: "y4.sales_revenue >= 0.0", value: "y4.sales_revenue"}
              - {id: y4_large, label: {zh: 测试, en: probe}, unit: yuan, reference: t, condition: "y4.sales_revenue >= 10000000.0", value: "y4.sales_revenue"}
              - {id: sum3, label: {zh: 测试, en: probe}, unit: yuan, reference: t, condition: "sum3.sales_revenue >= 0.0", value: "sum3.sales_revenue"}
              - {id: lookback, label: {zh: 测试, en: probe}, unit: yuan, reference: t, condition: "e.lookback_years >= 0.0", value: "e.lookback_years"}
              - {id: founded_year, label: {zh: 测试, en: probe}, unit: yuan, reference: t, condition: "e.founded_year >= 0.0", value: "e.founded_year"}
              - {id: year, label: {zh: 测试, en: probe}, unit: yuan, reference: t, condition: "e.year >= 0.0", value: "e.year"}
              - id: old_enough
                label: {zh: 测试, en: probe}
                unit: none
                reference: t
                condition: "e.founded_year <= e.year - 4.0 && y4.sales_revenue >= 10000000.0"
            decision: {all: [y4_large]}
            """.getBytes(StandardCharsets.UTF_8)));

    private static FactRow row(int year, LocalDate founded, long revenue) {
        return FactRow.builder().set(Column.CREDIT_CODE, CODE).set(Column.NAME, "回溯").set(Column.YEAR, year)
                .set(Column.FOUNDED_ON, founded).set(Column.SALES_REVENUE, BigDecimal.valueOf(revenue)).build();
    }

    /** Criteria by id, after checking that compiled, interpreted and batch paths agree. */
    private static Map<String, EvaluationResult.CriterionResult> evaluate(List<FactRow> rows) {
        EvaluationResult compiled = PROBE.evaluate(rows, Y);
        assertThat(PROBE.evaluateInterpreted(rows, Y, LocalDate.of(Y, 12, 31))).isEqualTo(compiled);
        BatchResult batch = PROBE.evaluate(Population.of(rows, Y));
        assertThat(batch.result(0)).isEqualTo(compiled);
        return compiled.criteria().stream().collect(Collectors.toMap(EvaluationResult.CriterionResult::id, Function.identity()));
    }

    @Test
    void yearsThreeAndFourBackAreReadFromTheirRows() {
        LocalDate founded = LocalDate.of(2015, 6, 1);
        List<FactRow> rows = new ArrayList<>();
        for (int o = 0; o <= 4; o++) rows.add(row(Y - o, founded, 10_000_000L * (5 - o)));
        Map<String, EvaluationResult.CriterionResult> c = evaluate(rows);
        assertThat(c.get("y3_known").value()).isEqualTo(20_000_000.0);
        assertThat(c.get("y4_known").value()).isEqualTo(10_000_000.0);
        assertThat(c.get("y4_large").status()).isEqualTo(Status.PASS);
        assertThat(c.get("old_enough").status()).isEqualTo(Status.PASS);
        assertThat(c.get("founded_year").value()).isEqualTo(2015.0);
        assertThat(c.get("year").value()).isEqualTo((double) Y);
    }

    @Test
    void olderRowsDoNotWidenTheThreeYearWindow() {
        LocalDate founded = LocalDate.of(2010, 1, 1);
        List<FactRow> rows = new ArrayList<>();
        for (int o = 0; o <= 4; o++) rows.add(row(Y - o, founded, 1_000_000L * (o + 1)));
        Map<String, EvaluationResult.CriterionResult> c = evaluate(rows);
        // Y, Y−1, Y−2 only: 1 + 2 + 3 million, not 4 and 5 million from Y−3 and Y−4.
        assertThat(c.get("sum3").value()).isEqualTo(6_000_000.0);
        assertThat(c.get("lookback").value()).isEqualTo(3.0);
    }

    @Test
    void aYoungerEnterpriseHasUnknownNotZeroYearsThreeAndFour() {
        LocalDate founded = LocalDate.of(Y - 1, 3, 1);
        List<FactRow> rows = List.of(row(Y, founded, 30_000_000), row(Y - 1, founded, 20_000_000));
        Map<String, EvaluationResult.CriterionResult> c = evaluate(rows);
        // A zero would make "≥ 0" pass; unknown leaves it open.
        assertThat(c.get("y3_known").status()).isEqualTo(Status.UNKNOWN);
        assertThat(c.get("y4_known").status()).isEqualTo(Status.UNKNOWN);
        assertThat(c.get("y3_known").value()).isNull();
        assertThat(c.get("y4_known").value()).isNull();
        assertThat(c.get("lookback").value()).isEqualTo(2.0);
        // Founded after Y−4 decides "operated four years earlier" even though Y−4 revenue is unknown.
        assertThat(c.get("old_enough").status()).isEqualTo(Status.FAIL);
        assertThat(PROBE.evaluate(rows, Y).outcome()).isEqualTo(Outcome.UNDETERMINED);
    }

    @Test
    void aMissingMiddleYearIsUnknownWhileTheOthersAreRead() {
        LocalDate founded = LocalDate.of(2012, 1, 1);
        List<FactRow> rows = List.of(row(Y, founded, 5), row(Y - 1, founded, 4), row(Y - 2, founded, 3),
                row(Y - 4, founded, 12_000_000));
        Map<String, EvaluationResult.CriterionResult> c = evaluate(rows);
        assertThat(c.get("y3_known").status()).isEqualTo(Status.UNKNOWN);
        assertThat(c.get("y4_known").value()).isEqualTo(12_000_000.0);
        // Rows older than Y−4 are not part of the population's look-back.
        Population p = Population.of(List.of(row(Y, founded, 1), row(Y - 5, founded, 99)), Y);
        assertThat(p.size()).isEqualTo(1);
        assertThat(PROBE.evaluate(p).result(0).criteria(Status.UNKNOWN)).contains("y3_known", "y4_known");
    }

    @Test
    void unknownFoundingDateLeavesTheDerivedYearsUnknown() {
        List<FactRow> rows = List.of(row(Y, null, 1), row(Y - 4, null, 20_000_000));
        Map<String, EvaluationResult.CriterionResult> c = evaluate(rows);
        assertThat(c.get("founded_year").status()).isEqualTo(Status.UNKNOWN);
        assertThat(c.get("year").value()).isEqualTo((double) Y);
        assertThat(c.get("old_enough").status()).isEqualTo(Status.UNKNOWN);
    }
}
