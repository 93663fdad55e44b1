package org.innoladder.rules.policy;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.FactRow;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyLoadTest {
    static final String GOOD = """
            code: t1
            title: {zh: 测试, en: Test}
            issuer: 测试局
            document_no: 测试〔2024〕1号
            period: {from: 2024-01-01, to: 2024-12-31}
            target_group: 全部
            mode: AUTOMATIC
            budget: 1000
            parameters:
              min_rd: {label: {zh: 研发费用下限, en: Minimum R&D expense}, value: 100, unit: 元}
              award: {label: {zh: 奖励金额, en: Award}, value: 10, unit: yuan}
            criteria:
              - id: rd
                text: {zh: 研发, en: R&D}
                condition: "e.rd_expense >= p.min_rd"
            award: "p.award"
            """;

    @Test
    void aConditionThatDoesNotTypeCheckNamesTheFieldLineAndColumn() {
        String bad = GOOD.replace("e.rd_expense >= p.min_rd", "e.rd_expence >= p.min_rd");
        assertThatThrownBy(() -> Policy.load("bad.yaml", bad)).isInstanceOfSatisfying(PolicyLoadException.class, e -> {
            assertThat(e.field()).isEqualTo("criterion 'rd' condition");
            assertThat(e.line()).isEqualTo(15);
            assertThat(e.column()).isEqualTo(17);
            assertThat(e.getMessage()).startsWith("bad.yaml: criterion 'rd' condition (line 15, column 17)").contains("rd_expence");
        });
    }

    @Test
    void aNumberWhereAConditionIsNeededAndAnIntegerAwardAreRefused() {
        assertThatThrownBy(() -> Policy.load("x.yaml", GOOD.replace("\"e.rd_expense >= p.min_rd\"", "\"e.rd_expense\"")))
                .isInstanceOfSatisfying(PolicyLoadException.class, e -> assertThat(e.field()).isEqualTo("criterion 'rd' condition"))
                .hasMessageContaining("must be a condition");
        assertThatThrownBy(() -> Policy.load("x.yaml", GOOD.replace("award: \"p.award\"", "award: \"10\"")))
                .isInstanceOfSatisfying(PolicyLoadException.class, e -> assertThat(e.field()).isEqualTo("award"))
                .hasMessageContaining("write 1.0");
    }

    @Test
    void misspeltKeysAndBadModesAreRefusedWithTheirLine() {
        assertThatThrownBy(() -> Policy.load("x.yaml", GOOD.replace("mode: AUTOMATIC", "mode: AUTO")))
                .isInstanceOfSatisfying(PolicyLoadException.class, e -> {
                    assertThat(e.field()).isEqualTo("mode");
                    assertThat(e.line()).isEqualTo(7);
                });
        assertThatThrownBy(() -> Policy.load("x.yaml", GOOD.replace("budget: 1000", "budjet: 1000")))
                .isInstanceOf(PolicyLoadException.class).hasMessageContaining("unknown key 'budjet'");
        assertThatThrownBy(() -> Policy.load("x.yaml", GOOD + "decision: {all: [rd, nope]}\n"))
                .isInstanceOf(PolicyLoadException.class).hasMessageContaining("no criterion 'nope'");
        assertThatThrownBy(() -> Policy.load("x.yaml", GOOD + "formulas:\n  e: \"1.0\"\n"))
                .isInstanceOfSatisfying(PolicyLoadException.class, e -> assertThat(e.field()).isEqualTo("formula 'e'"));
    }

    @Test
    void aParameterOrFormulaWithoutLabelOrUnitIsRefusedButAStoredVersionStillLoads() {
        String unlabelled = GOOD.replace("{label: {zh: 研发费用下限, en: Minimum R&D expense}, ", "{");
        assertThatThrownBy(() -> Policy.load("x.yaml", unlabelled))
                .isInstanceOfSatisfying(PolicyLoadException.class, e -> assertThat(e.field()).isEqualTo("parameter 'min_rd'"))
                .hasMessageContaining("needs a label: {zh: …, en: …}");
        assertThatThrownBy(() -> Policy.load("x.yaml", GOOD.replace("value: 100, unit: 元}", "value: 100}")))
                .hasMessageContaining("parameter 'min_rd'").hasMessageContaining("needs a unit");
        assertThatThrownBy(() -> Policy.load("x.yaml", GOOD.replace("value: 100, unit: 元}", "value: 100, unit: 块}")))
                .isInstanceOfSatisfying(PolicyLoadException.class, e -> assertThat(e.field()).isEqualTo("parameter 'min_rd' unit"))
                .hasMessageContaining("'块' is not a unit");
        assertThatThrownBy(() -> Policy.load("x.yaml", GOOD + "formulas:\n  twice: \"e.rd_expense * 2.0\"\n"))
                .isInstanceOfSatisfying(PolicyLoadException.class, e -> assertThat(e.field()).isEqualTo("formula 'twice'"))
                .hasMessageContaining("needs {expr: …, label: {zh: …, en: …}, unit: …}");
        // versions saved before labels were required stay readable
        Policy stored = Policy.loadStored("v1", unlabelled + "formulas:\n  twice: \"e.rd_expense * 2.0\"\n");
        assertThat(stored.parameters().get("min_rd").label()).isNull();
        assertThat(stored.parameters().get("award").label()).isEqualTo(new org.innoladder.rules.Label("奖励金额", "Award"));

        Policy labelled = Policy.load("x.yaml", GOOD + "formulas:\n  twice: {expr: \"e.rd_expense * 2.0\", label: {zh: 两倍研发费用, en: Twice R&D}, unit: yuan}\n");
        assertThat(labelled.formulaText().get("twice").unit()).isEqualTo(org.innoladder.rules.Unit.YUAN);
        assertThat(labelled.formulas().get("twice")).isEqualTo("e.rd_expense * 2.0");
        assertThat(labelled.parameters().get("min_rd").kind()).isEqualTo(org.innoladder.rules.Unit.YUAN);
    }

    @Test
    void everyExamplePolicyLabelsItsParametersAndFormulas() {
        for (Policy p : Policies.examples()) {
            p.parameters().values().forEach(x -> {
                assertThat(x.label()).as(p.code() + " " + x.name()).isNotNull();
                assertThat(org.innoladder.rules.Unit.parse(x.unit())).as(p.code() + " " + x.name()).isPresent();
            });
            assertThat(p.formulaText().keySet()).as(p.code()).containsExactlyInAnyOrderElementsOf(p.formulas().keySet());
            assertThat(p.source()).as(p.code()).doesNotContainPattern("[A-Za-z]{4,} [A-Za-z]{4,}");
        }
    }

    @Test
    void changedParametersRecompileWithoutTouchingTheDefinition() {
        Policy p = Policy.load("t.yaml", GOOD);
        Policy q = p.withParameters(Map.of("min_rd", 200.0, "award", 20.0));
        List<FactRow> rows = new ArrayList<>();
        rows.add(FactRow.builder().set(Column.CREDIT_CODE, "91110108551385082Q").set(Column.NAME, "甲").set(Column.YEAR, 2024)
                .set(Column.RD_EXPENSE, new BigDecimal("150")).build());
        assertThat(p.evaluate(rows, 2024, Map.of()).outcome()).isEqualTo(PolicyOutcome.ELIGIBLE);
        assertThat(q.evaluate(rows, 2024, Map.of()).outcome()).isEqualTo(PolicyOutcome.NOT_ELIGIBLE);
        assertThat(q.parameters().get("award").value()).isEqualTo(20.0);
        assertThat(p.parameters().get("award").value()).isEqualTo(10.0);
        assertThat(q.yaml()).isEqualTo(p.yaml());
        assertThatThrownBy(() -> p.withParameters(Map.of("nope", 1.0))).isInstanceOf(IllegalArgumentException.class);
    }
}
