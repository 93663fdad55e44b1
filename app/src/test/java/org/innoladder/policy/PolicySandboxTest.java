package org.innoladder.policy;

import org.innoladder.policy.internal.PolicyCatalogue;
import org.innoladder.policy.internal.PolicySandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.innoladder.policy.PolicyFixtures.ADMIN;
import static org.innoladder.policy.PolicyFixtures.BUREAU;
import static org.innoladder.policy.PolicyFixtures.LEADER;
import static org.innoladder.policy.PolicyFixtures.TOWN;
import static org.innoladder.policy.PolicyFixtures.as;
import static org.innoladder.policy.PolicyFixtures.code;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The what-if sandbox on a crafted population in 天宁区: who gains, who loses, the budget effect; nothing stored. */
@SpringBootTest(properties = "innoladder.test.context=policy")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class PolicySandboxTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String REGION = "320402";
    /** R&D growth 2023→2024 of 10%, 15%, 25%, 50%; all hold a valid HNTE certificate. */
    static String g10, g15, g25, g50;
    static long policy, tsmePolicy;

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PolicySandbox sandbox;
    @Autowired
    PolicyCatalogue catalogue;

    @BeforeEach
    void data() {
        if (policy != 0) return;
        g10 = seed(1, 4_400_000);
        g15 = seed(2, 4_600_000);
        g25 = seed(3, 5_000_000);
        g50 = seed(4, 6_000_000);
        String yaml = PolicyFixtures.yaml("rd_increase_subsidy").replace("code: rd_increase_subsidy", "code: s_rd")
                .replace("budget: 60000000", "budget: 300000");
        policy = catalogue.save(ADMIN, null, "3204", yaml, null).policyId();
        String tsme = PolicyFixtures.yaml("tsme_entry_award").replace("code: tsme_entry_award", "code: s_tsme")
                .replace("condition: \"rec.tsme.first_year == e.year\"", "condition: \"eval.tsme\"");
        tsmePolicy = catalogue.save(ADMIN, null, "3204", tsme, null).policyId();
    }

    String seed(int n, long rd2024) {
        String c = code(REGION, 62, n);
        long id = PolicyFixtures.enterprise(jdbc, c, "沙盘" + n + "科技有限公司", "320402001");
        PolicyFixtures.year(jdbc, id, 2023, PolicyFixtures.facts(4_000_000, false));
        PolicyFixtures.year(jdbc, id, 2024, PolicyFixtures.facts(rd2024, false));
        PolicyFixtures.recognition(jdbc, id, "HNTE", LocalDate.of(2022, 10, 1), LocalDate.of(2025, 10, 1));
        return c;
    }

    @Test
    void loweringTheGrowthThresholdGainsTheSlowerGrowersAndShowsTheBudgetEffect() {
        PolicySandbox.Answer a = sandbox.compute(BUREAU, policy, REGION, "2024", Map.of("min_growth", "0.1"));
        assertThat(a.population()).isEqualTo(4);
        assertThat(a.gained()).extracting(PolicySandbox.Entry::creditCode).containsExactlyInAnyOrder(g10, g15);
        assertThat(a.lost()).isEmpty();
        assertThat(a.whatIf().eligibleBefore()).isEqualTo(2);
        assertThat(a.whatIf().eligibleAfter()).isEqualTo(4);
        // before: 10% of 100万 + 10% of 200万; after: + 10% of 40万 + 10% of 60万
        assertThat(a.whatIf().totalBefore()).isEqualByComparingTo("300000");
        assertThat(a.whatIf().totalAfter()).isEqualByComparingTo("400000");
        assertThat(a.whatIf().overBudget()).isTrue();
        assertThat(a.gained().stream().filter(e -> e.creditCode().equals(g15)).findFirst().orElseThrow().after()).isEqualByComparingTo("60000");
    }

    @Test
    void raisingTheThresholdLosesTheMiddleGrowerAndChangingTheRateChangesAmountsOnly() {
        PolicySandbox.Answer a = sandbox.compute(BUREAU, policy, REGION, "2024", Map.of("min_growth", "0.3"));
        assertThat(a.lost()).extracting(PolicySandbox.Entry::creditCode).containsExactly(g25);
        assertThat(a.lost().get(0).before()).isEqualByComparingTo("100000");
        assertThat(a.lost().get(0).after()).isNull();
        assertThat(a.gained()).isEmpty();
        PolicySandbox.Answer rate = sandbox.compute(BUREAU, policy, REGION, "2024", Map.of("rate", "0.05", "min_growth", ""));
        assertThat(rate.gained()).isEmpty();
        assertThat(rate.lost()).isEmpty();
        assertThat(rate.whatIf().amountChanged()).isEqualTo(2);
        assertThat(rate.whatIf().totalAfter()).isEqualByComparingTo("150000");
        assertThat(rate.whatIf().overBudget()).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM policy_match WHERE policy_id = ?").param(policy).query(Integer.class).single())
                .as("the sandbox stores nothing").isZero();
    }

    @Test
    void aRulesetThresholdChangeReachesAPolicyThatReadsItsOutcome() throws Exception {
        PolicySandbox.Answer same = sandbox.compute(BUREAU, tsmePolicy, REGION, "2024", Map.of(), "tsme", Map.of());
        assertThat(same.ruleset().qualifiedBefore()).isEqualTo(4);
        assertThat(same.whatIf().eligibleBefore()).isEqualTo(4);
        assertThat(same.gained()).isEmpty();
        assertThat(same.lost()).isEmpty();
        PolicySandbox.Answer strict = sandbox.compute(BUREAU, tsmePolicy, REGION, "2024", Map.of(), "tsme", Map.of("max_employees", "50"));
        assertThat(strict.ruleset().changed()).containsEntry("max_employees", 50.0);
        assertThat(strict.ruleset().qualifiedAfter()).isZero();
        assertThat(strict.lost()).extracting(PolicySandbox.Entry::creditCode).containsExactlyInAnyOrder(g10, g15, g25, g50);
        assertThat(strict.whatIf().totalAfter()).isEqualByComparingTo("0");
        String html = mvc.perform(get("/policies/" + tsmePolicy + "/sandbox").param("region", REGION).param("year", "2024")
                .param("ruleset", "tsme").param("r.max_employees", "50").with(as(BUREAU))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("sandbox-ruleset-effect").contains("sandbox-r-max_employees").contains(g25);
        mvc.perform(get("/policies/" + tsmePolicy + "/sandbox").param("region", REGION).param("year", "2024")
                .param("ruleset", "nope").with(as(BUREAU))).andExpect(status().isBadRequest());
    }

    @Test
    void thePageAndTheApiAnswerAndABadValueNamesTheParameter() throws Exception {
        String html = mvc.perform(get("/policies/" + policy + "/sandbox").param("region", REGION).param("year", "2024")
                .param("p.min_growth", "0.1").with(as(LEADER))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("sandbox-answer").contains(g10).contains(g15).contains("超出预算");
        String bad = mvc.perform(get("/policies/" + policy + "/sandbox").param("region", REGION).param("year", "2024")
                .param("p.min_growth", "abc").with(as(BUREAU))).andExpect(status().isBadRequest()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(bad).contains("p.min_growth").contains("abc");
        mvc.perform(get("/policies/" + policy + "/sandbox").with(as(TOWN))).andExpect(status().isForbidden());
        JsonNode api = JSON.readTree(mvc.perform(post("/api/v1/policies/" + policy + "/sandbox").with(as(BUREAU)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"region\": \"" + REGION + "\", \"year\": \"2024\", \"parameters\": {\"min_growth\": \"0.3\"}}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(api.get("eligibleBefore").asInt()).isEqualTo(2);
        assertThat(api.get("eligibleAfter").asInt()).isEqualTo(1);
        assertThat(api.get("lost").get(0).get("creditCode").asString()).isEqualTo(g25);
        mvc.perform(get("/policies/" + policy + "/sandbox.xlsx").param("region", REGION).param("year", "2024")
                .param("p.min_growth", "0.1").with(as(BUREAU))).andExpect(status().isOk());
    }
}
