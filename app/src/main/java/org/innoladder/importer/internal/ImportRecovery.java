package org.innoladder.importer.internal;

import org.innoladder.importer.ImportService;
import java.util.List;

import org.innoladder.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start-up, cleans up after imports whose process died (kill -9, power loss): their transaction was rolled back by
 * PostgreSQL, so nothing of their data is stored, but their batch still says RUNNING and their upload is on disk.
 * A running batch holds a transaction-level advisory lock on (BATCH_LOCK, id) for as long as its transaction lives
 * ({@link ImportService}); a RUNNING batch whose lock can be taken has no live transaction, so it is marked FAILED
 * with the reason and its problems are deleted. Batches of a live process (a command-line import beside the server)
 * keep their lock and are left alone. Upload folders of dead processes go too ({@link ImportUploads}).
 *
 * <p>An upload's import is also a persisted job (module jobs): the jobs module's recovery marks that job FAILED with
 * the same reason ({@link #ABANDONED}, through {@link ImportJobs#abandonedReason()}). This class stays for the batches,
 * which command-line imports (not jobs) write too.
 */
@Component
public class ImportRecovery {
    private static final Logger log = LoggerFactory.getLogger(ImportRecovery.class);
    public static final String ABANDONED = "服务重启时该导入仍在进行，已中止，未写入任何数据"
            + " / the import was still running when the service stopped; it was abandoned and nothing was stored";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ImportUploads uploads;
    private final ObjectProvider<AuditTrail> audit;

    ImportRecovery(JdbcTemplate jdbc, PlatformTransactionManager transactions, ImportUploads uploads, ObjectProvider<AuditTrail> audit) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.uploads = uploads;
        this.audit = audit;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void recover() {
        int batches = failAbandonedBatches();
        int files = uploads.removeAbandoned();
        if (batches > 0 || files > 0) {
            log.warn("Recovered from imports interrupted by a stopped process: {} batches marked FAILED, {} upload files removed",
                    batches, files);
        }
    }

    /** Marks FAILED every RUNNING batch no live transaction holds; returns how many. */
    int failAbandonedBatches() {
        List<Long> running = jdbc.queryForList("SELECT id FROM import_batch WHERE status = 'RUNNING' ORDER BY id", Long.class);
        int failed = 0;
        for (long id : running) {
            Boolean done = tx.execute(status -> {
                Boolean free = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?, ?)", Boolean.class,
                        ImportService.BATCH_LOCK, (int) id);
                if (!Boolean.TRUE.equals(free)) return false;
                jdbc.update("DELETE FROM import_rejection WHERE batch_id = ?", id);
                int n = jdbc.update("UPDATE import_batch SET status = 'FAILED', finished_at = now(), message = ?"
                        + " WHERE id = ? AND status = 'RUNNING'", ABANDONED, id);
                AuditTrail trail = audit.getIfAvailable();
                if (n > 0 && trail != null) trail.record("system", "import.failed", "import_batch:" + id, ABANDONED, null);
                return n > 0;
            });
            if (Boolean.TRUE.equals(done)) failed++;
        }
        return failed;
    }
}
