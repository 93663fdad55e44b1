package org.innoladder.jobs.web;

import org.innoladder.identity.CurrentUser;
import org.innoladder.jobs.Job;
import org.innoladder.jobs.Jobs;
import org.innoladder.web.NextStep;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/** The jobs page: the jobs the user started (every job for ADMIN), their progress and end, and a cancel button. */
@Controller
public class JobPageController {
    static final int SHOWN = 100;

    private final Jobs jobs;

    public JobPageController(Jobs jobs) {
        this.jobs = jobs;
    }

    @GetMapping("/jobs")
    public String page(Model model, CurrentUser user) {
        var list = jobs.recent(user, SHOWN);
        model.addAttribute("jobs", list);
        model.addAttribute("anyRunning", list.stream().anyMatch(j -> !j.ended()));
        return "jobs/jobs";
    }

    /** The table htmx polls every two seconds while a job runs. */
    @GetMapping("/jobs/table")
    public String table(Model model, CurrentUser user) {
        page(model, user);
        return "jobs/jobs :: table";
    }

    @PostMapping("/jobs/{id}/cancel")
    public String cancel(@PathVariable long id, CurrentUser user) {
        Job job = jobs.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (jobs.cancel(user, id)) NextStep.of("jobs.cancelled.next", job.id()).flash();
        else if (job.ended()) new NextStep("任务已经结束，无需取消", "The job had already ended; nothing to cancel", true).flash();
        else new NextStep("该任务在评估或导入后更新派生数据，不能取消", "This job updates derived figures after an evaluation or import and cannot be cancelled", true).flash();
        return "redirect:/jobs";
    }
}
