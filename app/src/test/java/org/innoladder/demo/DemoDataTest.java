package org.innoladder.demo;

import org.innoladder.demo.internal.DemoData;
import static org.assertj.core.api.Assertions.assertThat;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.innoladder.generator.GeneratorSettings;
import org.innoladder.challenge.ChallengeDemo;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DemoAccounts;
import org.innoladder.identity.Role;
import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.review.ReviewDemo;
import org.innoladder.review.Reviews;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/** Its own database (the property makes a separate context), since it fills the enterprise tables. */
@SpringBootTest(properties = "innoladder.test.context=demo-data")
@ActiveProfiles("test")
@AutoConfigureMockMvc
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoDataTest {
    static final GeneratorSettings SMALL = new GeneratorSettings(300, 2019, 2024, 2026, false);

    @Autowired
    DemoData demo;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ReviewDemo reviewDemo;
    @Autowired
    ChallengeDemo challengeDemo;
    @Autowired
    Reviews reviews;
    @Autowired
    MockMvc mvc;

    @Test
    @Order(1)
    void loadsTheSyntheticRegionThroughTheImporterOnceAndCreatesTheAccounts() {
        GeneratorSettings small = SMALL;
        List<DemoAccounts.Account> accounts = demo.ensureLoaded(small);

        assertThat(accounts).extracting(DemoAccounts.Account::username)
                .contains("admin", "bureau", "wujin", "town", "enterprise", "bank", "expert", "leader");
        assertThat(count("SELECT count(*) FROM enterprise")).isEqualTo(300);
        assertThat(count("SELECT count(*) FROM enterprise WHERE region_code NOT LIKE '3204%'")).isZero();
        assertThat(count("SELECT count(*) FROM recognition")).isPositive();
        assertThat(count("SELECT count(*) FROM import_batch WHERE source = 'demo' AND status = 'COMMITTED'")).isEqualTo(2);
        // every value has its provenance
        assertThat(count("SELECT count(*) FROM enterprise_year WHERE sources = '{}'::jsonb")).isZero();
        long years = count("SELECT count(*) FROM enterprise_year");
        // every demo year after the first is evaluated under the default version of every ruleset id
        assertThat(jdbc.sql("SELECT DISTINCT year FROM evaluation_run WHERE status = 'DONE' ORDER BY year")
                .query(Integer.class).list()).containsExactly(2020, 2021, 2022, 2023, 2024);
        assertThat(jdbc.sql("SELECT DISTINCT ruleset_id || '@' || ruleset_version FROM evaluation_result WHERE year = 2024")
                .query(String.class).set()).contains("tsme@2017", "hnte@2016", "gazelle@yancheng-2022")
                .doesNotContain("gazelle@jinan-2016");
        // the MIIT ladder's upper rungs on first start: evaluated by default, held, and with reserve pools to open
        assertThat(jdbc.sql("SELECT DISTINCT ruleset_id || '@' || ruleset_version FROM evaluation_result WHERE year = 2024")
                .query(String.class).set()).contains("innovative_sme@2022", "specialised_sme@2026", "little_giant@2026");
        assertThat(count("""
                SELECT count(*) FROM recognition WHERE kind = 'SPECIALISED_SME' AND issued_on <= DATE '2024-12-31'
                  AND (expires_on IS NULL OR expires_on >= DATE '2024-12-31')""")).as("专精特新 held at the end of 2024").isPositive();
        assertThat(count("SELECT count(*) FROM ladder_standing WHERE year = 2024 AND miit_official = 'SPECIALISED_SME'")).isPositive();
        for (String tier : new String[] {"SPECIALISED_SME", "LITTLE_GIANT"}) {
            assertThat(count("SELECT count(*) FROM ladder_pool WHERE year = 2024 AND tier = '" + tier + "'"))
                    .as("reserve pool of " + tier + " in 2024").isPositive();
        }
        long results = count("SELECT count(*) FROM evaluation_result");
        // the resources registries: platforms (the source of rd_institution_level), carriers and their tenants
        assertThat(count("SELECT count(*) FROM rd_platform")).isPositive();
        assertThat(count("SELECT count(*) FROM enterprise_year WHERE sources -> 'rd_institution_level' ->> 'registry' = 'rd_platform'"))
                .isPositive();
        assertThat(count("SELECT count(*) FROM carrier")).isPositive();
        assertThat(count("SELECT count(*) FROM carrier_tenant")).isPositive();
        assertThat(count("SELECT count(*) FROM tech_contract WHERE signed_on >= DATE '2024-01-01'")).isPositive();
        assertThat(count("SELECT count(*) FROM talent_award")).isPositive();
        assertThat(count("SELECT count(*) FROM resource_import WHERE rows_rejected > 0")).isZero();
        long registries = count("SELECT count(*) FROM resource_import");
        // 科技招商: projects at every stage, the landed ones linked to an enterprise of their town
        assertThat(count("SELECT count(DISTINCT status) FROM investment_project")).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM investment_project p JOIN enterprise e ON e.credit_code = p.credit_code"
                + " AND e.region_code = p.region_code WHERE p.status IN ('LANDED', 'PRODUCING')")).isPositive();
        long projects = count("SELECT count(*) FROM investment_project");
        // the towns' targets of the demo's last year, so the town ranking has figures
        assertThat(count("SELECT count(DISTINCT t.region_code) FROM ladder_target t JOIN region r ON r.code = t.region_code"
                + " WHERE r.level = 'town' AND t.year = 2024")).isPositive();
        long targets = count("SELECT count(*) FROM ladder_target");
        // departments of the demo city and district with targets of the last year, so the targets page shows them
        assertThat(count("SELECT count(DISTINCT d.region_code) FROM ladder_department d JOIN ladder_department_target t"
                + " ON t.department_id = d.id WHERE t.year = 2024")).isEqualTo(2);
        long departmentTargets = count("SELECT count(*) FROM ladder_department_target");
        // the registry supplies conversions: the demo's transfers and licences sold by demo enterprises
        assertThat(count("SELECT count(*) FROM enterprise_year WHERE sources -> 'conversions' ->> 'registry' = 'tech_contract'")).isPositive();
        // the innovation points of every demo year (2020-2024 by the evaluation runs, 2019 on its own), over the
        // whole demo population: one row per enterprise-year
        assertThat(count("SELECT count(*) FROM enterprise_points")).isEqualTo(years);
        assertThat(count("SELECT count(DISTINCT year) FROM enterprise_points")).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM points_run WHERE evaluation_run_id IS NOT NULL")).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM points_run WHERE region_code IS NOT NULL")).isZero();

        demo.ensureLoaded(small);
        assertThat(count("SELECT count(*) FROM enterprise_year")).isEqualTo(years);
        assertThat(count("SELECT count(*) FROM import_batch")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM evaluation_result")).isEqualTo(results);
        assertThat(count("SELECT count(*) FROM resource_import")).isEqualTo(registries);
        assertThat(count("SELECT count(*) FROM investment_project")).isEqualTo(projects);
        assertThat(count("SELECT count(*) FROM ladder_target")).isEqualTo(targets);
        assertThat(count("SELECT count(*) FROM ladder_department_target")).isEqualTo(departmentTargets);
    }

    /**
     * The review and challenge demos give the demo accounts decided cases to open: the expert sat on decided HNTE and
     * challenge panels (and may accept a reported milestone of a challenge it reviewed), the bureau sees a challenge
     * in publicity whose applications were decided by experts, the town its own dossiers at every level of the review.
     */
    @Test
    @Order(2)
    void theExpertBureauAndTownDemoAccountsHaveDecidedReviewsToLookAt() throws Exception {
        demo.ensureLoaded(SMALL);
        reviewDemo.ensureLoaded(2024);
        challengeDemo.ensureLoaded();
        CurrentUser expert = account("expert"), bureau = account("bureau"), town = account("town");

        // the expert: decided panels of both kinds on 我的评审, with the expert's own submitted sheet
        List<Long> decided = jdbc.sql("""
                SELECT DISTINCT c.id FROM review_case c JOIN review_assignment a ON a.case_id = c.id JOIN review_expert x ON x.id = a.expert_id
                WHERE x.user_id = ? AND c.status = 'DECIDED' AND a.status = 'SUBMITTED' AND c.mean IS NOT NULL""")
                .params(expert.id()).query(Long.class).list();
        assertThat(count("SELECT count(*) FROM review_case WHERE status = 'DECIDED' AND kind = 'HNTE' AND id IN (" + ids(decided) + ")")).isPositive();
        assertThat(count("SELECT count(*) FROM review_case WHERE status = 'DECIDED' AND kind = 'CHALLENGE' AND id IN (" + ids(decided) + ")")).isPositive();
        String mine = page("/reviews/mine", expert);
        for (long id : decided) assertThat(mine).contains("data-review=\"" + id + "\"");
        for (long id : decided) assertThat(page("/reviews/" + id, expert)).contains("已决定");
        // a reported milestone of a contracted challenge the expert reviewed: theirs to accept
        List<Long> winnerCases = jdbc.sql("""
                SELECT a.review_case_id FROM challenge c JOIN challenge_application a ON a.id = c.winner_application_id
                JOIN challenge_milestone m ON m.challenge_id = c.id AND m.status = 'REPORTED' WHERE c.status = 'CONTRACTED'""")
                .query(Long.class).list();
        assertThat(winnerCases).isNotEmpty().allSatisfy(caseId -> assertThat(reviews.satOnPanel(caseId, expert.id())).isTrue());

        // the bureau: the challenge in publicity went through the expert review; the winner passed, ranked first
        long publicity = count("SELECT id FROM challenge WHERE status = 'PUBLICITY' ORDER BY id LIMIT 1");
        List<Reviews.State> states = jdbc.sql("SELECT review_case_id FROM challenge_application WHERE challenge_id = ? ORDER BY id")
                .params(publicity).query(Long.class).list().stream().map(reviews::state).toList();
        assertThat(states).hasSizeGreaterThanOrEqualTo(2).allSatisfy(st -> assertThat(st.decided()).isTrue());
        long winner = count("SELECT a.review_case_id FROM challenge c JOIN challenge_application a ON a.id = c.winner_application_id WHERE c.id = " + publicity);
        assertThat(reviews.state(winner).passes()).isTrue();
        assertThat(states).allSatisfy(st -> assertThat(reviews.state(winner).mean()).isGreaterThanOrEqualTo(st.mean()));
        String detail = page("/challenges/" + publicity, bureau);
        assertThat(detail).contains("结果公示", "/reviews/" + winner, reviews.state(winner).mean().toPlainString());
        assertThat(page("/reviews/" + winner, bureau)).contains("已决定");

        // the town: its own dossiers, one decided by the experts and one waiting for the town's check (the small demo
        // has only a few in the town; the full one has them at every level), the scored ones with the panel's facts on file
        String hnte = page("/hnte?year=2024", town);
        for (String level : List.of("SUBMITTED", "SCORED")) {
            assertThat(hnte).as(level).contains("data-status=\"" + level + "\"");
        }
        assertThat(count("""
                SELECT count(*) FROM hnte_dossier d JOIN enterprise e ON e.id = d.enterprise_id JOIN hnte_expert_fact f
                  ON f.enterprise_id = d.enterprise_id AND f.year = d.year
                WHERE d.status = 'SCORED' AND e.region_code LIKE '""" + town.regionCode() + "%'")).isPositive();
    }

    CurrentUser account(String username) {
        return jdbc.sql("SELECT id, username, display_name, role, region_code, enterprise_id, bank_id FROM app_user WHERE username = ?")
                .params(username).query((rs, n) -> new CurrentUser(rs.getLong(1), rs.getString(2), rs.getString(3), Role.valueOf(rs.getString(4)),
                        rs.getString(5), (Long) rs.getObject(6), (Long) rs.getObject(7))).single();
    }

    String page(String url, CurrentUser u) throws Exception {
        return mvc.perform(get(url).with(user(AppUserDetails.of(u)))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    static String ids(List<Long> ids) {
        return ids.isEmpty() ? "0" : String.join(",", ids.stream().map(String::valueOf).toList());
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
