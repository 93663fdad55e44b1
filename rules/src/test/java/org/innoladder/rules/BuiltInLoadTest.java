package org.innoladder.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltInLoadTest {
    @Test
    void builtInRulesetsLoadWithTheRequiredCriteria() {
        assertThat(Rulesets.list()).extracting(RulesetInfo::ref).containsExactly("hnte@2016", "tsme@2017");
        assertThat(Rulesets.get("tsme").criterionIds()).containsExactly("resident", "size_employees", "size_revenue",
                "size_assets", "no_major_incident", "no_bad_credit", "tech_staff_nonzero", "score_pass",
                "direct_hnte", "direct_award", "direct_rd_institution", "direct_standard");
        assertThat(Rulesets.get("hnte@2016").criterionIds()).containsExactly("registered_365_days", "core_ip",
                "hightech_domain", "tech_staff_ratio", "rd_expense_ratio", "domestic_rd_share",
                "hightech_income_ratio", "innovation_score", "no_major_incident");
        assertThat(Rulesets.get("tsme").itemIds()).containsExactly("tech_staff", "rd_input", "ip");
        assertThat(Rulesets.get("hnte").itemIds()).containsExactly("ip", "conversion", "rd_management", "growth");
    }
}
