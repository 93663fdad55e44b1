package org.innoladder.jobs.internal;

import java.util.List;

import org.innoladder.audit.AuditTrail;
import org.innoladder.jobs.Job;
import org.innoladder.jobs.JobHandler;
import org.innoladder.jobs.Jobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start-up, ends the jobs of processes that died (kill -9, power loss) while running them: a RUNNING job whose
 * owner's advisory lock ({@link JobOwner}) can be taken has no live process. Its work was never committed (each
 * handler commits its result in one transaction at the end), so it is marked FAILED with its kind's reason, its
 * handler ends what it recorded in the same transaction (an import batch, an evaluation run) and its execution row is
 * removed. Jobs still queued stay queued and run when the scheduler starts.
 */
@Component
public class JobRecovery {
    private static final Logger log = LoggerFactory.getLogger(JobRecovery.class);

    private final JobStore store;
    private final JobOwner owner;
    private final JobRunner runner;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail audit;

    JobRecovery(JobStore store, JobOwner owner, JobRunner runner, JdbcClient jdbc, PlatformTransactionManager transactions,
                AuditTrail audit) {
        this.store = store;
        this.owner = owner;
        this.runner = runner;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.audit = audit;
    }

    /** Fails the running jobs of every dead process; returns how many. */
    public int recover() {
        int failed = 0;
        for (Long dead : store.runningOwnersOtherThan(owner.id())) {
            Integer n = tx.execute(s -> {
                if (dead != null && !jdbc.sql("SELECT pg_try_advisory_xact_lock(:lock, :owner)")
                        .param("lock", JobOwner.LOCK).param("owner", (int) (long) dead).query(Boolean.class).single()) {
                    return 0; // its process lives (the lock is released when this transaction ends)
                }
                List<Job> jobs = store.running(dead);
                for (Job job : jobs) {
                    JobHandler handler = runner.handler(job.kind()).orElse(null);
                    String reason = job.param(Jobs.TRACKED) != null ? Jobs.REDELIVERED
                            : handler == null ? Jobs.ABANDONED : handler.abandonedReason();
                    if (handler != null && job.param(Jobs.TRACKED) == null) runner.abandon(job, handler, Job.Status.FAILED, reason);
                    else {
                        store.end(job.id(), Job.Status.FAILED, reason);
                        store.unschedule(job.id());
                    }
                    audit.record("system", "job.failed", "job:" + job.id(), job.kind() + ": " + reason, null);
                }
                return jobs.size();
            });
            failed += n == null ? 0 : n;
        }
        if (failed > 0) log.warn("Recovered from a stopped process: {} running jobs marked FAILED", failed);
        return failed;
    }
}
