package org.innoladder.policy;

import org.innoladder.policy.internal.PolicyCatalogue;
import org.innoladder.policy.internal.PolicyMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.innoladder.policy.PolicyFixtures.ADMIN;
import static org.innoladder.policy.PolicyFixtures.BUREAU;
import static org.innoladder.policy.PolicyFixtures.WUJIN;
import static org.innoladder.policy.PolicyFixtures.as;
import static org.innoladder.policy.PolicyFixtures.code;
import static org.innoladder.policy.PolicyFixtures.enterprise;
import static org.innoladder.policy.PolicyFixtures.facts;
import static org.innoladder.policy.PolicyFixtures.recognition;
import static org.innoladder.policy.PolicyFixtures.year;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.innoladder.identity.OutOfScopeException;
import org.innoladder.web.BadParameterException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Matching runs against a real PostgreSQL: stored outcomes with version, facts and explanation, NEAR gaps,
 * UNDETERMINED unknowns, stale matches removed, scope, the PolicyMatched event, and concurrent runs.
 */
@SpringBootTest(properties = "innoladder.test.context=policy")
@AutoConfigureMockMvc
@ActiveProfiles("test")
@RecordApplicationEvents
class PolicyMatchingTest {
    static final int Y = 2024;
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** 武进区: first HNTE 2024 and R&D +15%; 武进区: HNTE since 2021; 新北区: first HNTE 2024, credit record unknown; 新北区: first HNTE 2024, R&D +50%. */
    static long first, older, unknown, grower;
    static boolean seeded;

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PolicyCatalogue catalogue;
    @Autowired
    PolicyMatching matching;
    @Autowired
    ApplicationEvents events;

    @BeforeEach
    void data() {
        if (seeded) return;
        first = seed(code("320412", 61, 1), "匹配甲科技有限公司", "320412100", 4_600_000, false, LocalDate.of(2024, 11, 1));
        older = seed(code("320412", 61, 2), "匹配乙科技有限公司", "320412100", 6_000_000, false, LocalDate.of(2021, 10, 1));
        unknown = seed(code("320411", 61, 3), "匹配丙科技有限公司", "320411002", 6_000_000, null, LocalDate.of(2024, 12, 1));
        grower = seed(code("320411", 61, 4), "匹配丁科技有限公司", "320411002", 6_000_000, false, LocalDate.of(2024, 12, 1));
        seeded = true;
    }

    long seed(String code, String name, String town, long rd2024, Boolean badCredit, LocalDate hnteIssued) {
        long id = enterprise(jdbc, code, name, town);
        year(jdbc, id, Y - 1, facts(4_000_000, false));
        year(jdbc, id, Y, facts(rd2024, badCredit));
        recognition(jdbc, id, "HNTE", hnteIssued, hnteIssued.plusYears(3));
        return id;
    }

    long publish(String example, String code) {
        String yaml = PolicyFixtures.yaml(example).replace("code: " + example, "code: " + code);
        long id = catalogue.save(ADMIN, null, "3204", yaml, null).policyId();
        catalogue.publish(ADMIN, id, null);
        return id;
    }

    Map<String, Object> match(long policy, long enterprise) {
        return jdbc.sql("SELECT outcome, amount_yuan, policy_version, run_id, explanation::text AS explanation, facts::text AS facts"
                        + " FROM policy_match WHERE policy_id = ? AND enterprise_id = ? AND period = ?")
                .params(policy, enterprise, Y).query().listOfRows().stream().findFirst().orElse(null);
    }

    /** A run started from the policy page is a persisted job (module jobs) that ends DONE with the run, linking to it. */
    @Test
    void aRunStartedFromThePageIsAJobEndingWithItsRun() throws Exception {
        long p = publish("hnte_first_award", "m_job");
        mvc.perform(post("/policies/" + p + "/runs").with(as(BUREAU)).with(csrf()).param("region", "3204")
                .param("period", String.valueOf(Y))).andExpect(status().is3xxRedirection());
        long run = jdbc.sql("SELECT max(id) FROM policy_match_run WHERE policy_id = ?").param(p).query(Long.class).single();
        String job = "";
        for (int i = 0; i < 400 && !job.startsWith("DONE"); i++) {
            Thread.sleep(50);
            job = jdbc.sql("SELECT status || '|' || started_by || '|' || coalesce(link, '') || '|' || coalesce(subject, '')"
                    + " FROM job WHERE kind = 'policy-matching' AND params ->> 'runId' = ?").param(String.valueOf(run))
                    .query(String.class).optional().orElse("");
        }
        assertThat(job).startsWith("DONE|bureau|/policies/" + p + "/runs/" + run + "|");
        assertThat(matching.find(BUREAU, run).orElseThrow().status()).isEqualTo("DONE");
        assertThat(match(p, first).get("outcome")).isEqualTo("ELIGIBLE");
    }

    @Test
    void aRunStoresEachMatchWithVersionFactsAndExplanationAndPublishesTheEvent() {
        long p = publish("hnte_first_award", "m_first");
        PolicyMatching.Run run = matching.run(BUREAU, matching.check(BUREAU, p, null, String.valueOf(Y)), "127.0.0.1");
        assertThat(run.status()).isEqualTo("DONE");
        assertThat(run.regionCode()).isEqualTo("3204");
        Map<String, Object> m = match(p, first);
        assertThat(m.get("outcome")).isEqualTo("ELIGIBLE");
        assertThat((java.math.BigDecimal) m.get("amount_yuan")).isEqualByComparingTo("200000");
        assertThat(m.get("policy_version")).isEqualTo(1);
        assertThat(((Number) m.get("run_id")).longValue()).isEqualTo(run.id());
        JsonNode explanation = JSON.readTree((String) m.get("explanation"));
        assertThat(explanation.get("zh").asString()).isEqualTo("符合：2024年首次认定高新技术企业；无失信及重大事故记录；奖励 20 万元");
        assertThat(explanation.get("en").asString()).startsWith("Meets: first recognised as an HNTE in 2024");
        JsonNode facts = JSON.readTree((String) m.get("facts"));
        assertThat(facts.get("rec.hnte.first_year").asDouble()).isEqualTo(2024);
        assertThat(facts.get("e.bad_credit").asBoolean()).isFalse();
        Map<String, Object> u = match(p, unknown);
        assertThat(u.get("outcome")).isEqualTo("UNDETERMINED");
        assertThat(u.get("amount_yuan")).isNull();
        assertThat(JSON.readTree((String) u.get("explanation")).get("unknown").get(0).asString()).isEqualTo("e.bad_credit");
        assertThat(match(p, older)).as("recognised before 2024: plainly not eligible, not stored").isNull();
        assertThat(events.stream(PolicyMatched.class)).contains(new PolicyMatched(run.id(), p, 1, Y));
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'policy.match' AND target = ?")
                .param("policy_match_run:" + run.id()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void nearMatchesCarryTheirGaps() {
        long p = publish("rd_increase_subsidy", "m_rd");
        matching.run(BUREAU, matching.check(BUREAU, p, "3204", String.valueOf(Y)), null);
        Map<String, Object> near = match(p, first);
        assertThat(near.get("outcome")).isEqualTo("NEAR");
        JsonNode gap = JSON.readTree((String) near.get("explanation")).get("gaps").get(0);
        assertThat(gap.get("lever").asString()).isEqualTo("rd_expense");
        assertThat(gap.get("required").decimalValue()).isEqualByComparingTo("4800000");
        assertThat((java.math.BigDecimal) match(p, grower).get("amount_yuan")).isEqualByComparingTo("200000");
    }

    @Test
    void aRunIsScopedAndAStaleMatchIsRemoved() throws Exception {
        long p = publish("hnte_first_award", "m_scope");
        assertThatThrownBy(() -> matching.check(WUJIN, p, "320411", String.valueOf(Y))).isInstanceOf(OutOfScopeException.class)
                .hasMessageContaining("outside the scope you may change");
        assertThatThrownBy(() -> matching.check(BUREAU, p, "3204", "2023")).isInstanceOf(BadParameterException.class)
                .hasMessageContaining("period");
        PolicyMatching.Run wujin = matching.run(WUJIN, matching.check(WUJIN, p, null, String.valueOf(Y)), null);
        assertThat(wujin.regionCode()).isEqualTo("320412");
        assertThat(match(p, first)).isNotNull();
        assertThat(match(p, grower)).as("新北区 is not in 武进区's run").isNull();
        JsonNode page = JSON.readTree(mvc.perform(get("/api/v1/policies/" + p + "/matches").param("period", String.valueOf(Y))
                .with(as(WUJIN))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        for (JsonNode item : page.get("items")) assertThat(item.get("regionCode").asString()).startsWith("320412");
        matching.run(BUREAU, matching.check(BUREAU, p, null, String.valueOf(Y)), null);
        assertThat(match(p, grower)).isNotNull();
        // 甲 turns out to have a bad-credit record: the next run removes its match
        jdbc.sql("UPDATE enterprise_year SET bad_credit = true WHERE enterprise_id = ? AND year = ?").params(first, Y).update();
        try {
            matching.run(BUREAU, matching.check(BUREAU, p, null, String.valueOf(Y)), null);
            assertThat(match(p, first)).isNull();
            assertThat(match(p, grower)).isNotNull();
        } finally {
            jdbc.sql("UPDATE enterprise_year SET bad_credit = false WHERE enterprise_id = ? AND year = ?").params(first, Y).update();
        }
        String html = mvc.perform(get("/policies/" + p + "/runs/" + wujin.id()).with(as(BUREAU))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("policy-matches").contains("匹配丁科技有限公司");
        mvc.perform(get("/policies/" + p + "/matches.xlsx").param("period", String.valueOf(Y)).with(as(WUJIN))).andExpect(status().isOk());
    }

    long publishInline(String code, String criteria) {
        String yaml = """
                code: %s
                title: {zh: 上下文测试}
                issuer: 测试局
                document_no: 测试〔2024〕1号
                period: {from: 2024-01-01, to: 2024-12-31}
                target_group: 测试
                mode: AUTOMATIC
                budget: 1000000
                parameters:
                  award: {label: {zh: 奖励金额, en: Award}, value: 1000, unit: 元}
                criteria:
                %s
                award: "p.award"
                """.formatted(code, criteria);
        long id = catalogue.save(ADMIN, null, "3204", yaml, null).policyId();
        catalogue.publish(ADMIN, id, null);
        return id;
    }

    @Test
    void recognitionsTiersAndEvaluationsFromTheTablesReachTheConditions() {
        long run = jdbc.sql("INSERT INTO evaluation_run (region_code, year, rulesets, status, started_by)"
                + " VALUES ('3204', 2024, '{tsme@2017}', 'DONE', 'test') RETURNING id").query(Long.class).single();
        jdbc.sql("INSERT INTO evaluation_result (run_id, enterprise_id, year, ruleset_id, ruleset_version, outcome)"
                + " VALUES (?, ?, 2024, 'tsme', '2017', 'QUALIFIED')").params(run, first).update();
        jdbc.sql("INSERT INTO evaluation_result (run_id, enterprise_id, year, ruleset_id, ruleset_version, outcome)"
                + " VALUES (?, ?, 2024, 'tsme', '2017', 'QUALIFIED')").params(run, older).update();
        long p = publishInline("m_context", """
                  - {id: official, text: {zh: 高企, en: HNTE}, condition: "tier.growth.official == 2.0"}
                  - {id: eligible, text: {zh: 科小合格, en: TSME qualified}, condition: "tier.growth.eligible == 1.0 && eval.tsme"}
                  - {id: held, text: {zh: 证书, en: certificate}, condition: "rec.hnte.held && rec.hnte.expiry_year == 2027.0"}""");
        matching.run(BUREAU, matching.check(BUREAU, p, "3204", "2024"), null);
        assertThat(match(p, first).get("outcome")).isEqualTo("ELIGIBLE");
        assertThat(match(p, older)).as("its certificate lapsed in October 2024: no tier, plainly not eligible").isNull();
        Map<String, Object> notEvaluated = match(p, grower);
        assertThat(notEvaluated.get("outcome")).isEqualTo("UNDETERMINED");
        assertThat(JSON.readTree((String) notEvaluated.get("explanation")).get("unknown").toString())
                .contains("tier.growth.eligible").contains("eval.tsme");
    }

    @Test
    void innovationPointsAreReadWhenStoredAndUnknownOtherwise() {
        long pointsRun = jdbc.sql("INSERT INTO points_run (year, model_id, model_version, started_by)"
                + " VALUES (2024, 'innoladder-default', '2026.1', 'test') RETURNING id").query(Long.class).single();
        jdbc.sql("INSERT INTO enterprise_points (enterprise_id, year, model_id, model_version, stage, total, percentile,"
                + " stage_uncertain, breakdown, run_id) VALUES (?, 2024, 'innoladder-default', '2026.1', 'growth', 80.5, 92,"
                + " false, '{}', ?)").params(first, pointsRun).update();
        long p = publishInline("m_points", """
                  - {id: top, text: {zh: 积分前列, en: top points}, condition: "points.percentile >= 90.0 && points.stage == 'growth' && points.total > 80.0"}""");
        matching.run(BUREAU, matching.check(BUREAU, p, "3204", "2024"), null);
        assertThat(match(p, first).get("outcome")).isEqualTo("ELIGIBLE");
        assertThat(match(p, grower).get("outcome")).isEqualTo("UNDETERMINED");
    }

    @Test
    void concurrentRunsOfOnePolicyAndPeriodBothFinishWithOneMatchPerEnterprise() throws Exception {
        long p = publish("hnte_first_award", "m_concurrent");
        PolicyMatching.Request r = matching.check(BUREAU, p, "3204", String.valueOf(Y));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<PolicyMatching.Run>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) runs.add(pool.submit((Callable<PolicyMatching.Run>) () -> matching.run(BUREAU, r, null)));
            for (Future<PolicyMatching.Run> f : runs) assertThat(f.get().status()).isEqualTo("DONE");
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM policy_match WHERE policy_id = ? AND enterprise_id IN (?, ?, ?)")
                .params(p, first, unknown, grower).query(Integer.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM (SELECT enterprise_id FROM policy_match WHERE policy_id = ? GROUP BY enterprise_id, period"
                + " HAVING count(*) > 1) d").param(p).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(DISTINCT status) FROM policy_match_run WHERE policy_id = ?").param(p).query(Integer.class).single())
                .isEqualTo(1);
    }
}
