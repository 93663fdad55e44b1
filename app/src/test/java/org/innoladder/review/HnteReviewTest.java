package org.innoladder.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.innoladder.evaluation.EvaluationRuns;
import org.innoladder.evaluation.FileResults;
import org.innoladder.evaluation.StoredResult;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.review.domain.Assignment;
import org.innoladder.review.domain.AssignmentStatus;
import org.innoladder.review.domain.DossierStatus;
import org.innoladder.review.domain.DossierWorkflow.Action;
import org.innoladder.review.domain.ReviewAction;
import org.innoladder.review.domain.ReviewStatus;
import org.innoladder.review.internal.ExpertPool;
import org.innoladder.review.internal.HnteDossiers;
import org.innoladder.review.internal.ReviewCases;
import org.innoladder.review.internal.ReviewCases.ActRequest;
import org.innoladder.review.internal.ReviewRefusedException;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The HNTE application review end to end over real PostgreSQL: dossier → town completeness check → city check with
 * the ruleset's result → proposal without the conflicted expert → three independent sheets (others hidden until one's
 * own is submitted) → an outlier moderated with a reason → decision → the panel's item means become the enterprise's
 * expert facts of the year with provenance → the next evaluation run turns UNDETERMINED into QUALIFIED and shows the
 * experts' scores. Every step leaves history and audit rows.
 */
@SpringBootTest(properties = "innoladder.test.context=review")
@org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc
@ActiveProfiles("test")
class HnteReviewTest {
    static final int YEAR = 2024;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    HnteDossiers dossiers;
    @Autowired
    ReviewCases reviews;
    @Autowired
    ExpertPool pool;
    @Autowired
    EvaluationRuns runs;
    @Autowired
    FileResults results;

    @Test
    void threeLevelsThenExpertFactsMakeTheNextEvaluationQualified() {
        ReviewFixtures fx = new ReviewFixtures(jdbc);
        String town = fx.hnteCandidate(ReviewFixtures.HUTANG, YEAR).regionCode();
        ReviewFixtures.Enterprise e = fx.hnteCandidate(ReviewFixtures.HUTANG, YEAR);
        CurrentUser owner = fx.user("rv_ent", Role.ENTERPRISE, null, e.id());
        CurrentUser townUser = fx.user("rv_town", Role.TOWN, town, null);
        CurrentUser officer = fx.user("rv_bureau", Role.BUREAU, ReviewFixtures.WUJIN, null);
        CurrentUser otherOfficer = fx.user("rv_bureau", Role.BUREAU, ReviewFixtures.XINBEI, null);
        ReviewFixtures.Expert a = fx.expert("南京大学", null, List.of("01", "08")), b = fx.expert("东南大学", null, List.of("01")),
                c = fx.expert("江南大学", null, List.of("01")), conflicted = fx.expert("常州大学", null, List.of("01"));
        ReviewFixtures.Expert outsider = fx.expert("苏州大学", null, List.of("01"));
        pool.declareConflict(conflicted.user(), conflicted.id(), e.creditCode(), "曾为该企业技术顾问", null);
        jdbc.sql("UPDATE review_expert SET available = false WHERE id = ?").params(outsider.id()).update();

        runs.run(officer, runs.check(officer, town, YEAR, List.of("hnte@2016")), null);
        assertThat(hnteResult(officer, e).outcome()).as("without expert scores the score is a range").isEqualTo("UNDETERMINED");

        // the enterprise submits without the evidence: the town refuses and names what is missing
        long id = dossiers.submit(owner, e.id(), YEAR, new HnteDossiers.Submission("常州某知识产权代理公司", "发明专利2件；实用新型3件",
                "项目A；项目B", null), null);
        assertThatThrownBy(() -> dossiers.act(townUser, id, Action.TOWN_CHECK, null, null)).isInstanceOf(ReviewRefusedException.class)
                .hasMessageContaining("the dossier is incomplete; missing: the evidence for the expert items");
        assertThatThrownBy(() -> dossiers.act(officer, id, Action.CITY_CHECK, null, null)).isInstanceOf(ReviewRefusedException.class);
        dossiers.act(townUser, id, Action.RETURN, "请补充专家评分项佐证材料", null);
        dossiers.submit(owner, e.id(), YEAR, new HnteDossiers.Submission("常州某知识产权代理公司", "发明专利2件；实用新型3件",
                "项目A；项目B", "查新报告；研发管理制度；产学研合作协议"), null);
        assertThat(dossiers.act(townUser, id, Action.TOWN_CHECK, null, null).to()).isEqualTo(DossierStatus.TOWN_CHECKED);
        assertThatThrownBy(() -> dossiers.act(otherOfficer, id, Action.CITY_CHECK, null, null)).isInstanceOf(NotFoundException.class);
        HnteDossiers.ActResult city = dossiers.act(officer, id, Action.CITY_CHECK, "硬性条件均满足", null);
        assertThat(city.to()).isEqualTo(DossierStatus.CITY_CHECKED);
        HnteDossiers.Row row = dossiers.get(officer, id);
        assertThat(row.rulesetOutcome()).isEqualTo("UNDETERMINED");
        assertThat(row.predicted()).startsWith("待专家评分");
        long caseId = city.reviewCaseId();

        // proposal: the conflicted and the unavailable expert are out, each with its reason
        Assignment.Proposal p = reviews.propose(officer, caseId);
        assertThat(p.proposed()).extracting(Assignment.Proposed::expertId).contains(a.id(), b.id(), c.id())
                .doesNotContain(conflicted.id(), outsider.id());
        assertThat(p.excluded()).anySatisfy(x -> {
            assertThat(x.expertId()).isEqualTo(conflicted.id());
            assertThat(x.why().zh()).contains("利益冲突", e.creditCode());
        });
        assertThatThrownBy(() -> reviews.act(officer, caseId, ReviewAction.ASSIGN, new ActRequest(null, List.of(conflicted.id()), null, null, null), null))
                .isInstanceOf(ReviewRefusedException.class).hasMessageContaining("declared a conflict");
        reviews.act(officer, caseId, ReviewAction.ASSIGN, new ActRequest(null, List.of(a.id(), b.id(), c.id()), null, null, null), null);

        // an unassigned expert cannot open the case, nor the enterprise's data
        assertThatThrownBy(() -> reviews.view(outsider.user(), caseId)).isInstanceOf(NotFoundException.class);
        assertThat(count("SELECT count(*) FROM enterprise e WHERE e.id = :id AND " + sql(outsider.user()), outsider.user(), e.id())).isZero();
        assertThat(count("SELECT count(*) FROM enterprise e WHERE e.id = :id AND " + sql(a.user()), a.user(), e.id())).isOne();

        for (ReviewFixtures.Expert x : List.of(a, b, c)) reviews.act(x.user(), caseId, ReviewAction.ACCEPT, ActRequest.NONE, null);
        assertThatThrownBy(() -> reviews.act(a.user(), caseId, ReviewAction.SUBMIT, sheet(9, 6, 1, 5, 4, 3, 3), null))
                .isInstanceOf(BadParameterException.class).hasMessageContaining("scores.tech_advancement");
        reviews.act(a.user(), caseId, ReviewAction.SUBMIT, sheet(7, 6, 1, 5, 4, 3, 3), null);

        // b has not submitted: b sees only its own (empty) sheet and no panel figures; a, having submitted, sees b's status
        ReviewCases.CaseView seenByB = reviews.view(b.user(), caseId);
        assertThat(seenByB.othersVisible()).isFalse();
        assertThat(seenByB.summary()).isNull();
        assertThat(seenByB.sheets()).singleElement().satisfies(s -> assertThat(s.mine()).isTrue());
        assertThat(seenByB.history()).noneMatch(h -> h.detail() != null && h.detail().contains("总分"));
        reviews.act(b.user(), caseId, ReviewAction.SUBMIT, sheet(6, 6, 2, 4, 5, 3, 2), null);
        assertThat(reviews.view(b.user(), caseId).sheets()).hasSize(3);
        ReviewCases.ActResult last = reviews.act(c.user(), caseId, ReviewAction.SUBMIT, sheet(0, 0, 0, 1, 1, 0, 0), null);
        assertThat(last.to()).isEqualTo(ReviewStatus.MODERATION);

        // c's 2 points lie 26 from the median 28: the decision waits for moderation, which needs a reason
        ReviewCases.CaseView officerView = reviews.view(officer, caseId);
        assertThat(officerView.summary().unresolved()).isEqualTo(1);
        long cSheet = officerView.sheets().stream().filter(s -> s.status() == AssignmentStatus.SUBMITTED && s.total().intValue() == 2)
                .findFirst().orElseThrow().assignmentId();
        assertThatThrownBy(() -> reviews.act(officer, caseId, ReviewAction.DECIDE, ActRequest.NONE, null))
                .isInstanceOf(ReviewRefusedException.class).hasMessageContaining("not moderated");
        reviews.act(officer, caseId, ReviewAction.MODERATE, new ActRequest("合议：专家误读佐证材料，按合议意见调整",
                null, sheetScores(6, 5, 0, 5, 4, 2, 3), null, cSheet), null);
        reviews.act(officer, caseId, ReviewAction.DECIDE, ActRequest.NONE, null);

        // the panel's item means: tech 19/3 → 6, core 17/3 → 6, bonus 1, R&D 43/3 → 14 (hand-computed in ScoringFormsTest)
        Map<String, Object> facts = jdbc.sql("""
                SELECT hnte_tech_advancement, hnte_core_support, hnte_standards_bonus, hnte_rd_management FROM enterprise_year
                WHERE enterprise_id = ? AND year = ?""").params(e.id(), YEAR).query().singleRow();
        assertThat(facts).containsEntry("hnte_tech_advancement", 6).containsEntry("hnte_core_support", 6)
                .containsEntry("hnte_standards_bonus", 1).containsEntry("hnte_rd_management", 14);
        HnteDossiers.Provenance prov = dossiers.provenance(officer, e.id(), YEAR).orElseThrow();
        assertThat(prov.reviewCaseId()).isEqualTo(caseId);
        assertThat(prov.experts()).contains("专家" + a.user().id(), "专家" + b.user().id(), "专家" + c.user().id());
        assertThat(dossiers.get(officer, id).status()).isEqualTo(DossierStatus.SCORED);

        runs.run(officer, runs.check(officer, town, YEAR, List.of("hnte@2016")), null);
        StoredResult after = hnteResult(officer, e);
        assertThat(after.outcome()).isEqualTo("QUALIFIED");
        assertThat(after.scoreMin()).isGreaterThan(70);
        assertThat(after.items()).anySatisfy(i -> {
            assertThat(i.id()).endsWith("tech_advancement");
            assertThat(i.min()).isEqualTo(6);
            assertThat(i.max()).isEqualTo(6);
        });
        assertThat(after.items()).anySatisfy(i -> {
            assertThat(i.id()).isEqualTo("rd_management");
            assertThat(i.min()).isEqualTo(14);
        });

        assertThat(reviews.view(officer, caseId).history()).extracting(ReviewCases.HistoryLine::action)
                .containsExactly("OPEN", "ASSIGN", "ACCEPT", "ACCEPT", "ACCEPT", "SUBMIT", "SUBMIT", "SUBMIT", "MODERATE", "DECIDE");
        assertThat(dossiers.history(owner, id)).extracting(HnteDossiers.History::action)
                .containsExactly("SUBMIT", "RETURN", "SUBMIT", "TOWN_CHECK", "CITY_CHECK", "SCORED");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE target = ?").params("review_case:" + caseId).query(Integer.class).single())
                .isEqualTo(10);
    }

    StoredResult hnteResult(CurrentUser user, ReviewFixtures.Enterprise e) {
        return results.forFile(user.scope(), e.creditCode(), Locale.SIMPLIFIED_CHINESE).stream()
                .filter(r -> "hnte".equals(r.ruleset()) && r.year() == YEAR).findFirst().orElseThrow();
    }

    int count(String sql, CurrentUser user, long id) {
        var f = user.scope().enterpriseFilter("e");
        return jdbc.sql(sql).params(f.params()).param("id", id).query(Integer.class).single();
    }

    static String sql(CurrentUser user) {
        return user.scope().enterpriseFilter("e").sql();
    }

    static ActRequest sheet(int tech, int core, int bonus, int system, int institution, int conversion, int talent) {
        return new ActRequest(null, null, sheetScores(tech, core, bonus, system, institution, conversion, talent),
                Map.of("tech_advancement", "查新结论：国内先进", "core_support", "核心专利支撑主营产品", "rd_system", "制度齐全",
                        "rd_institution", "设有研发中心", "rd_conversion", "有激励制度", "rd_talent", "有培训计划"), null);
    }

    static Map<String, Integer> sheetScores(int tech, int core, int bonus, int system, int institution, int conversion, int talent) {
        return Map.of("tech_advancement", tech, "core_support", core, "standards_bonus", bonus, "rd_system", system,
                "rd_institution", institution, "rd_conversion", conversion, "rd_talent", talent);
    }
}
