package org.innoladder.award;

import org.innoladder.award.domain.AwardStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;

import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.web.XlsxTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The award pages and REST API with real users: scope (a town sees and reviews only its town's cases; an enterprise
 * only its own; another scope's case is 404), buttons shown only when the workflow allows, refusals, bulk approval,
 * overdue flags, Excel, my policies with gaps, confirmation and application through the forms.
 */
@SpringBootTest(properties = "innoladder.test.context=award")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class AwardPagesTest {
    static final BigDecimal AMOUNT = new BigDecimal("200000");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;

    AwardFixtures fx;
    CurrentUser hutangTown, niutangTown, wujin, leader, entA, entB;
    AwardFixtures.Policy policy;
    AwardFixtures.Enterprise a, b;
    long caseA, caseB;

    static RequestPostProcessor as(CurrentUser u) {
        return user(AppUserDetails.of(u));
    }

    @BeforeEach
    void data() {
        fx = new AwardFixtures(jdbc);
        hutangTown = fx.user("awp_town", Role.TOWN, AwardFixtures.HUTANG, null);
        niutangTown = fx.user("awp_town", Role.TOWN, AwardFixtures.NIUTANG, null);
        wujin = fx.user("awp_wujin", Role.BUREAU, AwardFixtures.WUJIN, null);
        leader = fx.user("awp_leader", Role.LEADER, AwardFixtures.CITY, null);
        policy = fx.policy("AUTOMATIC", new BigDecimal("1000000"), AwardFixtures.CITY);
        a = fx.enterprise(AwardFixtures.HUTANG);
        b = fx.enterprise(AwardFixtures.NIUTANG);
        entA = fx.user("awp_ent", Role.ENTERPRISE, null, a.id());
        entB = fx.user("awp_ent", Role.ENTERPRISE, null, b.id());
        caseA = fx.caseIn(policy, a, 2024, AMOUNT, AwardStatus.ENTERPRISE_CONFIRMED, entA.id(), null);
        caseB = fx.caseIn(policy, b, 2024, AMOUNT, AwardStatus.ENTERPRISE_CONFIRMED, entB.id(), null);
    }

    @Test
    void aTownSeesAndReviewsOnlyItsOwnTownsCases() throws Exception {
        String list = mvc.perform(get("/awards").param("period", "2024").param("policy", String.valueOf(policy.id())).with(as(hutangTown)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("data-case=\"" + caseA + "\"").doesNotContain("data-case=\"" + caseB + "\"");
        mvc.perform(get("/api/v1/awards").param("policy", String.valueOf(policy.id())).with(as(hutangTown)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].id").value(caseA));
        mvc.perform(get("/awards/cases/" + caseB).with(as(hutangTown))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/awards/" + caseB).with(as(hutangTown))).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/awards/" + caseB + "/actions/review").with(as(hutangTown)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/awards/cases/" + caseB + "/act/review").with(as(hutangTown)).with(csrf())).andExpect(status().isNotFound());
        assertThat(fx.status(caseB)).isEqualTo("ENTERPRISE_CONFIRMED");

        String page = mvc.perform(get("/awards/cases/" + caseA).with(as(hutangTown))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("action-REVIEW-" + caseA).contains("action-REJECT-" + caseA)
                .doesNotContain("action-APPROVE-" + caseA).doesNotContain("action-WITHDRAW-" + caseA);
        mvc.perform(post("/awards/cases/" + caseA + "/act/review").with(as(hutangTown)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(header().string("Location", "/awards/cases/" + caseA));
        assertThat(fx.status(caseA)).isEqualTo("TOWN_REVIEWED");
        // the town's review done, it has no more buttons; the district now sees approve
        assertThat(mvc.perform(get("/awards/cases/" + caseA).with(as(hutangTown))).andReturn().getResponse().getContentAsString())
                .doesNotContain("action-REVIEW-" + caseA).contains("award-history");
        assertThat(mvc.perform(get("/awards/cases/" + caseA).with(as(wujin))).andReturn().getResponse().getContentAsString())
                .contains("action-APPROVE-" + caseA).contains("action-REJECT-" + caseA);
        // a second review is refused with the reason (409), on the page and in the API
        String refused = mvc.perform(post("/awards/cases/" + caseA + "/act/review").with(as(hutangTown)).with(csrf()))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("award-error").contains("镇街已审核");
        mvc.perform(post("/api/v1/awards/" + caseA + "/actions/review").with(as(hutangTown)).with(csrf()))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.refusal").value("NOT_IN_THIS_STATE"))
                .andExpect(jsonPath("$.detailZh").exists());
    }

    @Test
    void anEnterpriseSeesOnlyItsOwnCases() throws Exception {
        mvc.perform(get("/api/v1/awards/" + caseA).with(as(entA))).andExpect(status().isOk())
                .andExpect(jsonPath("$.line.enterpriseName").value(a.name()));
        mvc.perform(get("/api/v1/awards/" + caseB).with(as(entA))).andExpect(status().isNotFound());
        mvc.perform(get("/awards/cases/" + caseB).with(as(entA))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/awards").with(as(entA))).andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(1)).andExpect(jsonPath("$.items[0].id").value(caseA));
        mvc.perform(get("/awards").with(as(entA))).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/awards/" + caseB + "/actions/withdraw").with(as(entA)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"x\"}")).andExpect(status().isNotFound());
        String mine = mvc.perform(get("/awards/mine").with(as(entA))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(mine).contains("my-case-" + caseA).doesNotContain("my-case-" + caseB);
    }

    @Test
    void leaderReadsButNeverActs() throws Exception {
        mvc.perform(get("/awards/cases/" + caseA).with(as(leader))).andExpect(status().isOk());
        mvc.perform(post("/api/v1/awards/" + caseA + "/actions/review").with(as(leader)).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/awards/cases/" + caseA + "/act/review").with(as(leader)).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(get("/awards/budgets").with(as(leader))).andExpect(status().isOk());
    }

    @Test
    void bulkApprovalFromTheListAndOverdueFlags() throws Exception {
        AwardFixtures.Enterprise c = fx.enterprise(AwardFixtures.HUTANG);
        long ready = fx.caseIn(policy, c, 2024, AMOUNT, AwardStatus.TOWN_REVIEWED, null, hutangTown.id());
        // 11 days in town review: past the 10-day deadline
        jdbc.sql("UPDATE award_case SET status_since = now() - interval '11 days' WHERE id = ?").param(ready).update();
        String overdue = mvc.perform(get("/awards").param("overdue", "true").param("policy", String.valueOf(policy.id())).with(as(wujin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(overdue).contains("data-case=\"" + ready + "\"").doesNotContain("data-case=\"" + caseA + "\"")
                .contains("已逾期（时限 10 天）").contains("pick-" + ready);
        mvc.perform(get("/api/v1/awards").param("minAge", "11").param("policy", String.valueOf(policy.id())).with(as(wujin)))
                .andExpect(jsonPath("$.totalItems").value(1));
        mvc.perform(get("/api/v1/awards/counts").param("policy", String.valueOf(policy.id())).with(as(wujin)))
                .andExpect(jsonPath("$[?(@.status == 'TOWN_REVIEWED')].cases").value(1))
                .andExpect(jsonPath("$[?(@.status == 'ENTERPRISE_CONFIRMED')].cases").value(2));
        String result = mvc.perform(post("/awards/bulk-approve").param("ids", String.valueOf(ready), String.valueOf(caseA))
                        .with(as(wujin)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(result).contains("bulk-result").contains("data-outcome=\"APPROVED\"").contains("data-outcome=\"REFUSED\"")
                .contains("批量审批：通过 1 件");
        assertThat(fx.status(ready)).isEqualTo("DISTRICT_APPROVED");
        assertThat(fx.status(caseA)).isEqualTo("ENTERPRISE_CONFIRMED");
        mvc.perform(post("/api/v1/awards/bulk-approve").with(as(hutangTown)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"ids\":[" + caseA + "]}")).andExpect(status().isForbidden());
        byte[] xlsx = mvc.perform(get("/awards/export.xlsx").param("policy", String.valueOf(policy.id())).with(as(wujin)))
                .andExpect(status().isOk()).andExpect(content().contentType(XlsxTable.CONTENT_TYPE))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(xlsx).startsWith('P', 'K');
        String budgets = mvc.perform(get("/awards/budgets").with(as(wujin))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(budgets).contains("data-policy=\"" + policy.id() + "\"").contains("20.00 万元");
        mvc.perform(get("/awards").param("status", "NOPE").with(as(wujin))).andExpect(status().isBadRequest());
    }

    @Test
    void myPoliciesConfirmsWithAValidatedAccountAndApplies() throws Exception {
        AwardFixtures.Enterprise e = fx.enterprise(AwardFixtures.HUTANG);
        CurrentUser ent = fx.user("awp_ent", Role.ENTERPRISE, null, e.id());
        AwardFixtures.Policy near = fx.policy("AUTOMATIC", new BigDecimal("1000000"), AwardFixtures.CITY);
        fx.match(near, fx.run(near, 2024), e.id(), 2024, "NEAR", null);
        long run = fx.run(policy, 2024);
        fx.match(policy, run, e.id(), 2024, "ELIGIBLE", AMOUNT);
        long id = fx.caseIn(policy, e, 2024, AMOUNT, AwardStatus.MATCHED, null, null);
        jdbc.sql("UPDATE award_case SET account_name = NULL, account_bank = NULL, account_number = NULL WHERE id = ?").param(id).update();
        String page = mvc.perform(get("/awards/mine").with(as(ent))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("研发费用需增加 5.0 万元").contains("首次认定").contains("action-CONFIRM-" + id)
                .contains("action-WITHDRAW-" + id);
        String bad = mvc.perform(post("/awards/cases/" + id + "/act/confirm").param("back", "mine").param("accountName", "别家公司")
                        .param("accountBank", "中国银行常州武进支行").param("accountNumber", "12-34").with(as(ent)).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        // every broken field at once, each named with its value and rule
        assertThat(bad).contains("award-error").contains("accountName").contains("别家公司").contains("accountNumber")
                .contains("8 至 30 位数字");
        mvc.perform(post("/api/v1/awards/" + id + "/actions/confirm").with(as(ent)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"accountName\":\"" + e.name() + "\",\"accountBank\":\"中行\",\"accountNumber\":\"6216610100001234567\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.parameter").value("accountBank"));
        mvc.perform(post("/awards/cases/" + id + "/act/confirm").param("back", "mine").param("accountName", e.name())
                        .param("accountBank", "中国银行常州武进支行").param("accountNumber", "6216 6101 0000 1234 567").with(as(ent)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(header().string("Location", "/awards/mine"));
        assertThat(fx.status(id)).isEqualTo("ENTERPRISE_CONFIRMED");

        AwardFixtures.Policy app = fx.policy("APPLICATION", new BigDecimal("1000000"), AwardFixtures.CITY);
        assertThat(mvc.perform(get("/awards/mine").with(as(ent))).andReturn().getResponse().getContentAsString()).contains("apply-" + app.id());
        String refused = mvc.perform(multipart("/awards/apply").param("policyId", String.valueOf(app.id())).param("period", "2025")
                        .param("requestedAmount", "50000").param("materials", " ").param("accountName", e.name())
                        .param("accountBank", "中国银行常州武进支行").param("accountNumber", "6216610100001234567").with(as(ent)).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("award-error").contains("materials").contains("apply-" + app.id());
        MockMultipartFile file = new MockMultipartFile("file", "说明.pdf", "application/pdf", "%PDF-1.4".getBytes());
        mvc.perform(multipart("/awards/apply").file(file).param("policyId", String.valueOf(app.id())).param("period", "2025")
                        .param("requestedAmount", "50000").param("materials", "研发项目立项书与验收报告")
                        .param("accountName", e.name()).param("accountBank", "中国银行常州武进支行").param("accountNumber", "6216610100001234567")
                        .with(as(ent)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        long applied = jdbc.sql("SELECT id FROM award_case WHERE policy_id = ? AND enterprise_id = ?").params(app.id(), e.id())
                .query(Long.class).single();
        mvc.perform(get("/awards/cases/" + applied + "/material").with(as(hutangTown))).andExpect(status().isOk())
                .andExpect(content().bytes("%PDF-1.4".getBytes()));
        mvc.perform(get("/awards/cases/" + applied + "/material").with(as(niutangTown))).andExpect(status().isNotFound());
    }
}
