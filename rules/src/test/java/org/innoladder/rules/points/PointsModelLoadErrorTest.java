package org.innoladder.rules.points;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.innoladder.rules.points.PointsFixtures.defaultYaml;
import static org.innoladder.rules.points.PointsFixtures.load;

/** A broken model fails on load with a message naming the file, the item and the line. */
class PointsModelLoadErrorTest {
    private static final String RD_INTENSITY = "{id: rd_intensity, unit: ratio, zh: 研发投入强度, en: R&D expense / sales revenue, value: \"f.rd_intensity\",";

    private static String broken(String from, String to) {
        String yaml = defaultYaml();
        assertThat(yaml).contains(from);
        return yaml.replace(from, to);
    }

    private static int lineOf(String yaml, String text) {
        String before = yaml.substring(0, yaml.indexOf(text));
        return (int) before.chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void aMissingStageWeightNamesFileIndicatorAndStage() {
        String yaml = broken("weights: {startup: 12, growth: 10, stable: 8}", "weights: {startup: 12, growth: 10}");
        assertThatThrownBy(() -> load("regions/3204.yaml", yaml))
                .isInstanceOf(PointsModelException.class)
                .hasMessageStartingWith("regions/3204.yaml: indicator 'rd_intensity' weights")
                .hasMessageContaining("line " + lineOf(yaml, "weights: {startup: 12, growth: 10}"))
                .hasMessageContaining("stage 'stable'");
    }

    @Test
    void aFormulaNamingAnUnknownFactFailsAtLoad() {
        String yaml = broken(RD_INTENSITY, RD_INTENSITY.replace("f.rd_intensity", "e.rd_expence / e.sales_revenue"));
        assertThatThrownBy(() -> load("region.yaml", yaml))
                .hasMessageStartingWith("region.yaml: indicator 'rd_intensity' value (line " + lineOf(yaml, "e.rd_expence"))
                .hasMessageContaining("e.rd_expence");
    }

    @Test
    void anIndicatorValueMustBeANumber() {
        String yaml = broken("value: \"e.hnte_certified ? 1.0 : 0.0\"", "value: \"e.hnte_certified\"");
        assertThatThrownBy(() -> load("region.yaml", yaml))
                .hasMessageStartingWith("region.yaml: indicator 'hnte_certified' value")
                .hasMessageContaining("must be a number");
    }

    @Test
    void integerArithmeticIsRejectedLikeInRulesets() {
        String yaml = broken("value: \"sum3.conversions\"", "value: \"sum3.conversions + double(1 + 1)\"");
        assertThatThrownBy(() -> load("region.yaml", yaml))
                .hasMessageStartingWith("region.yaml: indicator 'conversions' value")
                .hasMessageContaining("integer arithmetic");
    }

    @Test
    void aBonusConditionMustBeACondition() {
        String yaml = broken("when: \"e.national_award_5y\"", "when: \"e.ip_class1\"");
        assertThatThrownBy(() -> load("region.yaml", yaml))
                .hasMessageStartingWith("region.yaml: bonus 'national_award' when (line " + lineOf(yaml, "when: \"e.ip_class1\""))
                .hasMessageContaining("condition");
    }

    @Test
    void aMisspeltKeyIsRejectedNotIgnored() {
        String yaml = broken("weights: {startup: 5, growth: 7, stable: 9}", "weight: {startup: 5, growth: 7, stable: 9}");
        assertThatThrownBy(() -> load("region.yaml", yaml))
                .hasMessageStartingWith("region.yaml: indicator 'rd_expense'")
                .hasMessageContaining("unknown key 'weight'");
    }

    @Test
    void duplicateIdsAreRejected() {
        String yaml = broken("{id: ip_class2,", "{id: ip_class1,");
        assertThatThrownBy(() -> load("region.yaml", yaml))
                .hasMessageStartingWith("region.yaml: indicator 'ip_class1'")
                .hasMessageContaining("duplicate");
    }

    @Test
    void negativeWeightsAndUnknownStagesAreRejected() {
        assertThatThrownBy(() -> load("region.yaml", broken("weights: {startup: 5, growth: 7, stable: 9}", "weights: {startup: 5, growth: -7, stable: 9}")))
                .hasMessageStartingWith("region.yaml: indicator 'rd_expense' weights")
                .hasMessageContaining("≥ 0");
        assertThatThrownBy(() -> load("region.yaml", broken("weights: {startup: 5, growth: 7, stable: 9}", "weights: {startup: 5, growth: 7, stable: 9, mature: 3}")))
                .hasMessageStartingWith("region.yaml: indicator 'rd_expense' weights")
                .hasMessageContaining("no stage 'mature'");
    }

    @Test
    void onlyTheLastStageTakesTheRest() {
        String yaml = broken("  - id: growth\n    zh: 成长期\n    en: Growth\n", "  - id: growth\n    zh: 成长期\n    en: Growth\n    when: \"e.age_years < 20.0\"\n");
        assertThatThrownBy(() -> load("region.yaml", yaml))
                .hasMessageStartingWith("region.yaml: stage 'growth' (line " + lineOf(yaml, "when: \"e.age_years < 20.0\""))
                .hasMessageContaining("last stage must have no 'when'");
    }

    @Test
    void unknownMethodAndUnreadableYamlAreNamed(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> load("region.yaml", broken("method: rank", "method: zscore")))
                .hasMessageStartingWith("region.yaml: standard_score")
                .hasMessageContaining("rank or minmax");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "id: x\ngroups: [unclosed\n");
        assertThatThrownBy(() -> PointsModel.load(bad))
                .isInstanceOf(PointsModelException.class)
                .hasMessageStartingWith(bad + ": not valid YAML");
        assertThatThrownBy(() -> PointsModel.load(dir.resolve("absent.yaml")))
                .hasMessageStartingWith(dir.resolve("absent.yaml") + ": cannot be read");
    }

    @Test
    void aRegionalModelWithItsOwnIndicatorsLoadsFromAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("region.yaml");
        Files.writeString(file, """
                id: region-3204
                version: "1"
                title: {zh: 常州示例, en: Changzhou example}
                stages:
                  - {id: young, zh: 初创期, en: Young, when: "e.age_years < 5.0"}
                  - {id: other, zh: 其他, en: Other}
                groups:
                  - id: input
                    zh: 创新投入
                    en: Input
                    indicators:
                      - {id: rd, zh: 研发费用, en: R&D, value: "e.rd_expense", weights: {young: 60, other: 40}}
                      - {id: ip, zh: 发明专利, en: IP, value: "e.ip_class1", weights: {young: 40, other: 60}}
                deductions:
                  items:
                    - {id: credit, zh: 失信, en: Bad credit, when: "e.bad_credit", points: 15}
                """);
        PointsModel m = PointsModel.load(file);
        assertThat(m.id()).isEqualTo("region-3204");
        assertThat(m.indicators()).extracting(Indicator::id).containsExactly("rd", "ip");
        assertThat(m.stages()).extracting(Stage::id).containsExactly("young", "other");
        assertThat(m.bonusCap()).isNull();
    }
}
