package org.innoladder.importer.internal;

import org.innoladder.importer.ImportOptions;
import org.innoladder.importer.ImportProgress;
import org.innoladder.importer.ImportReport;
import org.innoladder.importer.ImportService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.io.UncheckedIOException;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.jobs.JobContext;
import org.innoladder.jobs.JobHandler;
import org.innoladder.jobs.JobRequest;
import org.innoladder.jobs.Jobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Imports running in the background for the page and the API: each is a persisted job (module jobs, kind
 * {@value #KIND}) whose id is the import's job id, recorded with its batch. The upload and the live view (rows read,
 * phase, report) are this process's; the job row holds the progress and the end for the jobs page and for a restart.
 * At most {@code max-concurrent} run at once and {@code max-concurrent-per-user} per user; a further upload is
 * refused, not queued. The last {@value #KEEP} jobs are remembered.
 */
@Component
public class ImportJobs implements JobHandler {
    public static final String KIND = "import";
    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
    private static final int KEEP = 200;

    private final ImportService importer;
    private final ImportUploads uploads;
    private final ImportSettings.Limits limits;
    private final Jobs persisted;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final List<String> reserved = new ArrayList<>();

    public ImportJobs(ImportService importer, ImportUploads uploads, ImportSettings settings, Jobs persisted) {
        this.importer = importer;
        this.uploads = uploads;
        this.limits = settings.limits();
        this.persisted = persisted;
    }

    /** Writes an upload to the file the job will import. */
    @FunctionalInterface
    public interface Upload {
        void writeTo(Path target) throws IOException;
    }

    /** One background import, observed through its progress, cancelled through it too. */
    public static final class Job implements ImportProgress {
        private final String id;
        private final String fileName;
        private final String actor;
        private final Instant startedAt = Instant.now();
        private volatile long rowsRead;
        private volatile long bytesRead;
        private volatile long bytesTotal;
        private volatile Long batchId;
        private volatile String phase = "reading";
        private volatile ImportReport report;
        private volatile String cancelledBy;
        private volatile JobContext context;
        private final Path file;
        private final ImportOptions options;

        Job(String id, String fileName, String actor, Path file, ImportOptions options) {
            this.id = id;
            this.fileName = fileName;
            this.actor = actor;
            this.file = file;
            this.options = options;
        }

        @Override
        public void rows(long rowsRead, long bytesRead, long bytesTotal) {
            this.rowsRead = rowsRead;
            this.bytesRead = bytesRead;
            this.bytesTotal = bytesTotal;
            JobContext c = context;
            if (c != null) {
                if (bytesRead >= 0 && bytesTotal > 0) c.progress(phase, bytesRead, bytesTotal);
                else c.progress(phase, rowsRead, null);
            }
        }

        @Override
        public void batchStarted(long batchId) {
            this.batchId = batchId;
            JobContext c = context;
            if (c != null) c.link("/imports/" + batchId);
        }

        @Override
        public void phase(String phase) {
            this.phase = phase;
            JobContext c = context;
            if (c != null) c.progress(phase, rowsRead, null);
        }

        /** Who asked to cancel: through the import's pages or API, or through the jobs page. */
        @Override
        public String cancelledBy() {
            JobContext c = context;
            return c != null && c.cancelledBy() != null ? c.cancelledBy() : cancelledBy;
        }

        @Override
        public void interruptWith(Runnable interrupt) {
            JobContext c = context;
            if (c != null) c.interruptWith(interrupt);
        }

        public String id() { return id; }

        public String fileName() { return fileName; }

        public String actor() { return actor; }

        /** A job is its starter's (and the platform admin's) to watch and to cancel. */
        public boolean visibleTo(CurrentUser user) {
            return user.role() == Role.ADMIN || actor.equals(user.username());
        }

        public Instant startedAt() { return startedAt; }

        public long rowsRead() { return rowsRead; }

        /** 0–100 from the bytes read, or -1 when unknown (XLSX). */
        public int percent() {
            if (report != null) return 100;
            return bytesRead >= 0 && bytesTotal > 0 ? (int) Math.min(100, bytesRead * 100 / bytesTotal) : -1;
        }

        public Long batchId() { return report != null && report.batchId() != null ? report.batchId() : batchId; }

        public String phase() { return phase; }

        public boolean done() { return report != null; }

        public ImportReport report() { return report; }
    }

    /**
     * Starts importing an upload; returns at once. The upload is written into this process's upload folder, in the
     * transaction that records the job, and deleted when the import ends.
     *
     * @throws ImportLimitExceeded when as many imports as allowed already run, in all or for this user
     */
    public Job submit(Upload upload, String originalName, ImportOptions options) throws IOException {
        reserve(options.actor());
        Path[] written = new Path[1];
        Job[] made = new Job[1];
        try {
            persisted.submit(new JobRequest(KIND, options.actor(), null, null, originalName,
                    Map.of("source", options.source())), id -> {
                String jobId = String.valueOf(id);
                try {
                    written[0] = uploads.newFile(jobId, suffix(originalName));
                    upload.writeTo(written[0]);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                made[0] = new Job(jobId, originalName, options.actor(), written[0], options.forJob(jobId));
                remember(made[0]);
            });
            return made[0];
        } catch (RuntimeException e) {
            if (made[0] != null) forget(made[0]);
            if (written[0] != null) Files.deleteIfExists(written[0]);
            if (e instanceof UncheckedIOException io) throw io.getCause();
            throw e;
        } finally {
            synchronized (jobs) {
                reserved.remove(options.actor());
            }
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Runs an import job of this process (a job whose upload was in a process that died fails: the file is gone). */
    @Override
    public Finished run(JobContext context) {
        Job job = find(String.valueOf(context.id())).orElse(null);
        if (job == null) {
            return Finished.failed("上传的文件已随停止的服务进程删除，请重新上传 / the upload went with the stopped process; upload the file again");
        }
        job.context = context;
        try {
            job.report = importer.importFile(job.file, job.fileName, job.options, job);
        } catch (RuntimeException e) {
            log.error("import job {} failed", job.id, e);
            job.report = new ImportReport(job.batchId, ImportReport.Status.FAILED, null, job.fileName, null, null,
                    0, 0, 0, 0, 0, 0, 0, List.of(), false, "导入失败 / import failed: " + ImportService.rootMessage(e));
        } finally {
            job.phase = "done";
            delete(job.file);
        }
        ImportReport r = job.report;
        return r.status() == ImportReport.Status.COMMITTED ? Finished.done(r.message())
                : Finished.failed(r.message() == null ? r.status().name() : r.message());
    }

    /** A job cancelled before it started: it ends CANCELLED without a batch, and its upload goes. */
    @Override
    public void abandoned(org.innoladder.jobs.Job persistedJob, String reason) {
        find(String.valueOf(persistedJob.id())).ifPresent(job -> {
            job.cancelledBy = persistedJob.cancelRequestedBy();
            job.report = new ImportReport(null, ImportReport.Status.CANCELLED, null, job.fileName, null, null,
                    0, 0, 0, 0, 0, 0, 0, List.of(), false, reason);
            job.phase = "done";
            delete(job.file);
        });
    }

    @Override
    public String abandonedReason() {
        return ImportRecovery.ABANDONED;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete upload {}", file, e);
        }
    }

    private void reserve(String actor) {
        synchronized (jobs) {
            List<String> running = new ArrayList<>(reserved);
            jobs.values().stream().filter(j -> !j.done()).forEach(j -> running.add(j.actor));
            if (running.size() >= limits.maxConcurrent()) {
                String limit = ImportLimitExceeded.limit("max-concurrent", limits.maxConcurrent());
                throw new ImportLimitExceeded("已有 " + running.size() + " 个导入正在进行，达到同时导入的上限（" + limit + "），请稍后再试",
                        running.size() + " imports are running, the most allowed at once (" + limit + "); try again later");
            }
            long mine = running.stream().filter(actor::equals).count();
            if (mine >= limits.maxConcurrentPerUser()) {
                String limit = ImportLimitExceeded.limit("max-concurrent-per-user", limits.maxConcurrentPerUser());
                throw new ImportLimitExceeded("您已有 " + mine + " 个导入正在进行，达到每人同时导入的上限（" + limit + "），请等它结束或取消后再试",
                        "you have " + mine + " imports running, the most allowed per user (" + limit + "); wait for it to end"
                                + " or cancel it, then try again");
            }
            reserved.add(actor);
        }
    }

    private void remember(Job job) {
        synchronized (jobs) {
            jobs.put(job.id, job);
            Iterator<Job> it = jobs.values().iterator();
            while (jobs.size() > KEEP && it.hasNext()) {
                if (it.next().done()) it.remove();
            }
        }
    }

    private void forget(Job job) {
        synchronized (jobs) {
            jobs.remove(job.id);
        }
    }

    /** ".csv", ".xlsx" …: the upload's own extension, reduced to safe characters. */
    private static String suffix(String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).replaceAll("[^A-Za-z0-9]", "");
        return "." + (ext.isEmpty() ? "upload" : ext.substring(0, Math.min(ext.length(), 10)));
    }

    public Optional<Job> find(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    /**
     * Cancels a job the user may see (its starter or an admin); false when it has already ended. The persisted job
     * carries the request, so the jobs page and the import's pages cancel the same way.
     */
    public boolean cancel(Job job, CurrentUser user) {
        if (job.done()) return false;
        synchronized (job) {
            if (job.cancelledBy == null) job.cancelledBy = user.username();
        }
        return persisted.cancel(user, Long.parseLong(job.id));
    }

    /** Jobs still running that the user may see. */
    public List<Job> running(CurrentUser user) {
        synchronized (jobs) {
            return new ArrayList<>(jobs.values().stream().filter(j -> !j.done() && j.visibleTo(user)).toList());
        }
    }

}
