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
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Imports running in the background for the page and the API, kept in memory (the batch record, which carries the
 * job's id, is the durable trace). At most {@code max-concurrent} run at once and {@code max-concurrent-per-user}
 * per user; a further upload is refused, not queued. The last {@value #KEEP} jobs are remembered.
 */
@Component
public class ImportJobs {
    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
    private static final int KEEP = 200;

    private final ImportService importer;
    private final ImportUploads uploads;
    private final ImportSettings.Limits limits;
    private final ExecutorService executor;
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    public ImportJobs(ImportService importer, ImportUploads uploads, ImportSettings settings) {
        this.importer = importer;
        this.uploads = uploads;
        this.limits = settings.limits();
        this.executor = Executors.newFixedThreadPool(limits.maxConcurrent(), r -> {
            Thread t = new Thread(r, "import-job");
            t.setDaemon(true);
            return t;
        });
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
        private volatile Runnable interrupt;

        Job(String id, String fileName, String actor) {
            this.id = id;
            this.fileName = fileName;
            this.actor = actor;
        }

        @Override
        public void rows(long rowsRead, long bytesRead, long bytesTotal) {
            this.rowsRead = rowsRead;
            this.bytesRead = bytesRead;
            this.bytesTotal = bytesTotal;
        }

        @Override
        public void batchStarted(long batchId) {
            this.batchId = batchId;
        }

        @Override
        public void phase(String phase) {
            this.phase = phase;
        }

        @Override
        public String cancelledBy() { return cancelledBy; }

        @Override
        public void interruptWith(Runnable interrupt) {
            this.interrupt = interrupt;
        }

        /** Asks the import to stop: it rolls back and ends CANCELLED; a statement running in the database is stopped. */
        void cancel(String by) {
            synchronized (this) {
                if (cancelledBy != null || report != null) return;
                cancelledBy = by;
            }
            Runnable r = interrupt;
            if (r != null) r.run();
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
     * Starts importing an upload; returns at once. The upload is written into this process's upload folder and
     * deleted when the import ends.
     *
     * @throws ImportLimitExceeded when as many imports as allowed already run, in all or for this user
     */
    public Job submit(Upload upload, String originalName, ImportOptions options) throws IOException {
        Job job = reserve(originalName, options.actor());
        Path file = null;
        try {
            file = uploads.newFile(job.id, suffix(originalName));
            upload.writeTo(file);
        } catch (IOException | RuntimeException e) {
            forget(job);
            if (file != null) Files.deleteIfExists(file);
            throw e;
        }
        Path written = file;
        ImportOptions forJob = options.forJob(job.id);
        executor.execute(() -> {
            try {
                job.report = importer.importFile(written, originalName, forJob, job);
            } catch (RuntimeException e) {
                log.error("import job {} failed", job.id, e);
                job.report = new ImportReport(job.batchId, ImportReport.Status.FAILED, null, originalName, null, null,
                        0, 0, 0, 0, 0, 0, 0, List.of(), false, "导入失败 / import failed: " + ImportService.rootMessage(e));
            } finally {
                job.phase = "done";
                try {
                    Files.deleteIfExists(written);
                } catch (IOException e) {
                    log.warn("cannot delete upload {}", written, e);
                }
            }
        });
        return job;
    }

    private Job reserve(String originalName, String actor) {
        synchronized (jobs) {
            List<Job> running = jobs.values().stream().filter(j -> !j.done()).toList();
            if (running.size() >= limits.maxConcurrent()) {
                String limit = ImportLimitExceeded.limit("max-concurrent", limits.maxConcurrent());
                throw new ImportLimitExceeded("已有 " + running.size() + " 个导入正在进行，达到同时导入的上限（" + limit + "），请稍后再试",
                        running.size() + " imports are running, the most allowed at once (" + limit + "); try again later");
            }
            long mine = running.stream().filter(j -> j.actor.equals(actor)).count();
            if (mine >= limits.maxConcurrentPerUser()) {
                String limit = ImportLimitExceeded.limit("max-concurrent-per-user", limits.maxConcurrentPerUser());
                throw new ImportLimitExceeded("您已有 " + mine + " 个导入正在进行，达到每人同时导入的上限（" + limit + "），请等它结束或取消后再试",
                        "you have " + mine + " imports running, the most allowed per user (" + limit + "); wait for it to end"
                                + " or cancel it, then try again");
            }
            Job job = new Job(UUID.randomUUID().toString(), originalName, actor);
            jobs.put(job.id, job);
            Iterator<Job> it = jobs.values().iterator();
            while (jobs.size() > KEEP && it.hasNext()) {
                if (it.next().done()) it.remove();
            }
            return job;
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
     * Cancels a job the user may see (its starter or an admin); false when it has already ended.
     */
    public boolean cancel(Job job, CurrentUser user) {
        if (job.done()) return false;
        job.cancel(user.username());
        return true;
    }

    /** Jobs still running that the user may see. */
    public List<Job> running(CurrentUser user) {
        synchronized (jobs) {
            return new ArrayList<>(jobs.values().stream().filter(j -> !j.done() && j.visibleTo(user)).toList());
        }
    }

    /** Running imports end CANCELLED (rolled back, recorded) instead of being cut off with the process. */
    @PreDestroy
    void stop() throws InterruptedException {
        synchronized (jobs) {
            jobs.values().forEach(j -> j.cancel("system (shutdown)"));
        }
        executor.shutdown();
        if (!executor.awaitTermination(20, TimeUnit.SECONDS)) executor.shutdownNow();
    }
}
