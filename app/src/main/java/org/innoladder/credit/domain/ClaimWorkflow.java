package org.innoladder.credit.domain;

import java.util.ArrayList;
import java.util.List;

import org.innoladder.identity.Role;

/**
 * A compensation claim's review as one plain function. SUBMITTED ─REVIEW→ REVIEWED ─APPROVE→ APPROVED ─PAY→ PAID;
 * SUBMITTED, REVIEWED ─REJECT→ REJECTED. Every step is a BUREAU user's whose region holds the loan; two different
 * people review and approve (two-person approval), and the payer is not the approver. Whether the pool can bear the
 * amount is the ledger's answer at approval (a guarded update), not this function's.
 */
public final class ClaimWorkflow {

    private ClaimWorkflow() {
    }

    public enum Status {
        SUBMITTED("待审核", "submitted"), REVIEWED("已初审", "reviewed"), APPROVED("已批准", "approved"),
        PAID("已拨付", "paid"), REJECTED("已驳回", "rejected");

        private final String zh, en;

        Status(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        public String zh() { return zh; }

        public String en() { return en; }
    }

    public enum Action {
        REVIEW("初审", "review"), APPROVE("批准", "approve"), PAY("登记拨付", "record payment"), REJECT("驳回", "reject");

        private final String zh, en;

        Action(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        public String zh() { return zh; }

        public String en() { return en; }
    }

    public record Facts(Status status, Long reviewedBy, Long approvedBy) {
    }

    public record Actor(long userId, Role role, boolean covers) {
    }

    public record Decision(boolean allowed, Status to, String zh, String en) {
    }

    public static Decision decide(Facts c, Actor who, Action action, String text) {
        Status from = c.status();
        boolean stateOk = switch (action) {
            case REVIEW -> from == Status.SUBMITTED;
            case APPROVE -> from == Status.REVIEWED;
            case PAY -> from == Status.APPROVED;
            case REJECT -> from == Status.SUBMITTED || from == Status.REVIEWED;
        };
        if (!stateOk) {
            return new Decision(false, null, "补偿申请当前为“" + from.zh() + "”，不能“" + action.zh() + "”",
                    "the claim is " + from.name() + ": '" + action.name() + "' is not possible");
        }
        if (who.role() != Role.BUREAU) {
            return new Decision(false, null, "只有科技局人员可以“" + action.zh() + "”补偿申请",
                    "only bureau staff may " + action.name() + " a claim");
        }
        if (!who.covers()) {
            return new Decision(false, null, "该贷款不在您的管理范围内", "the loan is outside your region");
        }
        if (action == Action.APPROVE && c.reviewedBy() != null && c.reviewedBy() == who.userId()) {
            return new Decision(false, null, "批准人不能是初审人（须由两名不同人员审核与批准）",
                    "the approver may not be the reviewer (two different people)");
        }
        if (action == Action.PAY && c.approvedBy() != null && c.approvedBy() == who.userId()) {
            return new Decision(false, null, "拨付登记人不能是批准人", "the user recording the payment may not be the approver");
        }
        if ((action == Action.REJECT || action == Action.PAY) && (text == null || text.isBlank())) {
            return new Decision(false, null, action == Action.PAY ? "登记拨付须填写支付凭证号（paymentReference）" : "驳回须填写理由（reason）",
                    action == Action.PAY ? "recording a payment needs the payment reference" : "rejecting needs a reason");
        }
        Status to = switch (action) {
            case REVIEW -> Status.REVIEWED;
            case APPROVE -> Status.APPROVED;
            case PAY -> Status.PAID;
            case REJECT -> Status.REJECTED;
        };
        return new Decision(true, to, null, null);
    }

    public static List<Action> available(Facts c, Actor who) {
        List<Action> out = new ArrayList<>();
        for (Action a : Action.values()) if (decide(c, who, a, "…").allowed()) out.add(a);
        return out;
    }
}
