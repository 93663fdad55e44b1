package org.innoladder.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.innoladder.credit.domain.ClaimWorkflow;
import org.innoladder.credit.domain.LoanAction;
import org.innoladder.credit.domain.LoanStatus;
import org.innoladder.credit.domain.LoanWorkflow;
import org.innoladder.identity.Role;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The loan state machine, table-driven: the table below is the life cycle written out by hand (not derived
 * from the code); every state × action × role is tried, the allowed moves land where the table says, every other
 * move is refused with a reason in both languages.
 */
class LoanWorkflowTest {
    record Move(LoanStatus from, LoanAction action, Role role, LoanStatus to) {
    }

    static final List<Move> ALLOWED = List.of(
            new Move(LoanStatus.OFFERED, LoanAction.ACCEPT, Role.ENTERPRISE, LoanStatus.APPROVED),
            new Move(LoanStatus.OFFERED, LoanAction.WITHDRAW, Role.ENTERPRISE, LoanStatus.WITHDRAWN),
            new Move(LoanStatus.SUBMITTED, LoanAction.WITHDRAW, Role.ENTERPRISE, LoanStatus.WITHDRAWN),
            new Move(LoanStatus.UNDER_REVIEW, LoanAction.WITHDRAW, Role.ENTERPRISE, LoanStatus.WITHDRAWN),
            new Move(LoanStatus.SUBMITTED, LoanAction.REVIEW, Role.BANK, LoanStatus.UNDER_REVIEW),
            new Move(LoanStatus.SUBMITTED, LoanAction.REJECT, Role.BANK, LoanStatus.REJECTED),
            new Move(LoanStatus.UNDER_REVIEW, LoanAction.APPROVE, Role.BANK, LoanStatus.APPROVED),
            new Move(LoanStatus.UNDER_REVIEW, LoanAction.REJECT, Role.BANK, LoanStatus.REJECTED),
            new Move(LoanStatus.APPROVED, LoanAction.CONTRACT, Role.BANK, LoanStatus.CONTRACTED),
            new Move(LoanStatus.CONTRACTED, LoanAction.DISBURSE, Role.BANK, LoanStatus.DISBURSED),
            new Move(LoanStatus.DISBURSED, LoanAction.REPAY, Role.BANK, LoanStatus.REPAYING),
            new Move(LoanStatus.REPAYING, LoanAction.REPAY, Role.BANK, LoanStatus.REPAYING),
            new Move(LoanStatus.OVERDUE, LoanAction.REPAY, Role.BANK, LoanStatus.REPAYING),
            new Move(LoanStatus.DISBURSED, LoanAction.CLOSE, Role.BANK, LoanStatus.CLOSED),
            new Move(LoanStatus.REPAYING, LoanAction.CLOSE, Role.BANK, LoanStatus.CLOSED),
            new Move(LoanStatus.DISBURSED, LoanAction.MARK_OVERDUE, Role.BANK, LoanStatus.OVERDUE),
            new Move(LoanStatus.REPAYING, LoanAction.MARK_OVERDUE, Role.BANK, LoanStatus.OVERDUE),
            new Move(LoanStatus.OVERDUE, LoanAction.MARK_NON_PERFORMING, Role.BANK, LoanStatus.NON_PERFORMING),
            new Move(LoanStatus.NON_PERFORMING, LoanAction.CLAIM, Role.BANK, LoanStatus.COMPENSATION_CLAIMED),
            new Move(LoanStatus.NON_PERFORMING, LoanAction.RECOVER, Role.BANK, LoanStatus.NON_PERFORMING),
            new Move(LoanStatus.COMPENSATED, LoanAction.RECOVER, Role.BANK, LoanStatus.COMPENSATED),
            new Move(LoanStatus.COMPENSATION_CLAIMED, LoanAction.CLAIM_REFUSED, Role.BUREAU, LoanStatus.NON_PERFORMING),
            new Move(LoanStatus.COMPENSATION_CLAIMED, LoanAction.COMPENSATE, Role.BUREAU, LoanStatus.COMPENSATED));

    static final LoanWorkflow.Input FILLED = new LoanWorkflow.Input(new BigDecimal("1000"), "理由");

    @TestFactory
    Stream<DynamicTest> everyStateTimesEveryActionTimesEveryRole() {
        Map<LoanStatus, Map<LoanAction, Map<Role, LoanStatus>>> table = new EnumMap<>(LoanStatus.class);
        for (Move m : ALLOWED) {
            table.computeIfAbsent(m.from(), k -> new EnumMap<>(LoanAction.class))
                    .computeIfAbsent(m.action(), k -> new EnumMap<>(Role.class)).put(m.role(), m.to());
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (LoanStatus s : LoanStatus.values()) {
            for (LoanAction a : LoanAction.values()) {
                for (Role r : Role.values()) {
                    LoanStatus expected = table.getOrDefault(s, Map.of()).getOrDefault(a, Map.of()).get(r);
                    tests.add(DynamicTest.dynamicTest(s + " × " + a + " × " + r + " → " + (expected == null ? "refused" : expected), () -> {
                        LoanWorkflow.Decision d = LoanWorkflow.decide(s, a, new LoanWorkflow.Actor(r, true), FILLED);
                        if (expected == null) {
                            assertThat(d.allowed()).isFalse();
                            assertThat(d.zh()).isNotBlank();
                            assertThat(d.en()).isNotBlank();
                        } else {
                            assertThat(d.allowed()).as(d.en()).isTrue();
                            assertThat(d.to()).isEqualTo(expected);
                        }
                    }));
                }
            }
        }
        assertThat(tests).hasSize(LoanStatus.values().length * LoanAction.values().length * Role.values().length);
        return tests.stream();
    }

    @Test
    void terminalStatesTakeNoStep() {
        for (LoanStatus s : List.of(LoanStatus.REJECTED, LoanStatus.WITHDRAWN, LoanStatus.CLOSED)) {
            for (Role r : Role.values()) assertThat(LoanWorkflow.available(s, new LoanWorkflow.Actor(r, true))).as(s + " " + r).isEmpty();
        }
    }

    @Test
    void anAllowedMoveIsRefusedOutsideTheScopeOrWithoutItsAmountOrReason() {
        LoanWorkflow.Decision scope = LoanWorkflow.decide(LoanStatus.SUBMITTED, LoanAction.REVIEW, new LoanWorkflow.Actor(Role.BANK, false), FILLED);
        assertThat(scope.refusal()).isEqualTo(LoanWorkflow.Refusal.SCOPE);
        LoanWorkflow.Decision amount = LoanWorkflow.decide(LoanStatus.CONTRACTED, LoanAction.DISBURSE,
                new LoanWorkflow.Actor(Role.BANK, true), new LoanWorkflow.Input(BigDecimal.ZERO, null));
        assertThat(amount.refusal()).isEqualTo(LoanWorkflow.Refusal.AMOUNT_REQUIRED);
        assertThat(amount.zh()).contains("金额");
        LoanWorkflow.Decision reason = LoanWorkflow.decide(LoanStatus.UNDER_REVIEW, LoanAction.REJECT,
                new LoanWorkflow.Actor(Role.BANK, true), new LoanWorkflow.Input(null, " "));
        assertThat(reason.refusal()).isEqualTo(LoanWorkflow.Refusal.REASON_REQUIRED);
        LoanWorkflow.Decision state = LoanWorkflow.decide(LoanStatus.CLOSED, LoanAction.REPAY, new LoanWorkflow.Actor(Role.BANK, true), FILLED);
        assertThat(state.refusal()).isEqualTo(LoanWorkflow.Refusal.NOT_IN_THIS_STATE);
        assertThat(state.zh()).contains("已结清");
    }

    @Test
    void claimsNeedTwoDifferentPeopleAndThePayerIsNotTheApprover() {
        ClaimWorkflow.Actor a = new ClaimWorkflow.Actor(1, Role.BUREAU, true), b = new ClaimWorkflow.Actor(2, Role.BUREAU, true);
        assertThat(ClaimWorkflow.decide(new ClaimWorkflow.Facts(ClaimWorkflow.Status.SUBMITTED, null, null), a, ClaimWorkflow.Action.REVIEW, null).to())
                .isEqualTo(ClaimWorkflow.Status.REVIEWED);
        ClaimWorkflow.Facts reviewedByA = new ClaimWorkflow.Facts(ClaimWorkflow.Status.REVIEWED, 1L, null);
        assertThat(ClaimWorkflow.decide(reviewedByA, a, ClaimWorkflow.Action.APPROVE, null).allowed()).isFalse();
        assertThat(ClaimWorkflow.decide(reviewedByA, b, ClaimWorkflow.Action.APPROVE, null).to()).isEqualTo(ClaimWorkflow.Status.APPROVED);
        ClaimWorkflow.Facts approvedByB = new ClaimWorkflow.Facts(ClaimWorkflow.Status.APPROVED, 1L, 2L);
        assertThat(ClaimWorkflow.decide(approvedByB, b, ClaimWorkflow.Action.PAY, "PAY-1").allowed()).isFalse();
        assertThat(ClaimWorkflow.decide(approvedByB, a, ClaimWorkflow.Action.PAY, " ").allowed()).isFalse();
        assertThat(ClaimWorkflow.decide(approvedByB, a, ClaimWorkflow.Action.PAY, "PAY-1").to()).isEqualTo(ClaimWorkflow.Status.PAID);
        assertThat(ClaimWorkflow.decide(approvedByB, a, ClaimWorkflow.Action.REJECT, "x").allowed()).isFalse();
        assertThat(ClaimWorkflow.decide(new ClaimWorkflow.Facts(ClaimWorkflow.Status.SUBMITTED, null, null),
                new ClaimWorkflow.Actor(3, Role.BANK, true), ClaimWorkflow.Action.REVIEW, null).allowed()).isFalse();
        assertThat(ClaimWorkflow.decide(new ClaimWorkflow.Facts(ClaimWorkflow.Status.SUBMITTED, null, null),
                new ClaimWorkflow.Actor(3, Role.BUREAU, false), ClaimWorkflow.Action.REVIEW, null).allowed()).isFalse();
    }
}
