package org.innoladder.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.innoladder.challenge.domain.ChallengeStatus;
import org.innoladder.challenge.domain.ChallengeWorkflow;
import org.innoladder.challenge.domain.ChallengeWorkflow.Action;
import org.innoladder.identity.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every challenge transition allowed or refused, one row each. Columns: state, formal-check passes, open reviews,
 * winner passes, price within budget, publicity ends (days from today; empty = none), open objections, milestones
 * match, unpaid milestones, role, covers, action, reason → new state or a refusal word from its English text.
 */
class ChallengeWorkflowTest {
    static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            screen a need                    | NEED        | 0 | 0 | false | false |    | 0 | false | 0 | BUREAU | true  | SCREEN    |      | SCREENED
            town may not screen              | NEED        | 0 | 0 | false | false |    | 0 | false | 0 | TOWN   | true  | SCREEN    |      | only a bureau
            screen outside the region        | NEED        | 0 | 0 | false | false |    | 0 | false | 0 | BUREAU | false | SCREEN    |      | outside
            publish before screening         | NEED        | 0 | 0 | false | false |    | 0 | false | 0 | BUREAU | true  | PUBLISH   |      | cannot
            publish a screened need          | SCREENED    | 0 | 0 | false | false |    | 0 | false | 0 | BUREAU | true  | PUBLISH   |      | PUBLISHED
            reject without reason            | SCREENED    | 0 | 0 | false | false |    | 0 | false | 0 | BUREAU | true  | REJECT    |      | needs a reason
            reject with reason               | NEED        | 0 | 0 | false | false |    | 0 | false | 0 | BUREAU | true  | REJECT    | 重复 | REJECTED
            close with no checked app        | PUBLISHED   | 0 | 0 | false | false |    | 0 | false | 0 | BUREAU | true  | CLOSE     |      | formal check
            close with one checked app       | PUBLISHED   | 1 | 0 | false | false |    | 0 | false | 0 | BUREAU | true  | CLOSE     |      | REVIEW
            negotiate with reviews open      | REVIEW      | 0 | 2 | false | false |    | 0 | false | 0 | BUREAU | true  | NEGOTIATE |      | not decided
            negotiate, winner below line     | REVIEW      | 0 | 0 | false | false |    | 0 | false | 0 | BUREAU | true  | NEGOTIATE |      | threshold
            negotiate, winner passes         | REVIEW      | 0 | 0 | true  | false |    | 0 | false | 0 | BUREAU | true  | NEGOTIATE |      | NEGOTIATION
            publicise over budget            | NEGOTIATION | 0 | 0 | true  | false |    | 0 | false | 0 | BUREAU | true  | PUBLICISE |      | exceeds
            publicise within budget          | NEGOTIATION | 0 | 0 | true  | true  |    | 0 | false | 0 | BUREAU | true  | PUBLICISE |      | PUBLICITY
            contract during publicity        | PUBLICITY   | 0 | 0 | true  | true  | 0  | 0 | true  | 0 | BUREAU | true  | CONTRACT  |      | publicity runs
            contract with an objection       | PUBLICITY   | 0 | 0 | true  | true  | -1 | 1 | true  | 0 | BUREAU | true  | CONTRACT  |      | objection
            contract, milestones off         | PUBLICITY   | 0 | 0 | true  | true  | -1 | 0 | false | 0 | BUREAU | true  | CONTRACT  |      | add up
            contract                         | PUBLICITY   | 0 | 0 | true  | true  | -1 | 0 | true  | 0 | BUREAU | true  | CONTRACT  |      | CONTRACTED
            accept with unpaid milestones    | CONTRACTED  | 0 | 0 | true  | true  | -1 | 0 | true  | 1 | BUREAU | true  | ACCEPT    |      | not paid
            accept                           | CONTRACTED  | 0 | 0 | true  | true  | -1 | 0 | true  | 0 | BUREAU | true  | ACCEPT    |      | ACCEPTED
            terminate a running challenge    | CONTRACTED  | 0 | 0 | true  | true  | -1 | 0 | true  | 1 | BUREAU | true  | TERMINATE | 失败 | TERMINATED
            terminate an accepted one        | ACCEPTED    | 0 | 0 | true  | true  | -1 | 0 | true  | 0 | BUREAU | true  | TERMINATE | 失败 | cannot
            expert may not accept the whole  | CONTRACTED  | 0 | 0 | true  | true  | -1 | 0 | true  | 0 | EXPERT | true  | ACCEPT    |      | only a bureau
            solver may not publish           | SCREENED    | 0 | 0 | false | false |    | 0 | false | 0 | SOLVER | true  | PUBLISH   |      | only a bureau
            """)
    void transition(String name, ChallengeStatus status, int formalOk, int reviewsOpen, boolean winnerPasses, boolean withinBudget,
                    Integer publicityDays, int objections, boolean milestonesMatch, int unpaid, Role role, boolean covers, Action action,
                    String reason, String expected) {
        ChallengeWorkflow.Decision d = ChallengeWorkflow.decide(new ChallengeWorkflow.Facts(status, formalOk, reviewsOpen, winnerPasses,
                withinBudget, publicityDays == null ? null : TODAY.plusDays(publicityDays), objections, milestonesMatch, unpaid),
                new ChallengeWorkflow.Actor(role, covers), action, reason, TODAY);
        if (d.allowed()) assertThat(d.to().name()).isEqualTo(expected);
        else {
            assertThat(d.en()).contains(expected);
            assertThat(d.zh()).isNotBlank();
        }
    }
}
