package org.innoladder.jobs.web;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.innoladder.identity.CurrentUser;
import org.innoladder.jobs.Job;
import org.innoladder.jobs.Jobs;
import org.innoladder.web.Params;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The jobs the caller started (every job for ADMIN): listed, one by one, and cancelled. */
@RestController
@RequestMapping("/api/v1/jobs")
public class JobApiController {
    private final Jobs jobs;

    public JobApiController(Jobs jobs) {
        this.jobs = jobs;
    }

    /** A job as the API shows it; {@code percent} is -1 while the amount of work is unknown. */
    public record JobView(long id, String kind, String status, String startedBy, String regionCode, String regionName,
                          Integer year, String subject, String phase, long done, Long total, int percent,
                          String cancelRequestedBy, String message, String link, OffsetDateTime createdAt,
                          OffsetDateTime startedAt, OffsetDateTime finishedAt, String statusUrl, String cancelUrl) {
        static JobView of(Job j) {
            return new JobView(j.id(), j.kind(), j.status().name(), j.startedBy(), j.regionCode(), j.regionName(), j.year(),
                    j.subject(), j.phase(), j.done(), j.total(), j.percent(), j.cancelRequestedBy(), j.message(), j.link(),
                    j.createdAt(), j.startedAt(), j.finishedAt(), "/api/v1/jobs/" + j.id(),
                    j.cancellable() ? "/api/v1/jobs/" + j.id() + "/cancel" : null);
        }
    }

    @Operation(summary = "The caller's jobs (an administrator: everyone's), newest first, with progress and state")
    @GetMapping
    public List<JobView> recent(@RequestParam(required = false) String limit, CurrentUser user) {
        int n = Params.integer("limit", limit, 1, 500, 50);
        return jobs.recent(user, n).stream().map(JobView::of).toList();
    }

    @Operation(summary = "One job of the caller (an administrator: any), with progress, state and the reason it failed")
    @GetMapping("/{id}")
    public JobView job(@PathVariable long id, CurrentUser user) {
        return JobView.of(jobs.get(user, id));
    }

    /** Cancels a job the caller started (ADMIN: any); 409 when it has already ended or cannot be cancelled. */
    @Operation(summary = "Asks a running or queued job of the caller to stop; it ends CANCELLED without half-committed work")
    @PostMapping("/{id}/cancel")
    public ResponseEntity<?> cancel(@PathVariable long id, CurrentUser user, HttpServletRequest request) {
        if (!jobs.cancel(user, id)) {
            boolean ended = jobs.get(user, id).ended();
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ended ? "job " + id + " has already ended"
                    : "job " + id + " updates derived figures after an evaluation or import and cannot be cancelled");
            p.setTitle(ended ? "Job already ended" : "Job cannot be cancelled");
            p.setInstance(URI.create(request.getRequestURI()));
            p.setProperty("detailZh", ended ? "任务 " + id + " 已经结束，无法取消" : "任务 " + id + " 在评估或导入后更新派生数据，不能取消");
            return ResponseEntity.status(HttpStatus.CONFLICT).body(p);
        }
        return ResponseEntity.accepted().body(JobView.of(jobs.get(user, id)));
    }
}
