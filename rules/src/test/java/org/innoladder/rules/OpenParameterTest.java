package org.innoladder.rules;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** An [open] point is a parameter: a region can replace the project default without touching formulas. */
class OpenParameterTest {

    @Test
    void youngEnterpriseGrowthFollowsTheParameter() throws IOException {
        String yaml;
        try (InputStream in = Rulesets.resource("hnte@2016.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String strict = yaml.replace("""
                    reference: 国科发火〔2016〕195号 企业成长性 实际经营期
                    default: true
                """, """
                    reference: 国科发火〔2016〕195号 企业成长性 实际经营期
                """).replaceFirst("(young_growth_actual_period:(?s:.*?)value: )1", "$10");
        assertThat(strict).isNotEqualTo(yaml);
        Ruleset regional = Ruleset.load("hnte@2016.yaml", new ByteArrayInputStream(strict.getBytes(StandardCharsets.UTF_8)));
        assertThat(regional.parameters()).filteredOn(ParameterInfo::projectDefault).extracting(ParameterInfo::name)
                .containsExactly("young_conversion_actual_period");

        CaseFile.Case twoYears = RulesetCasesTest.caseFiles().stream().filter(f -> f.ruleset().equals("hnte@2016"))
                .flatMap(f -> f.cases().stream())
                .filter(c -> c.name().equals("two years of operation use the actual period (project default)"))
                .findFirst().orElseThrow();
        EvaluationResult byDefault = Rulesets.get("hnte").evaluate(twoYears.rows(), twoYears.year());
        EvaluationResult byRegion = regional.evaluate(twoYears.rows(), twoYears.year());
        assertThat(item(byDefault, "growth")).isEqualTo(new EvaluationResult.ItemResult("growth", null, 14, 16));
        assertThat(item(byRegion, "growth")).isEqualTo(new EvaluationResult.ItemResult("growth", null, 0, 0));
    }

    private static EvaluationResult.ItemResult item(EvaluationResult r, String id) {
        return r.items().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
    }
}
