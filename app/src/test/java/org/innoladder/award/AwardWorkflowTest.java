package org.innoladder.award;

import org.innoladder.award.domain.AwardAction;
import org.innoladder.award.domain.AwardStatus;
import org.innoladder.award.domain.AwardWorkflow;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.innoladder.award.domain.AwardWorkflow.Actor;
import org.innoladder.award.domain.AwardWorkflow.CaseFacts;
import org.innoladder.award.domain.AwardWorkflow.Decision;
import org.innoladder.award.domain.AwardWorkflow.Input;
import org.innoladder.award.domain.AwardWorkflow.Refusal;
import org.innoladder.identity.Role;
import org.junit.jupiter.api.Test;

/** The workflow function over every state × action × role: the allowed table below, and everything else refused. */
class AwardWorkflowTest {
    static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    static final long ENTERPRISE_USER = 1, TOWN_USER = 2, APPROVER = 3, OTHER = 10;

    /** Every allowed (state, action, role) with the state it leads to; the enterprise is registered in a town. */
    static final String ALLOWED = """
            MATCHED              CONFIRM   ENTERPRISE  ENTERPRISE_CONFIRMED
            ENTERPRISE_CONFIRMED REVIEW    TOWN        TOWN_REVIEWED
            TOWN_REVIEWED        APPROVE   BUREAU      DISTRICT_APPROVED
            BUDGET_WAIT          APPROVE   BUREAU      DISTRICT_APPROVED
            DISTRICT_APPROVED    PUBLICISE BUREAU      PUBLICISED
            PUBLICISED           PAY       BUREAU      PAID
            MATCHED              REJECT    TOWN        REJECTED
            ENTERPRISE_CONFIRMED REJECT    TOWN        REJECTED
            MATCHED              REJECT    BUREAU      REJECTED
            ENTERPRISE_CONFIRMED REJECT    BUREAU      REJECTED
            TOWN_REVIEWED        REJECT    BUREAU      REJECTED
            BUDGET_WAIT          REJECT    BUREAU      REJECTED
            DISTRICT_APPROVED    REJECT    BUREAU      REJECTED
            PUBLICISED           REJECT    BUREAU      REJECTED
            MATCHED              WITHDRAW  ENTERPRISE  WITHDRAWN
            ENTERPRISE_CONFIRMED WITHDRAW  ENTERPRISE  WITHDRAWN
            TOWN_REVIEWED        WITHDRAW  ENTERPRISE  WITHDRAWN
            BUDGET_WAIT          WITHDRAW  ENTERPRISE  WITHDRAWN
            DISTRICT_APPROVED    WITHDRAW  ENTERPRISE  WITHDRAWN
            PUBLICISED           WITHDRAW  ENTERPRISE  WITHDRAWN
            """;

    static Map<String, AwardStatus> allowedTable() {
        Map<String, AwardStatus> m = new HashMap<>();
        for (String line : ALLOWED.strip().split("\n")) {
            String[] f = line.strip().split("\\s+");
            m.put(f[0] + " " + f[1] + " " + f[2], AwardStatus.valueOf(f[3]));
        }
        return m;
    }

    /** A case in the given state whose earlier steps were taken by other users than the actor. */
    static CaseFacts facts(AwardStatus s, boolean inTown) {
        return new CaseFacts(s, inTown, ENTERPRISE_USER, TOWN_USER, APPROVER, TODAY.minusDays(1), 0);
    }

    @Test
    void everyAllowedTransitionIsAllowedAndEveryOtherRefused() {
        Map<String, AwardStatus> allowed = allowedTable();
        List<String> checked = new ArrayList<>();
        for (AwardStatus s : AwardStatus.values()) {
            for (AwardAction a : AwardAction.values()) {
                for (Role r : Role.values()) {
                    String key = s + " " + a + " " + r;
                    Decision d = AwardWorkflow.decide(facts(s, true), new Actor(OTHER, r, true), a, Input.FORM, TODAY);
                    if (allowed.containsKey(key)) {
                        assertThat(d.allowed()).as(key).isTrue();
                        assertThat(d.to()).as(key).isEqualTo(allowed.get(key));
                        checked.add(key);
                    } else {
                        assertThat(d.allowed()).as(key + " must be refused").isFalse();
                        assertThat(d.refusal()).as(key).isIn(Refusal.NOT_IN_THIS_STATE, Refusal.ROLE);
                        assertThat(d.zh()).as(key).isNotBlank();
                        assertThat(d.en()).as(key).isNotBlank();
                    }
                }
            }
        }
        assertThat(checked).hasSize(allowed.size());
        assertThat(AwardStatus.values().length * AwardAction.values().length * Role.values().length).isEqualTo(9 * 7 * 8);
    }

    @Test
    void finalStatesAcceptNothing() {
        for (AwardStatus s : List.of(AwardStatus.PAID, AwardStatus.REJECTED, AwardStatus.WITHDRAWN)) {
            for (Role r : Role.values()) {
                assertThat(AwardWorkflow.available(facts(s, true), new Actor(OTHER, r, true), TODAY)).as(s + " " + r).isEmpty();
            }
        }
    }

    @Test
    void aBureauReviewsOnlyWhenTheEnterpriseHasNoTown() {
        Actor bureau = new Actor(OTHER, Role.BUREAU, true);
        assertThat(AwardWorkflow.decide(facts(AwardStatus.ENTERPRISE_CONFIRMED, true), bureau, AwardAction.REVIEW, Input.NONE, TODAY)
                .refusal()).isEqualTo(Refusal.ROLE);
        assertThat(AwardWorkflow.decide(facts(AwardStatus.ENTERPRISE_CONFIRMED, false), bureau, AwardAction.REVIEW, Input.NONE, TODAY)
                .to()).isEqualTo(AwardStatus.TOWN_REVIEWED);
    }

    @Test
    void outsideTheScopeEveryActionIsRefused() {
        for (String key : allowedTable().keySet()) {
            String[] f = key.split(" ");
            Decision d = AwardWorkflow.decide(facts(AwardStatus.valueOf(f[0]), true), new Actor(OTHER, Role.valueOf(f[2]), false),
                    AwardAction.valueOf(f[1]), Input.FORM, TODAY);
            assertThat(d.refusal()).as(key).isEqualTo(Refusal.SCOPE);
        }
    }

    @Test
    void theApproverIsNeverTheReviewerOrTheConfirmer() {
        CaseFacts reviewed = facts(AwardStatus.TOWN_REVIEWED, false);
        // a bureau user who reviewed (enterprise above town level) may not approve; a colleague may
        Decision self = AwardWorkflow.decide(reviewed, new Actor(TOWN_USER, Role.BUREAU, true), AwardAction.APPROVE, Input.NONE, TODAY);
        assertThat(self.refusal()).isEqualTo(Refusal.MAKER_CHECKER);
        assertThat(self.zh()).contains("审批人");
        assertThat(AwardWorkflow.decide(reviewed, new Actor(ENTERPRISE_USER, Role.BUREAU, true), AwardAction.APPROVE, Input.NONE, TODAY)
                .refusal()).isEqualTo(Refusal.MAKER_CHECKER);
        assertThat(AwardWorkflow.decide(facts(AwardStatus.BUDGET_WAIT, false), new Actor(TOWN_USER, Role.BUREAU, true),
                AwardAction.APPROVE, Input.NONE, TODAY).refusal()).isEqualTo(Refusal.MAKER_CHECKER);
        assertThat(AwardWorkflow.decide(reviewed, new Actor(OTHER, Role.BUREAU, true), AwardAction.APPROVE, Input.NONE, TODAY)
                .allowed()).isTrue();
    }

    @Test
    void thePayerIsNotTheApprover() {
        CaseFacts publicised = facts(AwardStatus.PUBLICISED, true);
        Input paid = new Input(null, "GK20260310-001");
        assertThat(AwardWorkflow.decide(publicised, new Actor(APPROVER, Role.BUREAU, true), AwardAction.PAY, paid, TODAY)
                .refusal()).isEqualTo(Refusal.MAKER_CHECKER);
        assertThat(AwardWorkflow.decide(publicised, new Actor(OTHER, Role.BUREAU, true), AwardAction.PAY, paid, TODAY)
                .allowed()).isTrue();
        // the approver may still publicise (publishing a list is not a decision) and reject
        assertThat(AwardWorkflow.available(facts(AwardStatus.DISTRICT_APPROVED, true), new Actor(APPROVER, Role.BUREAU, true), TODAY))
                .containsExactly(AwardAction.PUBLICISE, AwardAction.REJECT);
    }

    @Test
    void rejectAndWithdrawNeedAReason() {
        Decision reject = AwardWorkflow.decide(facts(AwardStatus.TOWN_REVIEWED, true), new Actor(OTHER, Role.BUREAU, true),
                AwardAction.REJECT, new Input("  ", null), TODAY);
        assertThat(reject.refusal()).isEqualTo(Refusal.REASON_REQUIRED);
        assertThat(reject.zh()).contains("理由");
        assertThat(AwardWorkflow.decide(facts(AwardStatus.MATCHED, true), new Actor(OTHER, Role.ENTERPRISE, true),
                AwardAction.WITHDRAW, Input.NONE, TODAY).refusal()).isEqualTo(Refusal.REASON_REQUIRED);
        assertThat(AwardWorkflow.decide(facts(AwardStatus.MATCHED, true), new Actor(OTHER, Role.ENTERPRISE, true),
                AwardAction.WITHDRAW, new Input("不再申请", null), TODAY).to()).isEqualTo(AwardStatus.WITHDRAWN);
    }

    @Test
    void paymentWaitsForTheEndOfPublicityAndResolvedObjections() {
        Actor payer = new Actor(OTHER, Role.BUREAU, true);
        Input ref = new Input(null, "GK-1");
        CaseFacts running = new CaseFacts(AwardStatus.PUBLICISED, true, ENTERPRISE_USER, TOWN_USER, APPROVER, TODAY, 0);
        Decision d = AwardWorkflow.decide(running, payer, AwardAction.PAY, ref, TODAY);
        assertThat(d.refusal()).as("the last day of publicity is still publicity").isEqualTo(Refusal.PUBLICITY_RUNNING);
        assertThat(d.zh()).contains(TODAY.toString());
        assertThat(AwardWorkflow.decide(running, payer, AwardAction.PAY, ref, TODAY.plusDays(1)).allowed()).isTrue();
        CaseFacts objected = new CaseFacts(AwardStatus.PUBLICISED, true, ENTERPRISE_USER, TOWN_USER, APPROVER, TODAY.minusDays(3), 1);
        assertThat(AwardWorkflow.decide(objected, payer, AwardAction.PAY, ref, TODAY).refusal()).isEqualTo(Refusal.OPEN_OBJECTIONS);
        assertThat(AwardWorkflow.decide(facts(AwardStatus.PUBLICISED, true), payer, AwardAction.PAY, new Input(null, ""), TODAY)
                .refusal()).isEqualTo(Refusal.PAYMENT_REFERENCE_REQUIRED);
    }
}
