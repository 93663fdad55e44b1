package org.innoladder.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.innoladder.challenge.domain.ChallengeWorkflow;
import org.innoladder.challenge.internal.Challenges;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.review.domain.DossierWorkflow.Action;
import org.innoladder.review.domain.ReviewAction;
import org.innoladder.review.internal.HnteDossiers;
import org.innoladder.review.internal.ReviewCases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The review and challenge pages and API through the real MVC stack: every page renders for the roles that use it,
 * an expert cannot open an unassigned review (page, API, export) nor see the others' scores before submitting, the
 * exports are spreadsheets, the public board needs no login while the officers' list does, and writes outside a
 * role or scope are refused with nothing changed.
 */
@SpringBootTest(properties = "innoladder.test.context=review")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ReviewPagesTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    HnteDossiers dossiers;
    @Autowired
    ReviewCases reviews;
    @Autowired
    Challenges challenges;

    static RequestPostProcessor as(CurrentUser u) {
        return user(AppUserDetails.of(u));
    }

    String page(String url, CurrentUser u) throws Exception {
        return mvc.perform(get(url).with(as(u))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void pagesForEveryRoleAndTheExpertSeesOnlyWhatIsAssigned() throws Exception {
        ReviewFixtures fx = new ReviewFixtures(jdbc);
        ReviewFixtures.Enterprise e = fx.hnteCandidate(ReviewFixtures.HUTANG, 2024);
        CurrentUser owner = fx.user("rp_ent", Role.ENTERPRISE, null, e.id());
        CurrentUser town = fx.user("rp_town", Role.TOWN, ReviewFixtures.HUTANG, null);
        CurrentUser officer = fx.user("rp_bureau", Role.BUREAU, ReviewFixtures.WUJIN, null);
        CurrentUser xinbei = fx.user("rp_bureau", Role.BUREAU, ReviewFixtures.XINBEI, null);
        CurrentUser leader = fx.user("rp_leader", Role.LEADER, "3204", null);
        ReviewFixtures.Expert a = fx.expert("南京大学", null, List.of("01")), b = fx.expert("东南大学", null, List.of("01")),
                c = fx.expert("江南大学", null, List.of("01")), outsider = fx.expert("苏州大学", null, List.of("02"));

        long id = dossiers.submit(owner, e.id(), 2024, new HnteDossiers.Submission(null, "发明专利2件", "项目A", "查新报告"), null);
        assertThat(page("/hnte", owner)).contains(e.name());
        dossiers.act(town, id, Action.TOWN_CHECK, null, null);
        // another district's officer neither sees nor moves the dossier
        mvc.perform(get("/hnte/" + id).with(as(xinbei))).andExpect(status().isNotFound());
        mvc.perform(post("/hnte/" + id + "/act/CITY_CHECK").with(csrf()).with(as(xinbei))).andExpect(status().isNotFound());
        mvc.perform(post("/hnte/" + id + "/act/CITY_CHECK").with(csrf()).with(as(town))).andExpect(status().isConflict());
        mvc.perform(post("/hnte/" + id + "/act/CITY_CHECK").with(csrf()).with(as(officer))).andExpect(status().is3xxRedirection());
        long caseId = dossiers.get(officer, id).reviewCaseId();
        assertThat(page("/hnte/" + id, officer)).contains("dossier-ruleset", "专家评审中");

        String casePage = page("/reviews/" + caseId, officer);
        // the proposal (other tests' experts of field 01 may rank first) never offers the expert of another field
        assertThat(casePage).contains("assign-form", "id=\"pick-").doesNotContain("pick-" + outsider.id() + "\"");
        mvc.perform(post("/reviews/" + caseId + "/act/ASSIGN").with(csrf()).with(as(town)).param("experts", String.valueOf(a.id())))
                .andExpect(status().isForbidden());
        mvc.perform(post("/reviews/" + caseId + "/act/ASSIGN").with(csrf()).with(as(officer))
                .param("experts", String.valueOf(a.id()), String.valueOf(b.id()), String.valueOf(c.id()))).andExpect(status().is3xxRedirection());

        // the unassigned expert: 404 on the page, the API and an empty export; no enterprise file either
        mvc.perform(get("/reviews/" + caseId).with(as(outsider.user()))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/reviews/" + caseId).with(as(outsider.user()))).andExpect(status().isNotFound());
        mvc.perform(post("/reviews/" + caseId + "/act/ACCEPT").with(csrf()).with(as(outsider.user()))).andExpect(status().isNotFound());
        assertThat(page("/reviews/mine", outsider.user())).contains("no-reviews");
        mvc.perform(get("/reviews/export.xlsx").with(as(outsider.user()))).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", org.innoladder.web.XlsxTable.CONTENT_TYPE));

        for (ReviewFixtures.Expert x : List.of(a, b, c)) {
            mvc.perform(post("/reviews/" + caseId + "/act/ACCEPT").with(csrf()).with(as(x.user()))).andExpect(status().is3xxRedirection());
        }
        mvc.perform(post("/reviews/" + caseId + "/act/SUBMIT").with(csrf()).with(as(a.user())).param("score.tech_advancement", "9"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/reviews/" + caseId + "/act/SUBMIT").with(csrf()).with(as(a.user()))
                .param("score.tech_advancement", "7").param("score.core_support", "6").param("score.standards_bonus", "1")
                .param("score.rd_system", "5").param("score.rd_institution", "4").param("score.rd_conversion", "3").param("score.rd_talent", "3")
                .param("comment.tech_advancement", "先进").param("comment.core_support", "核心").param("comment.rd_system", "齐全")
                .param("comment.rd_institution", "有").param("comment.rd_conversion", "有").param("comment.rd_talent", "有"))
                .andExpect(status().is3xxRedirection());
        // b has not submitted: no total of a's on b's page, nor in b's API answer; a, after submitting, sees the panel
        String bPage = page("/reviews/" + caseId, b.user());
        assertThat(bPage).contains("others-hidden", "score-form").doesNotContain("29.00").doesNotContain("summary-line");
        String bApi = mvc.perform(get("/api/v1/reviews/" + caseId).with(as(b.user()))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(bApi).doesNotContain("29.00").contains("\"othersVisible\":false");
        assertThat(page("/reviews/" + caseId, a.user())).contains("summary-line", "29.00");
        mvc.perform(get("/api/v1/reviews/" + caseId + "/proposal").with(as(a.user()))).andExpect(status().isForbidden());

        assertThat(page("/reviews", officer)).contains("review-table");
        assertThat(page("/reviews", leader)).contains("review-table");
        assertThat(page("/experts", officer)).contains("expert-table", "expert-add");
        mvc.perform(get("/experts").with(as(a.user()))).andExpect(status().isForbidden());
        for (String x : List.of("/reviews/export.xlsx", "/experts/export.xlsx", "/hnte/export.xlsx", "/challenges/export.xlsx", "/solvers/export.xlsx")) {
            mvc.perform(get(x).with(as(officer))).andExpect(status().isOk()).andExpect(header().string("Content-Type", org.innoladder.web.XlsxTable.CONTENT_TYPE));
        }
        assertThat(page("/hnte", town)).contains("hnte-progress");
        mvc.perform(get("/api/v1/reviews/forms").with(as(officer))).andExpect(status().isOk());

        // challenges: the board without login, the officers' list only signed in
        long ch = challenges.collectNeed(officer, new Challenges.Need("页面测试榜单", "难题", "指标", "01", "320412", "某公司", null,
                new BigDecimal("100000"), new BigDecimal("50000"), LocalDate.now().plusDays(20)), null);
        challenges.act(officer, ch, ChallengeWorkflow.Action.SCREEN, Challenges.ActRequest.NONE, null);
        challenges.act(officer, ch, ChallengeWorkflow.Action.PUBLISH, Challenges.ActRequest.NONE, null);
        String board = mvc.perform(get("/challenges/board").param("field", "01").param("status", "PUBLISHED")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(board).contains("页面测试榜单", "15.00 万元");
        mvc.perform(get("/challenges/board/" + ch)).andExpect(status().isOk());
        mvc.perform(get("/api/v1/public/challenges")).andExpect(status().isOk());
        mvc.perform(get("/solvers/register")).andExpect(status().isOk());
        mvc.perform(get("/challenges")).andExpect(status().is3xxRedirection());
        assertThat(page("/challenges", officer)).contains("页面测试榜单", "contracted-count");
        assertThat(page("/challenges/" + ch, officer)).contains("challenge-actions", "act-CLOSE");
        assertThat(page("/solvers", officer)).contains("solver-table");
        assertThat(page("/challenges/need", officer)).contains("need-form");
        mvc.perform(post("/challenges/" + ch + "/act/CLOSE").with(csrf()).with(as(xinbei))).andExpect(status().isForbidden());
        mvc.perform(post("/challenges/" + ch + "/act/CLOSE").with(csrf()).with(as(a.user()))).andExpect(status().isForbidden());
        mvc.perform(post("/solvers/register").with(csrf()).param("creditCode", "91320412MA1XXXXX1B").param("name", "某公司").param("kind", "ENTERPRISE")
                .param("contactName", "李").param("contactPhone", "13800138000").param("username", "rpsolver").param("password", "Solver2026x"))
                .andExpect(status().isBadRequest());
        assertThat(jdbc.sql("SELECT count(*) FROM app_user WHERE username = 'rpsolver'").query(Integer.class).single()).isZero();
    }
}
