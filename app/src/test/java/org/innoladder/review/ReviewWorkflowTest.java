package org.innoladder.review;

import static org.assertj.core.api.Assertions.assertThat;

import org.innoladder.identity.Role;
import org.innoladder.review.domain.AssignmentStatus;
import org.innoladder.review.domain.ReviewAction;
import org.innoladder.review.domain.ReviewStatus;
import org.innoladder.review.domain.ReviewWorkflow;
import org.innoladder.review.domain.ReviewWorkflow.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every transition allowed or refused, one row each: state, the actor's own assignment, other open sheets,
 * submitted sheets, panel minimum, unresolved outliers, role, scope, action, reason, experts → the new state or the
 * refusal.
 */
class ReviewWorkflowTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            officer assigns a panel                    | OPEN       |           | 0 | 0 | 3 | 0 | BUREAU | true  | ASSIGN   |        | 3 | SCORING
            officer adds an expert while scoring       | SCORING    |           | 2 | 1 | 3 | 0 | BUREAU | true  | ASSIGN   |        | 1 | SCORING
            assign without experts                     | OPEN       |           | 0 | 0 | 3 | 0 | BUREAU | true  | ASSIGN   |        | 0 | NO_EXPERTS
            assign outside the officer's region        | OPEN       |           | 0 | 0 | 3 | 0 | BUREAU | false | ASSIGN   |        | 3 | SCOPE
            town user may not assign                   | OPEN       |           | 0 | 0 | 3 | 0 | TOWN   | true  | ASSIGN   |        | 3 | ROLE
            admin may not assign                       | OPEN       |           | 0 | 0 | 3 | 0 | ADMIN  | true  | ASSIGN   |        | 3 | ROLE
            assign after the decision                  | DECIDED    |           | 0 | 3 | 3 | 0 | BUREAU | true  | ASSIGN   |        | 1 | NOT_IN_THIS_STATE
            expert accepts                             | SCORING    | CONFIRMED | 2 | 0 | 3 | 0 | EXPERT | false | ACCEPT   |        | 0 | SCORING
            expert accepts twice                       | SCORING    | ACCEPTED  | 2 | 0 | 3 | 0 | EXPERT | false | ACCEPT   |        | 0 | ASSIGNMENT_STATE
            unassigned expert accepts                  | SCORING    |           | 3 | 0 | 3 | 0 | EXPERT | false | ACCEPT   |        | 0 | NOT_ASSIGNED
            officer may not accept for an expert       | SCORING    |           | 3 | 0 | 3 | 0 | BUREAU | true  | ACCEPT   |        | 0 | ROLE
            expert submits, others still owe          | SCORING    | ACCEPTED  | 2 | 0 | 3 | 0 | EXPERT | false | SUBMIT   |        | 0 | SCORING
            last expert submits                        | SCORING    | ACCEPTED  | 0 | 2 | 3 | 0 | EXPERT | false | SUBMIT   |        | 0 | MODERATION
            last sheet but panel short stays scoring   | SCORING    | ACCEPTED  | 0 | 1 | 3 | 0 | EXPERT | false | SUBMIT   |        | 0 | SCORING
            submit before accepting                    | SCORING    | CONFIRMED | 2 | 0 | 3 | 0 | EXPERT | false | SUBMIT   |        | 0 | ASSIGNMENT_STATE
            submit twice                               | SCORING    | SUBMITTED | 0 | 2 | 3 | 0 | EXPERT | false | SUBMIT   |        | 0 | ASSIGNMENT_STATE
            submit after scoring closed                | MODERATION | ACCEPTED  | 0 | 3 | 3 | 0 | EXPERT | false | SUBMIT   |        | 0 | NOT_IN_THIS_STATE
            expert declines with a reason              | SCORING    | CONFIRMED | 2 | 0 | 3 | 0 | EXPERT | false | DECLINE  | 回避   | 0 | SCORING
            last open expert declines, panel complete  | SCORING    | ACCEPTED  | 0 | 3 | 3 | 0 | EXPERT | false | DECLINE  | 出差   | 0 | MODERATION
            decline without a reason                   | SCORING    | CONFIRMED | 2 | 0 | 3 | 0 | EXPERT | false | DECLINE  |        | 0 | REASON_REQUIRED
            decline after submitting                   | SCORING    | SUBMITTED | 2 | 1 | 3 | 0 | EXPERT | false | DECLINE  | 晚了   | 0 | ASSIGNMENT_STATE
            officer moderates with a reason            | MODERATION |           | 0 | 3 | 3 | 1 | BUREAU | true  | MODERATE | 合议   | 0 | MODERATION
            moderation without a reason                | MODERATION |           | 0 | 3 | 3 | 1 | BUREAU | true  | MODERATE |        | 0 | REASON_REQUIRED
            expert may not moderate                    | MODERATION | SUBMITTED | 0 | 3 | 3 | 1 | EXPERT | false | MODERATE | 合议   | 0 | ROLE
            moderate while scoring                     | SCORING    |           | 1 | 2 | 3 | 0 | BUREAU | true  | MODERATE | 合议   | 0 | NOT_IN_THIS_STATE
            decide a complete panel                    | MODERATION |           | 0 | 3 | 3 | 0 | BUREAU | true  | DECIDE   |        | 0 | DECIDED
            decide with an outlier open                | MODERATION |           | 0 | 3 | 3 | 1 | BUREAU | true  | DECIDE   |        | 0 | OUTLIERS_UNRESOLVED
            decide with too few sheets                 | MODERATION |           | 0 | 2 | 3 | 0 | BUREAU | true  | DECIDE   |        | 0 | PANEL_INCOMPLETE
            leader may not decide                      | MODERATION |           | 0 | 3 | 3 | 0 | LEADER | true  | DECIDE   |        | 0 | ROLE
            decide twice                               | DECIDED    |           | 0 | 3 | 3 | 0 | BUREAU | true  | DECIDE   |        | 0 | NOT_IN_THIS_STATE
            cancel with a reason                       | SCORING    |           | 2 | 1 | 3 | 0 | BUREAU | true  | CANCEL   | 撤回   | 0 | CANCELLED
            cancel without a reason                    | OPEN       |           | 0 | 0 | 3 | 0 | BUREAU | true  | CANCEL   |        | 0 | REASON_REQUIRED
            cancel a decided review                    | DECIDED    |           | 0 | 3 | 3 | 0 | BUREAU | true  | CANCEL   | 撤回   | 0 | NOT_IN_THIS_STATE
            """)
    void transition(String name, ReviewStatus status, AssignmentStatus mine, int openOthers, int submitted, int minPanel,
                    int outliers, Role role, boolean covers, ReviewAction action, String reason, int experts, String expected) {
        Decision d = ReviewWorkflow.decide(new ReviewWorkflow.CaseFacts(status, mine, openOthers, submitted, minPanel, outliers),
                new ReviewWorkflow.Actor(7, role, covers), action, new ReviewWorkflow.Input(reason, experts));
        if (d.allowed()) {
            assertThat(d.to().name()).isEqualTo(expected);
        } else {
            assertThat(d.refusal().name()).isEqualTo(expected);
            assertThat(d.why().zh()).isNotBlank();
            assertThat(d.why().en()).isNotBlank();
        }
    }

    @Test
    void anExpertSeesOthersScoresOnlyAfterSubmitting() {
        for (AssignmentStatus s : AssignmentStatus.values()) {
            assertThat(ReviewWorkflow.mayseeOthers(Role.EXPERT, s)).isEqualTo(s == AssignmentStatus.SUBMITTED);
        }
        assertThat(ReviewWorkflow.mayseeOthers(Role.EXPERT, null)).isFalse();
        assertThat(ReviewWorkflow.mayseeOthers(Role.BUREAU, null)).isTrue();
        assertThat(ReviewWorkflow.mayseeOthers(Role.ENTERPRISE, null)).isFalse();
    }
}
