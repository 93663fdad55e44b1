package org.innoladder.award.web;

import org.innoladder.award.domain.AwardAction;
import org.innoladder.award.internal.AwardQueries;
import org.innoladder.award.domain.AwardStatus;

import java.time.LocalDate;

import org.innoladder.web.NextStep;

/**
 * What an award case action did and what comes next, in words: "已确认，等待湖塘镇科技助理审核（5 天内，2026-12-12 前）".
 * Who acts next follows from the status the case is now in; by when from the step's deadline.
 */
final class AwardNextStep {
    private AwardNextStep() {
    }

    /** After {@code action} (null for a new application) left the case as {@code line}. */
    static NextStep after(AwardAction action, AwardQueries.CaseLine line, LocalDate publicityEndsOn, LocalDate today) {
        String[] done = done(action);
        String[] next = next(line, publicityEndsOn, today);
        return new NextStep(done[0] + "，" + next[0] + "。", done[1] + "; " + next[1] + ".",
                line.status() == AwardStatus.BUDGET_WAIT);
    }

    private static String[] done(AwardAction action) {
        if (action == null) return new String[]{"申请已提交", "Application submitted"};
        return switch (action) {
            case CONFIRM -> new String[]{"已确认并提交收款账户", "Confirmed with the bank account"};
            case REVIEW -> new String[]{"镇街审核已通过", "Town review passed"};
            case APPROVE -> new String[]{"区级审批已通过", "District approval given"};
            case PUBLICISE -> new String[]{"已发布公示", "Publicised"};
            case PAY -> new String[]{"已登记拨付", "Payment recorded"};
            case REJECT -> new String[]{"已驳回", "Rejected"};
            case WITHDRAW -> new String[]{"已撤回", "Withdrawn"};
        };
    }

    private static String[] next(AwardQueries.CaseLine line, LocalDate publicityEndsOn, LocalDate today) {
        String town = line.townName() == null ? "镇（街道）" : line.townName();
        String townEn = line.townName() == null ? "the town" : line.townName();
        String dueZh = "", dueEn = "";
        if (line.deadlineDays() != null) {
            LocalDate due = today.minusDays(line.ageDays()).plusDays(line.deadlineDays());
            dueZh = "（" + line.deadlineDays() + " 天内，" + due + " 前）";
            dueEn = " (within " + line.deadlineDays() + " days, by " + due + ")";
        }
        return switch (line.status()) {
            case MATCHED -> new String[]{"等待企业确认并提供收款账户" + dueZh, "the enterprise confirms and gives its bank account next" + dueEn};
            case ENTERPRISE_CONFIRMED -> new String[]{"等待" + town + "科技助理审核" + dueZh, "the " + townEn + " tech assistant reviews it next" + dueEn};
            case TOWN_REVIEWED -> new String[]{"等待区科技局审批" + dueZh, "the district bureau approves it next" + dueEn};
            case BUDGET_WAIT -> new String[]{"本政策预算已用完，等待科技局追加预算后审批", "the policy's budget is used up: the bureau approves it once the budget is raised"};
            case DISTRICT_APPROVED -> new String[]{"等待科技局发布公示" + dueZh, "the bureau publicises it next" + dueEn};
            case PUBLICISED -> new String[]{"公示至 " + publicityEndsOn + "，期满无异议后由科技局登记拨付",
                    "publicised until " + publicityEndsOn + "; the bureau records the payment after that if nobody objects"};
            case PAID -> new String[]{"办理完结", "the case is closed"};
            case REJECTED -> new String[]{"办理终止；企业可就驳回理由联系科技局", "the case is closed; the enterprise may ask the bureau about the reason"};
            case WITHDRAWN -> new String[]{"办理终止，不再兑现", "the case is closed and will not be paid"};
        };
    }
}
