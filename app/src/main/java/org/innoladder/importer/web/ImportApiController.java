package org.innoladder.importer.web;

import org.innoladder.importer.ImportReport;
import org.innoladder.importer.Rejection;
import org.innoladder.importer.internal.ImportAccess;
import org.innoladder.importer.internal.ImportBatches;
import org.innoladder.importer.internal.ImportJobs;
import org.innoladder.importer.internal.ImportLimitExceeded;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.innoladder.identity.CurrentUser;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** REST API of imports (platform admins and bureau officers); errors are RFC 9457 problem details. */
@RestController
@PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
@RequestMapping("/api/v1/imports")
public class ImportApiController {
    private final ImportJobs jobs;
    private final ImportBatches batches;

    public ImportApiController(ImportJobs jobs, ImportBatches batches) {
        this.jobs = jobs;
        this.batches = batches;
    }

    /**
     * A background import as the API shows it.
     *
     * @param cancelledBy who asked to cancel it while it runs, null otherwise
     * @param cancelUrl   where to POST to cancel it while it runs
     */
    public record JobView(String jobId, String fileName, Instant startedAt, String phase, boolean done, long rowsRead,
                          int percent, Long batchId, String status, String message, String statusUrl, String batchUrl,
                          String cancelledBy, String cancelUrl) {
        static JobView of(ImportJobs.Job j) {
            ImportReport r = j.report();
            Long batch = j.batchId();
            return new JobView(j.id(), j.fileName(), j.startedAt(), j.phase(), j.done(), r != null ? r.rowsRead() : j.rowsRead(),
                    j.percent(), batch, r == null ? "RUNNING" : r.status().name(), r == null ? null : r.message(),
                    "/api/v1/imports/jobs/" + j.id(), batch == null ? null : "/api/v1/imports/" + batch,
                    r == null ? j.cancelledBy() : null, r == null ? "/api/v1/imports/jobs/" + j.id() + "/cancel" : null);
        }

        /** A job this process no longer knows (it ran before a restart), from the batch it recorded. */
        static JobView of(ImportBatches.Batch b) {
            boolean done = !"RUNNING".equals(b.status());
            return new JobView(b.jobId(), b.fileName(), b.startedAt().toInstant(), done ? "done" : "reading", done, b.rowsRead(),
                    done ? 100 : -1, b.id(), b.status(), b.message(), "/api/v1/imports/jobs/" + b.jobId(),
                    "/api/v1/imports/" + b.id(), null, null);
        }
    }

    @GetMapping
    @io.swagger.v3.oas.annotations.Operation(summary = "Import batches in the caller's scope, newest first")
    public List<ImportBatches.Batch> recent(@RequestParam(defaultValue = "50") int limit, CurrentUser user) {
        return batches.recent(user, Math.max(1, Math.min(limit, 500)));
    }

    @GetMapping("/{id}")
    @io.swagger.v3.oas.annotations.Operation(summary = "One import batch with its counts and report")
    public ImportBatches.Batch batch(@PathVariable long id, CurrentUser user) {
        return batches.find(user, id).orElseThrow(() -> notFound(id));
    }

    @GetMapping("/{id}/rejections")
    @io.swagger.v3.oas.annotations.Operation(summary = "The rejected rows of an import batch: line, column, value and reason")
    public List<Rejection> rejections(@PathVariable long id, @RequestParam(defaultValue = "0") int offset,
                                      @RequestParam(defaultValue = "1000") int limit, CurrentUser user) {
        batches.find(user, id).orElseThrow(() -> notFound(id));
        return batches.rejections(id, Math.max(0, offset), Math.max(1, Math.min(limit, 10_000)));
    }

    @PostMapping(consumes = "multipart/form-data")
    @io.swagger.v3.oas.annotations.Operation(summary = "Upload a CSV or XLSX file of enterprise facts or recognitions; imported in the background as a job")
    public ResponseEntity<JobView> upload(@RequestParam("file") MultipartFile file,
                                          @RequestParam(value = "source", required = false) String source,
                                          CurrentUser user, HttpServletRequest request) throws IOException {
        if (file.isEmpty()) throw new BadParameterException("file", file.getOriginalFilename(), "上传的文件不能为空", "must not be empty");
        ImportJobs.Job job = ImportAccess.start(jobs, file, source, user, request);
        return ResponseEntity.accepted().location(URI.create("/api/v1/imports/jobs/" + job.id())).body(JobView.of(job));
    }

    /** A job of this process, or after a restart the batch it ran (jobs live in memory, batches in the database). */
    @GetMapping("/jobs/{jobId}")
    @io.swagger.v3.oas.annotations.Operation(summary = "The progress of an import job")
    public JobView job(@PathVariable String jobId, CurrentUser user) {
        Optional<ImportJobs.Job> job = jobs.find(jobId).filter(j -> j.visibleTo(user));
        if (job.isPresent()) return JobView.of(job.get());
        return batches.findByJob(user, jobId).map(JobView::of).orElseThrow(() -> jobNotFound(jobId));
    }

    /** Cancels a running job (its starter or an admin): it rolls back, nothing is stored, the batch ends CANCELLED. */
    @PostMapping("/jobs/{jobId}/cancel")
    @io.swagger.v3.oas.annotations.Operation(summary = "Cancel a running import job (its starter or an admin)")
    public ResponseEntity<?> cancel(@PathVariable String jobId, CurrentUser user, HttpServletRequest request) {
        ImportJobs.Job job = jobs.find(jobId).filter(j -> j.visibleTo(user)).orElseThrow(() -> jobNotFound(jobId));
        if (!jobs.cancel(job, user)) {
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "import job " + jobId + " has already ended");
            p.setTitle("Import job already ended");
            p.setInstance(URI.create(request.getRequestURI()));
            p.setProperty("detailZh", "导入任务 " + jobId + " 已经结束，无法取消");
            return ResponseEntity.status(HttpStatus.CONFLICT).body(p);
        }
        return ResponseEntity.accepted().body(JobView.of(job));
    }

    /** Too many imports running: 429 with the limit named, in both languages. */
    @ExceptionHandler(ImportLimitExceeded.class)
    ResponseEntity<ProblemDetail> busy(ImportLimitExceeded e, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.en());
        p.setType(URI.create("urn:innoladder:problem:import-limit"));
        p.setTitle("Import limit reached");
        p.setInstance(URI.create(request.getRequestURI()));
        p.setProperty("detailZh", e.zh());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, "60").body(p);
    }

    private static NotFoundException jobNotFound(String jobId) {
        return new NotFoundException("导入任务 " + jobId + " 不存在", "import job " + jobId + " not found");
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("导入批次 " + id + " 不存在", "import batch " + id + " not found");
    }
}
