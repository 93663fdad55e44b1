package org.innoladder.challenge.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.innoladder.identity.Role;

/**
 * The challenge workflow as one plain function: facts × actor × action → the next state, or the refusal in words.
 *
 * <pre>
 * NEED ─SCREEN→ SCREENED ─PUBLISH→ PUBLISHED ─CLOSE (≥1 application passed the formal check)→ REVIEW
 * REVIEW ─NEGOTIATE (every review decided, the winner passes)→ NEGOTIATION ─PUBLICISE (price within budget)→ PUBLICITY
 * PUBLICITY ─CONTRACT (publicity over, no open objection, milestones add up to the price)→ CONTRACTED
 * CONTRACTED ─ACCEPT (every milestone paid)→ ACCEPTED
 * NEED, SCREENED ─REJECT→ REJECTED; PUBLISHED … CONTRACTED ─TERMINATE→ TERMINATED (reason required)
 * </pre>
 *
 * Every action is a BUREAU officer's whose region contains the challenge's.
 */
public final class ChallengeWorkflow {

    private ChallengeWorkflow() {
    }

    public enum Action {
        SCREEN("需求评审通过", "Screen"), PUBLISH("发榜", "Publish"), CLOSE("截止揭榜，进入专家评审", "Close applications"),
        NEGOTIATE("确定揭榜方，进入洽谈", "Choose the solver"), PUBLICISE("发布结果公示", "Publicise"),
        CONTRACT("签约", "Contract"), ACCEPT("验收通过", "Accept"), REJECT("需求不予发榜", "Reject"), TERMINATE("终止", "Terminate");

        private final String zh;
        private final String en;

        Action(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        public String zh() { return zh; }

        public String en() { return en; }

        public static Action parse(String s) {
            if (s == null) return null;
            for (Action a : values()) if (a.name().equalsIgnoreCase(s.strip())) return a;
            return null;
        }
    }

    /**
     * {@code formalOk}: applications that passed the formal check; {@code reviewsOpen}: their review cases not yet
     * decided; {@code winnerPasses}: the chosen application's panel reached the threshold; {@code withinBudget}: the
     * agreed price fits issuer + government funding; {@code milestonesMatch}: the milestones add up to the price;
     * {@code unpaidMilestones}: milestones not yet paid.
     */
    public record Facts(ChallengeStatus status, int formalOk, int reviewsOpen, boolean winnerPasses, boolean withinBudget,
                        LocalDate publicityEndsOn, int openObjections, boolean milestonesMatch, int unpaidMilestones) {
    }

    public record Actor(Role role, boolean covers) {
    }

    public record Decision(boolean allowed, ChallengeStatus to, String zh, String en) {
    }

    private static final Set<ChallengeStatus> RUNNING = EnumSet.of(ChallengeStatus.PUBLISHED, ChallengeStatus.REVIEW,
            ChallengeStatus.NEGOTIATION, ChallengeStatus.PUBLICITY, ChallengeStatus.CONTRACTED);

    public static Set<ChallengeStatus> from(Action a) {
        return switch (a) {
            case SCREEN -> EnumSet.of(ChallengeStatus.NEED);
            case PUBLISH -> EnumSet.of(ChallengeStatus.SCREENED);
            case CLOSE -> EnumSet.of(ChallengeStatus.PUBLISHED);
            case NEGOTIATE -> EnumSet.of(ChallengeStatus.REVIEW);
            case PUBLICISE -> EnumSet.of(ChallengeStatus.NEGOTIATION);
            case CONTRACT -> EnumSet.of(ChallengeStatus.PUBLICITY);
            case ACCEPT -> EnumSet.of(ChallengeStatus.CONTRACTED);
            case REJECT -> EnumSet.of(ChallengeStatus.NEED, ChallengeStatus.SCREENED);
            case TERMINATE -> EnumSet.copyOf(RUNNING);
        };
    }

    public static ChallengeStatus target(Action a) {
        return switch (a) {
            case SCREEN -> ChallengeStatus.SCREENED;
            case PUBLISH -> ChallengeStatus.PUBLISHED;
            case CLOSE -> ChallengeStatus.REVIEW;
            case NEGOTIATE -> ChallengeStatus.NEGOTIATION;
            case PUBLICISE -> ChallengeStatus.PUBLICITY;
            case CONTRACT -> ChallengeStatus.CONTRACTED;
            case ACCEPT -> ChallengeStatus.ACCEPTED;
            case REJECT -> ChallengeStatus.REJECTED;
            case TERMINATE -> ChallengeStatus.TERMINATED;
        };
    }

    public static Decision decide(Facts f, Actor who, Action a, String reason, LocalDate today) {
        if (!from(a).contains(f.status())) {
            return refuse("榜单当前为“" + f.status().zh() + "”，不能“" + a.zh() + "”", "the challenge is " + f.status().name() + ": cannot " + a.name());
        }
        if (who.role() != Role.BUREAU) return refuse("只有科技局经办人可以“" + a.zh() + "”", "only a bureau officer may " + a.name());
        if (!who.covers()) return refuse("该榜单不在您的管理范围内", "the challenge is outside your scope");
        if ((a == Action.REJECT || a == Action.TERMINATE) && (reason == null || reason.isBlank())) {
            return refuse("“" + a.zh() + "”必须填写理由（reason）", "'" + a.name() + "' needs a reason");
        }
        switch (a) {
            case CLOSE -> {
                if (f.formalOk() < 1) return refuse("尚无通过形式审查的揭榜申请", "no application has passed the formal check");
            }
            case NEGOTIATE -> {
                if (f.reviewsOpen() > 0) return refuse("尚有 " + f.reviewsOpen() + " 份揭榜方案的专家评审未完成", f.reviewsOpen() + " review(s) are not decided yet");
                if (!f.winnerPasses()) return refuse("所选揭榜方案的专家评分未达到通过线", "the chosen application's panel did not reach the threshold");
            }
            case PUBLICISE -> {
                if (!f.withinBudget()) return refuse("约定价格超过榜单经费（发榜方出资 + 政府资助）", "the agreed price exceeds the challenge's funding");
            }
            case CONTRACT -> {
                if (f.publicityEndsOn() == null || !today.isAfter(f.publicityEndsOn())) {
                    return refuse("公示期至 " + f.publicityEndsOn() + " 结束，期满后方可签约", "the publicity runs until " + f.publicityEndsOn());
                }
                if (f.openObjections() > 0) return refuse("尚有 " + f.openObjections() + " 条公示异议未处理", f.openObjections() + " objection(s) unresolved");
                if (!f.milestonesMatch()) return refuse("里程碑金额合计须等于约定价格，且各方出资不超过其经费", "the milestones must add up to the price within each party's funding");
            }
            case ACCEPT -> {
                if (f.unpaidMilestones() > 0) return refuse("尚有 " + f.unpaidMilestones() + " 个里程碑未验收拨付", f.unpaidMilestones() + " milestone(s) not paid yet");
            }
            default -> { }
        }
        return new Decision(true, target(a), null, null);
    }

    public static List<Action> available(Facts f, Actor who, LocalDate today) {
        List<Action> out = new ArrayList<>();
        for (Action a : Action.values()) if (decide(f, who, a, "…", today).allowed()) out.add(a);
        return out;
    }

    private static Decision refuse(String zh, String en) {
        return new Decision(false, null, zh, en);
    }
}
