package org.innoladder.importer;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.innoladder.identity.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** REST API of imports; errors are RFC 9457 problem details. */
@RestController
@RequestMapping("/api/v1/imports")
public class ImportApiController {
    private final ImportJobs jobs;
    private final ImportBatches batches;

    public ImportApiController(ImportJobs jobs, ImportBatches batches) {
        this.jobs = jobs;
        this.batches = batches;
    }

    /** A background import as the API shows it. */
    public record JobView(String jobId, String fileName, Instant startedAt, String phase, boolean done, long rowsRead,
                          int percent, Long batchId, String status, String message, String statusUrl, String batchUrl) {
        static JobView of(ImportJobs.Job j) {
            ImportReport r = j.report();
            Long batch = j.batchId();
            return new JobView(j.id(), j.fileName(), j.startedAt(), j.phase(), j.done(), r != null ? r.rowsRead() : j.rowsRead(),
                    j.percent(), batch, r == null ? "RUNNING" : r.status().name(), r == null ? null : r.message(),
                    "/api/v1/imports/jobs/" + j.id(), batch == null ? null : "/api/v1/imports/" + batch);
        }
    }

    @GetMapping
    public List<ImportBatches.Batch> recent(@RequestParam(defaultValue = "50") int limit, CurrentUser user) {
        ImportAccess.require(user);
        return batches.recent(Math.max(1, Math.min(limit, 500)));
    }

    @GetMapping("/{id}")
    public ImportBatches.Batch batch(@PathVariable long id, CurrentUser user) {
        ImportAccess.require(user);
        return batches.find(id).orElseThrow(() -> new NotFound("import batch " + id));
    }

    @GetMapping("/{id}/rejections")
    public List<Rejection> rejections(@PathVariable long id, @RequestParam(defaultValue = "0") int offset,
                                      @RequestParam(defaultValue = "1000") int limit, CurrentUser user) {
        ImportAccess.require(user);
        batches.find(id).orElseThrow(() -> new NotFound("import batch " + id));
        return batches.rejections(id, Math.max(0, offset), Math.max(1, Math.min(limit, 10_000)));
    }

    @PostMapping(consumes = "multipart/form-data")
    public ResponseEntity<JobView> upload(@RequestParam("file") MultipartFile file,
                                          @RequestParam(value = "source", required = false) String source,
                                          CurrentUser user, HttpServletRequest request) throws IOException {
        ImportAccess.require(user);
        if (file.isEmpty()) throw new BadRequest("the uploaded file is empty / 上传的文件为空");
        ImportJobs.Job job = ImportAccess.start(jobs, file, source, user, request);
        return ResponseEntity.accepted().location(URI.create("/api/v1/imports/jobs/" + job.id())).body(JobView.of(job));
    }

    @GetMapping("/jobs/{jobId}")
    public JobView job(@PathVariable String jobId, CurrentUser user) {
        ImportAccess.require(user);
        return JobView.of(jobs.find(jobId).orElseThrow(() -> new NotFound("import job " + jobId)));
    }

    static final class NotFound extends RuntimeException {
        NotFound(String what) {
            super(what);
        }
    }

    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "未找到 " + e.getMessage() + " / " + e.getMessage() + " not found");
        p.setTitle("Not Found");
        return p;
    }

    @ExceptionHandler(BadRequest.class)
    ProblemDetail badRequest(BadRequest e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "仅平台管理员和科技局用户可以导入数据 / only platform administrators and bureau officers may import data");
        p.setTitle("Forbidden");
        return p;
    }
}
