package org.innoladder.rules;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A broken ruleset fails to load with a message naming the file, the element and the position. */
class RulesetLoadErrorTest {
    private static final String VALID = """
            id: demo
            version: "1"
            title: {zh: 示例, en: Demo}
            references:
              - {document: 文号, trust: official}
            effective: {from: 2020-01-01, to: null}
            parameters:
              min_rd:
                reference: 第一条
                values:
                  - {from: 2020-01-01, value: 1000}
            levers:
              rd_expense: {column: rd_expense}
            criteria:
              - id: rd
                reference: 第一条
                condition: "e.rd_expense >= p.min_rd"
                levers: [rd_expense]
            decision: {all: [rd]}
            """;

    private static Ruleset load(String yaml) {
        return Ruleset.load("demo@1.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theValidBaseLoadsAndWorks() {
        Ruleset rs = load(VALID);
        assertThat(rs.criterionIds()).containsExactly("rd");
    }

    @Test
    void anUndeclaredFactNamesFileCriterionAndPosition() {
        assertThatThrownBy(() -> load(VALID.replace("e.rd_expense >= p.min_rd", "e.rd_expence >= p.min_rd")))
                .isInstanceOf(RulesetLoadException.class)
                .hasMessageContaining("demo@1.yaml")
                .hasMessageContaining("criterion 'rd' condition")
                .hasMessageContaining("line 17, column 17")
                .hasMessageContaining("undeclared reference");
    }

    @Test
    void aTypeErrorIsReportedWithItsColumn() {
        assertThatThrownBy(() -> load(VALID.replace("e.rd_expense >= p.min_rd", "e.rd_expense >= 1000")))
                .isInstanceOf(RulesetLoadException.class)
                .hasMessageContaining("demo@1.yaml: criterion 'rd' condition (line 17, column 30)")
                .hasMessageContaining("found no matching overload");
    }

    @Test
    void aConditionMustBeBoolean() {
        assertThatThrownBy(() -> load(VALID.replace("e.rd_expense >= p.min_rd", "e.rd_expense + p.min_rd")))
                .hasMessageContaining("demo@1.yaml: criterion 'rd' condition (line 17): must be bool, is double");
    }

    @Test
    void anExpressionTheCompilerCannotTranslateIsRejectedAtLoad() {
        assertThatThrownBy(() -> load(VALID.replace("e.rd_expense >= p.min_rd", "size(e.hnte_domain) > 1")))
                .hasMessageContaining("criterion 'rd' condition (line 17)")
                .hasMessageContaining("not supported by the rule compiler");
    }

    @Test
    void anUndeclaredLeverOrDecisionReferenceIsNamed() {
        assertThatThrownBy(() -> load(VALID.replace("levers: [rd_expense]", "levers: [tech]")))
                .hasMessageContaining("criterion 'rd'").hasMessageContaining("undeclared lever 'tech'");
        assertThatThrownBy(() -> load(VALID.replace("decision: {all: [rd]}", "decision: {all: [rd, size]}")))
                .hasMessageContaining("decision").hasMessageContaining("no criterion 'size'");
    }

    @Test
    void aParameterWithoutReferenceOrAMissingFieldIsRejected() {
        assertThatThrownBy(() -> load(VALID.replace("    reference: 第一条\n    values", "    values")))
                .hasMessageContaining("parameter 'min_rd'").hasMessageContaining("needs a reference");
        assertThatThrownBy(() -> load(VALID.replace("version: \"1\"\n", "")))
                .hasMessageContaining("demo@1.yaml").hasMessageContaining("needs 'version'");
    }

    @Test
    void aMisspeltKeyIsRejectedNotIgnored() {
        assertThatThrownBy(() -> load(VALID.replace("    condition: ", "    condtion: ")))
                .hasMessageContaining("demo@1.yaml: criterion 'rd' (line 17): unknown key 'condtion'");
    }

    @Test
    void aLeverLimitMustMatchItsDirectionAndBeANumber() {
        assertThatThrownBy(() -> load(VALID.replace("{column: rd_expense}", "{column: rd_expense, min: \"0.0\"}")))
                .hasMessageContaining("lever 'rd_expense'").hasMessageContaining("an increase lever takes 'max'");
        assertThatThrownBy(() -> load(VALID.replace("{column: rd_expense}", "{column: rd_expense, max: \"e.listed\"}")))
                .hasMessageContaining("lever 'rd_expense' max (line 13): must be double, is bool");
        assertThatThrownBy(() -> load(VALID.replace("{column: rd_expense}", "{column: hnte_domain}")))
                .hasMessageContaining("lever 'rd_expense'").hasMessageContaining("numeric year column");
    }

    @Test
    void brokenYamlNamesTheFile() {
        assertThatThrownBy(() -> load("id: [unclosed"))
                .isInstanceOf(RulesetLoadException.class).hasMessageStartingWith("demo@1.yaml: not valid YAML");
    }
}
