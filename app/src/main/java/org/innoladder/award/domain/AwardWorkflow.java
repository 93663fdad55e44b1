package org.innoladder.award.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.innoladder.identity.Role;

/**
 * The award workflow as one plain function: state × action × actor → allowed (with the state it leads to) or
 * refused (with the reason). No database, no Spring: the service loads the facts, asks, and applies the answer.
 *
 * <pre>
 * MATCHED ─CONFIRM→ ENTERPRISE_CONFIRMED ─REVIEW→ TOWN_REVIEWED ─APPROVE→ DISTRICT_APPROVED ─PUBLICISE→ PUBLICISED ─PAY→ PAID
 *                                                       └─APPROVE, budget short→ BUDGET_WAIT ─APPROVE→ DISTRICT_APPROVED
 * any state but PAID/REJECTED/WITHDRAWN ─REJECT→ REJECTED, ─WITHDRAW→ WITHDRAWN (reason required)
 * </pre>
 *
 * Who: CONFIRM and WITHDRAW the enterprise's own user; REVIEW a TOWN user whose town contains the enterprise (a
 * BUREAU user covering it when the enterprise is registered above town level); APPROVE, PUBLICISE and PAY a BUREAU
 * user whose region contains the enterprise; REJECT a covering BUREAU user in any open state, or a covering TOWN user
 * before the town review is done (MATCHED, ENTERPRISE_CONFIRMED). ADMIN, LEADER, BANK and EXPERT take no action.
 *
 * <p>Maker-checker: the approver is neither the user who confirmed nor the user who reviewed the case; the payer is
 * not the approver. PAY also needs the publicity period to be over and every objection resolved.
 */
public final class AwardWorkflow {

    private AwardWorkflow() {
    }

    /** What the rules read about a case. User ids are null where the step has not been taken. */
    public record CaseFacts(AwardStatus status, boolean enterpriseInTown, Long confirmedBy, Long reviewedBy,
                            Long approvedBy, LocalDate publicityEndsOn, int openObjections) {
        public CaseFacts {
            Objects.requireNonNull(status);
        }
    }

    /** Who acts; {@code covers}: the actor's scope contains the enterprise (own enterprise, or region prefix). */
    public record Actor(long userId, Role role, boolean covers) {
    }

    /** The text an action carries: a reason (REJECT, WITHDRAW), a payment reference (PAY). */
    public record Input(String reason, String paymentReference) {
        public static final Input NONE = new Input(null, null);
        /** Stands for "the user will fill the form in": used to decide which buttons to show. */
        public static final Input FORM = new Input("…", "…");
    }

    public enum Refusal {
        NOT_IN_THIS_STATE, ROLE, SCOPE, MAKER_CHECKER, REASON_REQUIRED, PAYMENT_REFERENCE_REQUIRED, PUBLICITY_RUNNING,
        OPEN_OBJECTIONS
    }

    /** Allowed (then {@code to} is the next state) or refused (then {@code refusal} and the texts say why). */
    public record Decision(boolean allowed, AwardStatus to, Refusal refusal, String zh, String en) {
        static Decision allow(AwardStatus to) {
            return new Decision(true, to, null, null, null);
        }

        static Decision refuse(Refusal refusal, String zh, String en) {
            return new Decision(false, null, refusal, zh, en);
        }
    }

    private static final Set<AwardStatus> OPEN = EnumSet.complementOf(EnumSet.of(AwardStatus.PAID, AwardStatus.REJECTED,
            AwardStatus.WITHDRAWN));
    /** The states in which a TOWN user may still reject: before its own review is done. */
    private static final Set<AwardStatus> TOWN_MAY_REJECT = EnumSet.of(AwardStatus.MATCHED, AwardStatus.ENTERPRISE_CONFIRMED);

    /** The states an action starts from. */
    public static Set<AwardStatus> from(AwardAction action) {
        return switch (action) {
            case CONFIRM -> EnumSet.of(AwardStatus.MATCHED);
            case REVIEW -> EnumSet.of(AwardStatus.ENTERPRISE_CONFIRMED);
            case APPROVE -> EnumSet.of(AwardStatus.TOWN_REVIEWED, AwardStatus.BUDGET_WAIT);
            case PUBLICISE -> EnumSet.of(AwardStatus.DISTRICT_APPROVED);
            case PAY -> EnumSet.of(AwardStatus.PUBLICISED);
            case REJECT, WITHDRAW -> EnumSet.copyOf(OPEN);
        };
    }

    /** The state an allowed action leads to (APPROVE may end in BUDGET_WAIT instead: the ledger decides). */
    public static AwardStatus target(AwardAction action) {
        return switch (action) {
            case CONFIRM -> AwardStatus.ENTERPRISE_CONFIRMED;
            case REVIEW -> AwardStatus.TOWN_REVIEWED;
            case APPROVE -> AwardStatus.DISTRICT_APPROVED;
            case PUBLICISE -> AwardStatus.PUBLICISED;
            case PAY -> AwardStatus.PAID;
            case REJECT -> AwardStatus.REJECTED;
            case WITHDRAW -> AwardStatus.WITHDRAWN;
        };
    }

    /** Whether the role may take the action in this state (scope and maker-checker are checked separately). */
    static boolean roleMay(Role role, AwardAction action, CaseFacts c) {
        return switch (action) {
            case CONFIRM, WITHDRAW -> role == Role.ENTERPRISE;
            case REVIEW -> role == Role.TOWN || (role == Role.BUREAU && !c.enterpriseInTown());
            case APPROVE, PUBLICISE, PAY -> role == Role.BUREAU;
            case REJECT -> role == Role.BUREAU || (role == Role.TOWN && TOWN_MAY_REJECT.contains(c.status()));
        };
    }

    public static Decision decide(CaseFacts c, Actor who, AwardAction action, Input input, LocalDate today) {
        if (!from(action).contains(c.status())) {
            return Decision.refuse(Refusal.NOT_IN_THIS_STATE,
                    "案件当前状态为“" + c.status().zh() + "”，不能执行“" + action.zh() + "”",
                    "the case is " + c.status().name() + ": '" + action.name() + "' is not possible in this state");
        }
        if (!roleMay(who.role(), action, c)) {
            return Decision.refuse(Refusal.ROLE, "角色 " + who.role().name() + " 在此状态下无权执行“" + action.zh() + "”",
                    "role " + who.role().name() + " may not " + action.name() + " a case that is " + c.status().name());
        }
        if (!who.covers()) {
            return Decision.refuse(Refusal.SCOPE, "该企业不在您的数据范围内", "the enterprise is outside your data scope");
        }
        if (action == AwardAction.APPROVE && (same(who, c.reviewedBy()) || same(who, c.confirmedBy()))) {
            return Decision.refuse(Refusal.MAKER_CHECKER, "审批人不能是该案件的确认人或审核人（审核与审批须由不同人员完成）",
                    "the approver may not be the user who confirmed or reviewed the case (maker-checker)");
        }
        if (action == AwardAction.PAY && same(who, c.approvedBy())) {
            return Decision.refuse(Refusal.MAKER_CHECKER, "拨付登记人不能是该案件的审批人",
                    "the user recording the payment may not be the case's approver (maker-checker)");
        }
        Input in = input == null ? Input.NONE : input;
        if ((action == AwardAction.REJECT || action == AwardAction.WITHDRAW) && blank(in.reason())) {
            return Decision.refuse(Refusal.REASON_REQUIRED, "“" + action.zh() + "”必须填写理由（reason）",
                    "'" + action.name() + "' needs a reason");
        }
        if (action == AwardAction.PAY) {
            if (blank(in.paymentReference())) {
                return Decision.refuse(Refusal.PAYMENT_REFERENCE_REQUIRED, "登记拨付必须填写支付凭证号（paymentReference）",
                        "recording a payment needs the payment reference");
            }
            if (c.publicityEndsOn() == null || !today.isAfter(c.publicityEndsOn())) {
                return Decision.refuse(Refusal.PUBLICITY_RUNNING,
                        "公示期至 " + c.publicityEndsOn() + " 结束，公示期满后方可拨付",
                        "the publicity period runs until " + c.publicityEndsOn() + "; payment is possible after it ends");
            }
            if (c.openObjections() > 0) {
                return Decision.refuse(Refusal.OPEN_OBJECTIONS, "尚有 " + c.openObjections() + " 条公示异议未处理，处理后方可拨付",
                        c.openObjections() + " objection(s) are unresolved; resolve them before payment");
            }
        }
        return Decision.allow(target(action));
    }

    /** The actions the actor may take now, assuming the form's text is filled in: which buttons a page shows. */
    public static List<AwardAction> available(CaseFacts c, Actor who, LocalDate today) {
        List<AwardAction> out = new ArrayList<>();
        for (AwardAction a : AwardAction.values()) {
            if (decide(c, who, a, Input.FORM, today).allowed()) out.add(a);
        }
        return out;
    }

    private static boolean same(Actor who, Long userId) {
        return userId != null && userId == who.userId();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
