package org.innoladder.ladder.town;

import org.innoladder.web.NextStep;

/** What a piece of town work just recorded, and what comes next, in words (the message at the top of the page). */
final class TownWorkNextStep {
    private TownWorkNextStep() {
    }

    static NextStep after(Object result) {
        if (result instanceof TownWorkService.Assignment a) {
            return new NextStep("已挂钩：由" + a.assistant().displayName() + "负责联系。下一步：走访企业，记录情况并制定一企一策措施。",
                    "Assigned: " + a.assistant().displayName() + " is the contact now. Next: visit the enterprise, log the visit and plan actions.");
        }
        if (result instanceof TownWorkService.Action a && a.doneOn() != null) {
            return new NextStep("措施已标记完成（" + a.doneOn() + "）。", "Action marked done (" + a.doneOn() + ").");
        }
        if (result instanceof TownWorkService.Action a) {
            return new NextStep("已添加措施，" + a.owner() + "须在 " + a.dueOn() + " 前完成；逾期会在镇街工作列表标红。",
                    "Action added: " + a.owner() + " completes it by " + a.dueOn() + "; once overdue it is flagged in red on the town list.");
        }
        if (result instanceof TownWorkService.Visit v) {
            String next = v.nextSteps() == null || v.nextSteps().isBlank() ? "" : v.nextSteps();
            return new NextStep("已记录 " + v.visitedOn() + " 的走访。" + (next.isEmpty() ? "" : "下一步：" + next),
                    "Visit of " + v.visitedOn() + " logged." + (next.isEmpty() ? "" : " Next: " + next));
        }
        return new NextStep("已保存。", "Saved.");
    }
}
