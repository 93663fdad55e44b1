package org.innoladder.importer;

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

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Imports running in the background for the page and the API, kept in memory (the batch record is the
 * durable trace). At most two run at once; the last {@value #KEEP} jobs are remembered.
 */
@Component
public class ImportJobs {
    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
    private static final int KEEP = 200;

    private final ImportService importer;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "import-job");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    public ImportJobs(ImportService importer) {
        this.importer = importer;
    }

    /** One background import, observed through its progress. */
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

        public String id() { return id; }

        public String fileName() { return fileName; }

        public String actor() { return actor; }

        /** A job is its starter's (and the platform admin's) to watch. */
        public boolean visibleTo(org.innoladder.identity.CurrentUser user) {
            return user.role() == org.innoladder.identity.Role.ADMIN || actor.equals(user.username());
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

    /** Starts importing {@code upload} (a temporary copy, deleted afterwards); returns at once. */
    public Job submit(Path upload, String originalName, ImportOptions options) {
        Job job = new Job(UUID.randomUUID().toString(), originalName, options.actor());
        synchronized (jobs) {
            jobs.put(job.id, job);
            Iterator<Job> it = jobs.values().iterator();
            while (jobs.size() > KEEP && it.hasNext()) {
                if (it.next().done()) it.remove();
            }
        }
        executor.execute(() -> {
            try {
                job.report = importer.importFile(upload, originalName, options, job);
            } catch (RuntimeException e) {
                log.error("import job {} failed", job.id, e);
                job.report = new ImportReport(job.batchId, ImportReport.Status.FAILED, null, originalName, null, null,
                        0, 0, 0, 0, 0, 0, 0, List.of(), false, "导入失败 / import failed: " + ImportService.rootMessage(e));
            } finally {
                job.phase = "done";
                try {
                    Files.deleteIfExists(upload);
                } catch (IOException e) {
                    log.warn("cannot delete upload {}", upload, e);
                }
            }
        });
        return job;
    }

    public Optional<Job> find(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    public List<Job> running() {
        synchronized (jobs) {
            return new ArrayList<>(jobs.values().stream().filter(j -> !j.done()).toList());
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
