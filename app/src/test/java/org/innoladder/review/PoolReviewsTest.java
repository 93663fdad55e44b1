package org.innoladder.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.innoladder.evaluation.EvaluationRuns;
import org.innoladder.evaluation.FileResults;
import org.innoladder.evaluation.StoredResult;
import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.ladder.PoolReviews;
import org.innoladder.ladder.internal.PoolReviewSections;
import org.innoladder.review.domain.DossierWorkflow.Action;
import org.innoladder.review.domain.HntePrediction;
import org.innoladder.review.domain.ReviewAction;
import org.innoladder.review.internal.HnteDossiers;
import org.innoladder.review.internal.ReviewCases;
import org.innoladder.review.internal.ReviewCases.ActRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The ladder shows the HNTE application review of its reserve pool (PoolReviews, implemented by the review module):
 * in a town of its own, three pool members at three levels and one applicant outside the pool; the counts per level
 * and predicted outcome (the experts' mean narrowing the open score), the same for the town's own user and nothing
 * for another town, each count's link listing exactly those dossiers, and an expert never given the panel's mean.
 */
@SpringBootTest(properties = "innoladder.test.context=review")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class PoolReviewsTest {
    static final int YEAR = 2024;

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    HnteDossiers dossiers;
    @Autowired
    ReviewCases reviews;
    @Autowired
    EvaluationRuns runs;
    @Autowired
    FileResults results;
    @Autowired
    PoolReviewSections sections;

    @Test
    void theLadderCountsPoolMembersPerLevelWithTheirPredictionAndDrillsDownToThem() throws Exception {
        ReviewFixtures fx = new ReviewFixtures(jdbc);
        // a town no other test writes dossiers into, so every count is exact
        String town = jdbc.sql("SELECT code FROM region WHERE code LIKE '320412___' ORDER BY code DESC LIMIT 1").query(String.class).single();
        String otherTown = ReviewFixtures.HUTANG;
        ReviewFixtures.Enterprise submitted = fx.hnteCandidate(town, YEAR), checked = fx.hnteCandidate(town, YEAR),
                scoring = fx.hnteCandidate(town, YEAR), outside = fx.hnteCandidate(town, YEAR);
        // the rung below: a TSME certificate in force on 31 December admits an UNDETERMINED HNTE candidate to the pool
        for (ReviewFixtures.Enterprise e : List.of(submitted, checked, scoring)) {
            jdbc.sql("""
                    INSERT INTO recognition (enterprise_id, kind, certificate_no, issued_on, expires_on, source)
                    VALUES (?, 'TSME', ?, DATE '2024-03-01', DATE '2025-03-01', 'test')""").params(e.id(), "TSME-" + e.id()).update();
        }
        CurrentUser officer = fx.user("pr_bureau", Role.BUREAU, ReviewFixtures.WUJIN, null);
        CurrentUser townUser = fx.user("pr_town", Role.TOWN, town, null);
        CurrentUser otherTownUser = fx.user("pr_town", Role.TOWN, otherTown, null);
        long run = runs.run(officer, runs.check(officer, town, YEAR, List.of("hnte@2016")), null);
        runs.awaitFollowUps(run, Duration.ofSeconds(60));

        long d1 = submit(fx, submitted), d2 = submit(fx, checked), d3 = submit(fx, scoring), d4 = submit(fx, outside);
        dossiers.act(townUser, d2, Action.TOWN_CHECK, null, null);
        dossiers.act(townUser, d3, Action.TOWN_CHECK, null, null);
        long caseId = dossiers.act(officer, d3, Action.CITY_CHECK, null, null).reviewCaseId();
        ReviewFixtures.Expert a = fx.expert("南京大学", null, List.of("01")), b = fx.expert("东南大学", null, List.of("01")),
                c = fx.expert("江南大学", null, List.of("01"));
        try {
            check(fx, town, officer, townUser, otherTownUser, List.of(submitted, checked, scoring, outside), caseId, d1, d2, d3, d4, a, b, c);
        } finally {
            // out of the other tests' proposals, which pick the least-loaded experts of field 01 by id
            jdbc.sql("UPDATE review_expert SET available = false WHERE id IN (?, ?, ?)").params(a.id(), b.id(), c.id()).update();
        }
    }

    void check(ReviewFixtures fx, String town, CurrentUser officer, CurrentUser townUser, CurrentUser otherTownUser,
               List<ReviewFixtures.Enterprise> es, long caseId, long d1, long d2, long d3, long d4,
               ReviewFixtures.Expert a, ReviewFixtures.Expert b, ReviewFixtures.Expert c) throws Exception {
        ReviewFixtures.Enterprise scoring = es.get(2);
        reviews.act(officer, caseId, ReviewAction.ASSIGN, new ActRequest(null, List.of(a.id(), b.id(), c.id()), null, null, null), null);
        for (ReviewFixtures.Expert x : List.of(a, b, c)) reviews.act(x.user(), caseId, ReviewAction.ACCEPT, ActRequest.NONE, null);
        reviews.act(a.user(), caseId, ReviewAction.SUBMIT, HnteReviewTest.sheet(7, 6, 1, 5, 4, 3, 3), null); // 29
        reviews.act(b.user(), caseId, ReviewAction.SUBMIT, HnteReviewTest.sheet(6, 6, 2, 4, 5, 3, 2), null); // 28

        StoredResult stored = results.forFile(officer.scope(), scoring.creditCode(), Locale.SIMPLIFIED_CHINESE).stream()
                .filter(r -> "hnte".equals(r.ruleset()) && r.year() == YEAR).findFirst().orElseThrow();
        assertThat(stored.outcome()).isEqualTo("UNDETERMINED");
        HntePrediction.Prediction expected = HntePrediction.of("UNDETERMINED", stored.scoreMin(), stored.scoreMax(), new BigDecimal("28.50"), 38);

        PoolReviews.Progress p = single(sections.progress(officer, town, YEAR, null));
        assertThat(p.inPool()).isEqualTo(3);
        assertThat(p.outsidePool()).isEqualTo(1);
        assertThat(p.levels()).extracting(PoolReviews.Level::code, PoolReviews.Level::count).containsExactly(
                org.assertj.core.groups.Tuple.tuple("SUBMITTED", 1), org.assertj.core.groups.Tuple.tuple("TOWN_CHECKED", 1),
                org.assertj.core.groups.Tuple.tuple("CITY_CHECKED", 1), org.assertj.core.groups.Tuple.tuple("SCORED", 0),
                org.assertj.core.groups.Tuple.tuple("RETURNED", 0));
        PoolReviews.Level inReview = p.levels().get(2);
        assertThat(inReview.predictions()).singleElement().satisfies(x -> {
            assertThat(x.code()).isEqualTo(expected.kind().name());
            assertThat(x.count()).isEqualTo(1);
        });
        assertThat(dossiers.get(officer, d3).predicted()).isEqualTo(expected.zh()).contains("专家均分 28.5");

        // the town's own user sees the same figures; another town's user none of them
        assertThat(single(sections.progress(townUser, town, YEAR, null))).isEqualTo(p);
        PoolReviews.Progress other = single(sections.progress(otherTownUser, null, YEAR, null));
        assertThat(dossierIds(other.href(), otherTownUser)).doesNotContain(d1, d2, d3, d4);

        // every count opens exactly its dossiers
        assertThat(dossierIds(p.href(), townUser)).containsExactlyInAnyOrder(d1, d2, d3);
        assertThat(dossierIds(p.levels().get(0).href(), townUser)).containsExactly(d1);
        assertThat(dossierIds(p.levels().get(1).href(), townUser)).containsExactly(d2);
        assertThat(dossierIds(inReview.predictions().get(0).href(), townUser)).containsExactly(d3);
        assertThat(dossierIds(p.outsideHref(), townUser)).containsExactly(d4);

        // the ladder page and its pool page show the section with those links; the API the same figures
        String ladder = page("/ladder?year=" + YEAR + "&region=" + town, officer);
        assertThat(ladder).contains("id=\"pool-review-HNTE\"", "高企申报三级审查", "另有 1 家申报企业不在后备库")
                .contains(p.levels().get(2).href().replace("&", "&amp;"));
        assertThat(page("/ladder/pool?tier=HNTE&year=" + YEAR + "&region=" + town, officer)).contains("id=\"pool-review-HNTE\"");
        assertThat(page("/ladder/pool?tier=GAZELLE&year=" + YEAR + "&region=" + town, officer)).doesNotContain("pool-review-HNTE");
        assertThat(page("/api/v1/ladder/reviews?year=" + YEAR + "&region=" + town, officer)).contains("\"inPool\":3", "\"outsidePool\":1");

        // an expert of the panel gets the prediction without the others' mean
        HnteDossiers.Row seenByExpert = dossiers.get(c.user(), d3);
        assertThat(seenByExpert.expertMean()).isNull();
        assertThat(seenByExpert.predicted()).doesNotContain("专家均分");
    }

    long submit(ReviewFixtures fx, ReviewFixtures.Enterprise e) {
        CurrentUser owner = fx.user("pr_ent", Role.ENTERPRISE, null, e.id());
        return dossiers.submit(owner, e.id(), YEAR, new HnteDossiers.Submission(null, "发明专利1件", "项目A", "查新报告"), null);
    }

    static PoolReviews.Progress single(List<PoolReviews.Progress> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    String page(String url, CurrentUser u) throws Exception {
        return mvc.perform(get(url).with(user(AppUserDetails.of(u)))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    List<Long> dossierIds(String href, CurrentUser u) throws Exception {
        Matcher m = Pattern.compile("data-dossier=\"(\\d+)\"").matcher(page(href, u));
        List<Long> ids = new java.util.ArrayList<>();
        while (m.find()) ids.add(Long.parseLong(m.group(1)));
        return ids;
    }
}
