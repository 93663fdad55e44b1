package org.innoladder.credit.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.innoladder.identity.Role;

/**
 * The loan life cycle as one plain function: state × action × actor → allowed (with the next state) or refused (with
 * the reason in both languages). No database and no Spring: the service loads the loan, asks, applies the answer
 * with a guarded update, and writes the history row.
 *
 * <pre>
 * (bank offer) OFFERED ─ACCEPT→ APPROVED          (enterprise application) SUBMITTED ─REVIEW→ UNDER_REVIEW ─APPROVE→ APPROVED
 * SUBMITTED, UNDER_REVIEW ─REJECT→ REJECTED;  OFFERED, SUBMITTED, UNDER_REVIEW ─WITHDRAW→ WITHDRAWN
 * APPROVED ─CONTRACT→ CONTRACTED ─DISBURSE→ DISBURSED ─REPAY→ REPAYING ─CLOSE→ CLOSED   (DISBURSED ─CLOSE→ CLOSED)
 * DISBURSED, REPAYING ─MARK_OVERDUE→ OVERDUE ─REPAY→ REPAYING (cured) | ─MARK_NON_PERFORMING→ NON_PERFORMING
 * NON_PERFORMING ─CLAIM→ COMPENSATION_CLAIMED ─COMPENSATE→ COMPENSATED  (─CLAIM_REFUSED→ NON_PERFORMING)
 * NON_PERFORMING, COMPENSATED ─RECOVER→ the same state (recoveries afterwards)
 * </pre>
 *
 * Who: WITHDRAW and ACCEPT the enterprise's own user; CLAIM_REFUSED and COMPENSATE the bureau (through the claim's
 * review); every other step the bank that holds the loan. {@code covers} says the actor's scope holds the loan (own
 * enterprise, own bank, the bureau's region).
 */
public final class LoanWorkflow {

    private LoanWorkflow() {
    }

    public record Actor(Role role, boolean covers) {
    }

    /** What an action carries: an amount (APPROVE, DISBURSE, REPAY, RECOVER) and a reason (REJECT, WITHDRAW). */
    public record Input(BigDecimal amount, String reason) {
        public static final Input NONE = new Input(null, null);
        /** Stands for "the form will be filled in": which buttons a page shows. */
        public static final Input FORM = new Input(BigDecimal.ONE, "…");
    }

    public enum Refusal { NOT_IN_THIS_STATE, ROLE, SCOPE, AMOUNT_REQUIRED, REASON_REQUIRED }

    public record Decision(boolean allowed, LoanStatus to, Refusal refusal, String zh, String en) {
        static Decision allow(LoanStatus to) {
            return new Decision(true, to, null, null, null);
        }

        static Decision refuse(Refusal r, String zh, String en) {
            return new Decision(false, null, r, zh, en);
        }
    }

    /** The states an action starts from. */
    public static Set<LoanStatus> from(LoanAction action) {
        return switch (action) {
            case WITHDRAW -> EnumSet.of(LoanStatus.OFFERED, LoanStatus.SUBMITTED, LoanStatus.UNDER_REVIEW);
            case ACCEPT -> EnumSet.of(LoanStatus.OFFERED);
            case REVIEW -> EnumSet.of(LoanStatus.SUBMITTED);
            case APPROVE -> EnumSet.of(LoanStatus.UNDER_REVIEW);
            case REJECT -> EnumSet.of(LoanStatus.SUBMITTED, LoanStatus.UNDER_REVIEW);
            case CONTRACT -> EnumSet.of(LoanStatus.APPROVED);
            case DISBURSE -> EnumSet.of(LoanStatus.CONTRACTED);
            case REPAY -> EnumSet.of(LoanStatus.DISBURSED, LoanStatus.REPAYING, LoanStatus.OVERDUE);
            case CLOSE -> EnumSet.of(LoanStatus.DISBURSED, LoanStatus.REPAYING);
            case MARK_OVERDUE -> EnumSet.of(LoanStatus.DISBURSED, LoanStatus.REPAYING);
            case MARK_NON_PERFORMING -> EnumSet.of(LoanStatus.OVERDUE);
            case CLAIM -> EnumSet.of(LoanStatus.NON_PERFORMING);
            case CLAIM_REFUSED, COMPENSATE -> EnumSet.of(LoanStatus.COMPENSATION_CLAIMED);
            case RECOVER -> EnumSet.of(LoanStatus.NON_PERFORMING, LoanStatus.COMPENSATED);
        };
    }

    /** The state an allowed action leads to from {@code from}. */
    public static LoanStatus target(LoanAction action, LoanStatus from) {
        return switch (action) {
            case WITHDRAW -> LoanStatus.WITHDRAWN;
            case ACCEPT, APPROVE -> LoanStatus.APPROVED;
            case REVIEW -> LoanStatus.UNDER_REVIEW;
            case REJECT -> LoanStatus.REJECTED;
            case CONTRACT -> LoanStatus.CONTRACTED;
            case DISBURSE -> LoanStatus.DISBURSED;
            case REPAY -> LoanStatus.REPAYING;
            case CLOSE -> LoanStatus.CLOSED;
            case MARK_OVERDUE -> LoanStatus.OVERDUE;
            case MARK_NON_PERFORMING, CLAIM_REFUSED -> LoanStatus.NON_PERFORMING;
            case CLAIM -> LoanStatus.COMPENSATION_CLAIMED;
            case COMPENSATE -> LoanStatus.COMPENSATED;
            case RECOVER -> from;
        };
    }

    static Role actorOf(LoanAction action) {
        return switch (action) {
            case WITHDRAW, ACCEPT -> Role.ENTERPRISE;
            case CLAIM_REFUSED, COMPENSATE -> Role.BUREAU;
            default -> Role.BANK;
        };
    }

    static boolean needsAmount(LoanAction a) {
        return a == LoanAction.APPROVE || a == LoanAction.DISBURSE || a == LoanAction.REPAY || a == LoanAction.RECOVER;
    }

    static boolean needsReason(LoanAction a) {
        return a == LoanAction.REJECT || a == LoanAction.WITHDRAW;
    }

    public static Decision decide(LoanStatus status, LoanAction action, Actor who, Input input) {
        if (!from(action).contains(status)) {
            return Decision.refuse(Refusal.NOT_IN_THIS_STATE, "贷款当前状态为“" + status.zh() + "”，不能“" + action.zh() + "”",
                    "the loan is " + status.name() + ": '" + action.name() + "' is not possible in this state");
        }
        Role role = actorOf(action);
        if (who.role() != role) {
            return Decision.refuse(Refusal.ROLE, "角色 " + who.role().name() + " 不能“" + action.zh() + "”",
                    "role " + who.role().name() + " may not " + action.name() + " a loan");
        }
        if (!who.covers()) {
            return Decision.refuse(Refusal.SCOPE, "该贷款不在您的数据范围内", "the loan is outside your data scope");
        }
        Input in = input == null ? Input.NONE : input;
        if (needsAmount(action) && (in.amount() == null || in.amount().signum() <= 0)) {
            return Decision.refuse(Refusal.AMOUNT_REQUIRED, "“" + action.zh() + "”须填写大于 0 的金额（amount，元）",
                    "'" + action.name() + "' needs an amount in yuan greater than 0");
        }
        if (needsReason(action) && (in.reason() == null || in.reason().isBlank())) {
            return Decision.refuse(Refusal.REASON_REQUIRED, "“" + action.zh() + "”须填写理由（reason）",
                    "'" + action.name() + "' needs a reason");
        }
        return Decision.allow(target(action, status));
    }

    /** The actions the actor may take now (form filled in): which buttons a page shows. */
    public static List<LoanAction> available(LoanStatus status, Actor who) {
        List<LoanAction> out = new ArrayList<>();
        for (LoanAction a : LoanAction.values()) {
            // claims and their outcome go through the claim pages, not the loan's buttons
            if (a == LoanAction.CLAIM || a == LoanAction.CLAIM_REFUSED || a == LoanAction.COMPENSATE) continue;
            if (decide(status, a, who, Input.FORM).allowed()) out.add(a);
        }
        return out;
    }
}
