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
              min_rd: {value: 100, unit: 元}
              award: {value: 10, unit: 元}
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
