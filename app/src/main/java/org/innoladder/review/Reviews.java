package org.innoladder.review;

import java.math.BigDecimal;
import java.util.List;

import org.innoladder.identity.CurrentUser;
import org.innoladder.review.internal.ReviewCases;
import org.innoladder.review.internal.ScoringForms;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The review engine as other modules use it: open a case for a subject they own (scored on the challenge form),
 * read its state, and ask whether a user sat on its panel. Steps inside a case (assignment, scoring, moderation,
 * decision) are taken on the review pages and API; the decision is announced by {@link ReviewDecided}.
 */
@Component
public class Reviews {
    public static final String CHALLENGE = "CHALLENGE";

    private final ReviewCases cases;
    private final JdbcClient jdbc;

    Reviews(ReviewCases cases, JdbcClient jdbc) {
        this.cases = cases;
        this.jdbc = jdbc;
    }

    /** A challenge application to review; {@code blind} hides the applicant from the experts. */
    public record Request(long subjectId, String title, String applicantName, String applicantCreditCode, String regionCode,
                          List<String> fields, int year, boolean blind) {
    }

    /** Opens the case in the caller's transaction; returns its id. */
    public long openChallengeReview(CurrentUser by, Request r) {
        return cases.open(by, new ReviewCases.OpenCase(CHALLENGE, r.subjectId(), ScoringForms.CHALLENGE, r.title(), r.applicantName(),
                r.applicantCreditCode(), null, r.regionCode(), r.fields(), r.year(), r.blind()));
    }

    /** {@code status}: OPEN, SCORING, MODERATION, DECIDED or CANCELLED; mean and passes once decided. */
    public record State(long caseId, String status, BigDecimal mean, Boolean passes) {
        public boolean decided() {
            return "DECIDED".equals(status);
        }
    }

    public State state(long caseId) {
        return jdbc.sql("SELECT id, status, mean, passes FROM review_case WHERE id = :id").param("id", caseId)
                .query((rs, n) -> new State(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), (Boolean) rs.getObject(4))).single();
    }

    /**
     * The subject whose decided panel ranks first among those that pass (equal means: the lower subject id), or null
     * when none passes; {@code states} by subject id.
     */
    public static Long bestPassing(java.util.Map<Long, State> states) {
        java.util.List<org.innoladder.review.domain.Ranking.Entry> entries = new java.util.ArrayList<>();
        states.forEach((subject, st) -> {
            if (st.mean() != null) entries.add(new org.innoladder.review.domain.Ranking.Entry(subject, st.mean()));
        });
        return org.innoladder.review.domain.Ranking.rank(entries, null).stream()
                .filter(x -> Boolean.TRUE.equals(states.get(x.caseId()).passes()))
                .map(org.innoladder.review.domain.Ranking.Ranked::caseId).findFirst().orElse(null);
    }

    /** Whether the user is an expert who submitted a sheet in the case (accepts the winner's milestones). */
    public boolean satOnPanel(long caseId, long userId) {
        return jdbc.sql("""
                SELECT count(*) FROM review_assignment a JOIN review_expert x ON x.id = a.expert_id
                WHERE a.case_id = :c AND x.user_id = :u AND a.status = 'SUBMITTED'""")
                .param("c", caseId).param("u", userId).query(Integer.class).single() > 0;
    }
}
