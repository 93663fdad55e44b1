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
                label: {zh: 研发费用下限, en: Minimum R&D expense}
                unit: yuan
            levers:
              rd_expense: {column: rd_expense}
            criteria:
              - id: rd
                reference: 第一条
                condition: "e.rd_expense >= p.min_rd"
                levers: [rd_expense]
                label: {zh: 研发费用达到下限, en: R&D expense at the minimum}
                unit: yuan
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
                .hasMessageContaining("line 19, column 17")
                .hasMessageContaining("undeclared reference");
    }

    @Test
    void aTypeErrorIsReportedWithItsColumn() {
        assertThatThrownBy(() -> load(VALID.replace("e.rd_expense >= p.min_rd", "e.rd_expense >= 1000")))
                .isInstanceOf(RulesetLoadException.class)
                .hasMessageContaining("demo@1.yaml: criterion 'rd' condition (line 19, column 30)")
                .hasMessageContaining("found no matching overload");
    }

    @Test
    void aConditionMustBeBoolean() {
        assertThatThrownBy(() -> load(VALID.replace("e.rd_expense >= p.min_rd", "e.rd_expense + p.min_rd")))
                .hasMessageContaining("demo@1.yaml: criterion 'rd' condition (line 19): must be bool, is double");
    }

    @Test
    void anExpressionTheCompilerCannotTranslateIsRejectedAtLoad() {
        assertThatThrownBy(() -> load(VALID.replace("e.rd_expense >= p.min_rd", "size(e.hnte_domain) > 1")))
                .hasMessageContaining("criterion 'rd' condition (line 19)")
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
                .hasMessageContaining("demo@1.yaml: criterion 'rd' (line 19): unknown key 'condtion'");
    }

    @Test
    void aLeverLimitMustMatchItsDirectionAndBeANumber() {
        assertThatThrownBy(() -> load(VALID.replace("{column: rd_expense}", "{column: rd_expense, min: \"0.0\"}")))
                .hasMessageContaining("lever 'rd_expense'").hasMessageContaining("an increase lever takes 'max'");
        assertThatThrownBy(() -> load(VALID.replace("{column: rd_expense}", "{column: rd_expense, max: \"e.listed\"}")))
                .hasMessageContaining("lever 'rd_expense' max (line 15): must be double, is bool");
        assertThatThrownBy(() -> load(VALID.replace("{column: rd_expense}", "{column: hnte_domain}")))
                .hasMessageContaining("lever 'rd_expense'").hasMessageContaining("numeric year column");
    }

    @Test
    void aCriterionWithoutLabelOrUnitIsRefused() {
        assertThatThrownBy(() -> load(VALID.replace("    label: {zh: 研发费用达到下限, en: R&D expense at the minimum}\n", "")))
                .isInstanceOf(RulesetLoadException.class)
                .hasMessageContaining("demo@1.yaml: criterion 'rd'").hasMessageContaining("needs a label: {zh: …, en: …}");
        assertThatThrownBy(() -> load(VALID.replace("en: R&D expense at the minimum}", "}")))
                .hasMessageContaining("criterion 'rd' label").hasMessageContaining("needs 'en'");
        assertThatThrownBy(() -> load(VALID.replace("    unit: yuan\ndecision", "decision")))
                .hasMessageContaining("criterion 'rd'").hasMessageContaining("needs a unit (one of yuan, usd, ratio");
        assertThatThrownBy(() -> load(VALID.replace("    unit: yuan\ndecision", "    unit: dollars\ndecision")))
                .hasMessageContaining("criterion 'rd' (line 22): 'dollars' is not a unit");
    }

    @Test
    void parametersFormulasAndScoreItemsNeedLabelsToo() {
        assertThatThrownBy(() -> load(VALID.replace("    label: {zh: 研发费用下限, en: Minimum R&D expense}\n", "")))
                .hasMessageContaining("parameter 'min_rd'").hasMessageContaining("needs a label");
        assertThatThrownBy(() -> load(VALID.replace("levers:\n", "formulas:\n  rd: \"e.rd_expense\"\nlevers:\n")))
                .hasMessageContaining("formula 'rd'").hasMessageContaining("needs {expr: …, label: {zh: …, en: …}, unit: …}");
        String scored = VALID.replace("decision: {all: [rd]}", """
                scores:
                  items:
                    - id: ip
                      label: {zh: 知识产权, en: IP}
                      max: 10
                      cases:
                        - {when: "e.ip_class1 >= 1.0", points: 10, label: "A: ≥1 Class I"}
                        - {points: 0, label: "≥0"}
                decision: {all: [rd]}""");
        assertThatThrownBy(() -> load(scored))
                .hasMessageContaining("score item 'ip' case 1").hasMessageContaining("'A: ≥1 Class I' has words: add text: {zh: …, en: …}");
        Ruleset ok = load(scored.replace("label: \"A: ≥1 Class I\"}", "label: \"A: ≥1 Class I\", text: {zh: A档, en: A grade}}"));
        assertThat(ok.text().choice("ip", "A: ≥1 Class I")).isEqualTo(new Label("A档", "A grade"));
        assertThat(ok.text().choice("ip", "≥0")).isEqualTo(new Label("≥0", "≥0"));
        assertThatThrownBy(() -> load(scored.replace("      label: {zh: 知识产权, en: IP}\n", "")))
                .hasMessageContaining("score item 'ip'").hasMessageContaining("needs a label");
    }

    @Test
    void aTrustTagInACitationIsRefusedAndTheLabelsAreReadable() {
        assertThatThrownBy(() -> load(VALID.replace("    reference: 第一条\n    condition", "    reference: 第一条 [secondary]\n    condition")))
                .hasMessageContaining("criterion 'rd'").hasMessageContaining("put the trust level in 'trust:'");
        Ruleset rs = load(VALID.replace("    reference: 第一条\n    condition", "    reference: 第一条\n    trust: secondary\n    condition"));
        RulesetText.CriterionText c = rs.text().criterion("rd").orElseThrow();
        assertThat(c.label().in(java.util.Locale.ENGLISH)).isEqualTo("R&D expense at the minimum");
        assertThat(c.label().in(java.util.Locale.SIMPLIFIED_CHINESE)).isEqualTo("研发费用达到下限");
        assertThat(c.unit()).isEqualTo(Unit.YUAN);
        assertThat(c.official()).isFalse();
        assertThat(rs.text().parameters().get("min_rd").unit()).isEqualTo(Unit.YUAN);
    }

    @Test
    void everyBuiltInRulesetLabelsEveryCriterionItemParameterAndFormula() {
        for (RulesetInfo info : Rulesets.list()) {
            Ruleset rs = Rulesets.get(info.ref());
            assertThat(rs.text().criteria().keySet()).as(info.ref()).containsExactlyInAnyOrderElementsOf(rs.criterionIds());
            assertThat(rs.text().items().keySet()).as(info.ref()).containsAll(rs.itemIds());
            assertThat(rs.text().parameters().keySet()).as(info.ref())
                    .containsExactlyInAnyOrderElementsOf(rs.parameters().stream().map(ParameterInfo::name).toList());
            rs.text().criteria().values().forEach(c -> {
                assertThat(c.label().zh()).as(info.ref()).doesNotContainPattern("[a-z]_[a-z]");
                assertThat(c.reference()).as(info.ref()).doesNotContain("[");
            });
        }
    }

    @Test
    void brokenYamlNamesTheFile() {
        assertThatThrownBy(() -> load("id: [unclosed"))
                .isInstanceOf(RulesetLoadException.class).hasMessageStartingWith("demo@1.yaml: not valid YAML");
    }
}
