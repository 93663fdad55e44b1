package org.innoladder.review.domain;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.innoladder.identity.Role;

/**
 * The review workflow as one plain function: case facts × actor × action → allowed (with the state it leads to)
 * or refused (with the reason). The service loads the facts, asks, applies the answer and writes the history.
 *
 * <pre>
 * OPEN ─ASSIGN→ SCORING ─(last open sheet SUBMIT/DECLINE, panel complete)→ MODERATION ─DECIDE→ DECIDED
 *                 └ ASSIGN (more experts), ACCEPT, DECLINE, SUBMIT stay in SCORING    └ MODERATE stays
 * OPEN, SCORING, MODERATION ─CANCEL→ CANCELLED (reason required)
 * </pre>
 *
 * Who: ASSIGN, MODERATE, DECIDE and CANCEL a BUREAU user whose region contains the case (the officer); ACCEPT,
 * DECLINE and SUBMIT only the expert the case is assigned to (ACCEPT and DECLINE from CONFIRMED, SUBMIT after
 * ACCEPT; DECLINE also after ACCEPT, before submitting). DECIDE needs the panel complete (at least the minimum of
 * submitted sheets) and every outlier moderated; MODERATE, DECLINE and CANCEL need a reason.
 */
public final class ReviewWorkflow {

    private ReviewWorkflow() {
    }

    /**
     * {@code mine}: the actor's own assignment on this case (null when none); {@code openOthers}: the other
     * assignments still owing a score; {@code submitted}: sheets submitted so far (without the actor's pending one).
     */
    public record CaseFacts(ReviewStatus status, AssignmentStatus mine, int openOthers, int submitted, int minPanel,
                            int unresolvedOutliers) {
        public CaseFacts {
            Objects.requireNonNull(status);
        }
    }

    /** {@code covers}: the actor's write scope contains the case's region. */
    public record Actor(long userId, Role role, boolean covers) {
    }

    /** The text and count an action carries: a reason, how many experts an ASSIGN adds. */
    public record Input(String reason, int experts) {
        public static final Input NONE = new Input(null, 0);
        /** Stands for "the user will fill the form in": used to decide which buttons to show. */
        public static final Input FORM = new Input("…", 1);
    }

    public enum Refusal {
        NOT_IN_THIS_STATE, ROLE, SCOPE, NOT_ASSIGNED, ASSIGNMENT_STATE, REASON_REQUIRED, NO_EXPERTS, PANEL_INCOMPLETE,
        OUTLIERS_UNRESOLVED
    }

    public record Decision(boolean allowed, ReviewStatus to, Refusal refusal, Why why) {
        static Decision allow(ReviewStatus to) {
            return new Decision(true, to, null, null);
        }

        static Decision refuse(Refusal refusal, String zh, String en) {
            return new Decision(false, null, refusal, new Why(zh, en));
        }
    }

    private static final Set<ReviewStatus> LIVE = EnumSet.of(ReviewStatus.OPEN, ReviewStatus.SCORING, ReviewStatus.MODERATION);

    public static Set<ReviewStatus> from(ReviewAction action) {
        return switch (action) {
            case ASSIGN -> EnumSet.of(ReviewStatus.OPEN, ReviewStatus.SCORING);
            case ACCEPT, DECLINE, SUBMIT -> EnumSet.of(ReviewStatus.SCORING);
            case MODERATE, DECIDE -> EnumSet.of(ReviewStatus.MODERATION);
            case CANCEL -> EnumSet.copyOf(LIVE);
        };
    }

    private static boolean officerAction(ReviewAction a) {
        return a == ReviewAction.ASSIGN || a == ReviewAction.MODERATE || a == ReviewAction.DECIDE || a == ReviewAction.CANCEL;
    }

    public static Decision decide(CaseFacts c, Actor who, ReviewAction action, Input input) {
        Input in = input == null ? Input.NONE : input;
        if (!from(action).contains(c.status())) {
            return Decision.refuse(Refusal.NOT_IN_THIS_STATE, "评审当前状态为“" + c.status().zh() + "”，不能执行“" + action.zh() + "”",
                    "the review is " + c.status().name() + ": '" + action.name() + "' is not possible in this state");
        }
        if (officerAction(action)) {
            if (who.role() != Role.BUREAU) {
                return Decision.refuse(Refusal.ROLE, "只有科技局经办人可以“" + action.zh() + "”",
                        "only a bureau officer may " + action.name());
            }
            if (!who.covers()) {
                return Decision.refuse(Refusal.SCOPE, "该评审不在您的管理范围内", "the review is outside your scope");
            }
        } else {
            if (who.role() != Role.EXPERT) {
                return Decision.refuse(Refusal.ROLE, "只有被指派的评审专家可以“" + action.zh() + "”",
                        "only the assigned expert may " + action.name());
            }
            if (c.mine() == null) {
                return Decision.refuse(Refusal.NOT_ASSIGNED, "您未被指派评审此项目", "you are not assigned to this review");
            }
            Set<AssignmentStatus> allowed = switch (action) {
                case ACCEPT -> EnumSet.of(AssignmentStatus.CONFIRMED);
                case DECLINE -> EnumSet.of(AssignmentStatus.CONFIRMED, AssignmentStatus.ACCEPTED);
                default -> EnumSet.of(AssignmentStatus.ACCEPTED);
            };
            if (!allowed.contains(c.mine())) {
                return Decision.refuse(Refusal.ASSIGNMENT_STATE, "您的评审任务为“" + c.mine().zh() + "”，不能“" + action.zh() + "”",
                        "your assignment is " + c.mine().name() + ": you cannot " + action.name());
            }
        }
        if ((action == ReviewAction.MODERATE || action == ReviewAction.DECLINE || action == ReviewAction.CANCEL)
                && (in.reason() == null || in.reason().isBlank())) {
            return Decision.refuse(Refusal.REASON_REQUIRED, "“" + action.zh() + "”必须填写理由（reason）", "'" + action.name() + "' needs a reason");
        }
        return switch (action) {
            case ASSIGN -> in.experts() < 1
                    ? Decision.refuse(Refusal.NO_EXPERTS, "请至少选择一名专家", "choose at least one expert")
                    : Decision.allow(ReviewStatus.SCORING);
            case ACCEPT -> Decision.allow(ReviewStatus.SCORING);
            case SUBMIT -> Decision.allow(afterSheetCloses(c, c.submitted() + 1));
            case DECLINE -> Decision.allow(afterSheetCloses(c, c.submitted()));
            case MODERATE -> Decision.allow(ReviewStatus.MODERATION);
            case DECIDE -> {
                if (c.submitted() < c.minPanel()) {
                    yield Decision.refuse(Refusal.PANEL_INCOMPLETE, "已提交评分 " + c.submitted() + " 份，少于最低 " + c.minPanel() + " 份",
                            c.submitted() + " sheet(s) submitted, fewer than the minimum " + c.minPanel());
                }
                if (c.unresolvedOutliers() > 0) {
                    yield Decision.refuse(Refusal.OUTLIERS_UNRESOLVED, "尚有 " + c.unresolvedOutliers() + " 份偏离评分未合议",
                            c.unresolvedOutliers() + " outlying score(s) are not moderated yet");
                }
                yield Decision.allow(ReviewStatus.DECIDED);
            }
            case CANCEL -> Decision.allow(ReviewStatus.CANCELLED);
        };
    }

    /** Scoring ends when no other sheet is owed and the panel has its minimum; otherwise the officer adds experts. */
    private static ReviewStatus afterSheetCloses(CaseFacts c, int submittedAfter) {
        return c.openOthers() == 0 && submittedAfter >= c.minPanel() ? ReviewStatus.MODERATION : ReviewStatus.SCORING;
    }

    /**
     * Whether the actor may see the other experts' scores: an expert only after submitting their own; the officers,
     * the admin and leaders always (within their scope, checked where the case is found).
     */
    public static boolean mayseeOthers(Role role, AssignmentStatus mine) {
        if (role == Role.EXPERT) return mine == AssignmentStatus.SUBMITTED;
        return role == Role.BUREAU || role == Role.ADMIN || role == Role.LEADER;
    }

    /** The actions the actor may take now, assuming the form is filled in: which buttons a page shows. */
    public static List<ReviewAction> available(CaseFacts c, Actor who) {
        List<ReviewAction> out = new ArrayList<>();
        for (ReviewAction a : ReviewAction.values()) {
            if (decide(c, who, a, Input.FORM).allowed()) out.add(a);
        }
        return out;
    }
}
