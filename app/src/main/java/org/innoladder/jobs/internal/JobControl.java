package org.innoladder.jobs.internal;

import org.innoladder.jobs.Job;
import org.innoladder.jobs.JobHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Cancels jobs: in the database for every process, and at once for a job running in this one. */
@Component
public class JobControl {
    private final JobStore store;
    private final JobRunner runner;
    private final TransactionTemplate tx;

    JobControl(JobStore store, JobRunner runner, PlatformTransactionManager transactions) {
        this.store = store;
        this.runner = runner;
        this.tx = new TransactionTemplate(transactions);
    }

    /** False when the job had already ended. */
    public boolean cancel(Job job, String by) {
        if (job.ended()) return false;
        Boolean waiting = tx.execute(s -> {
            if (!store.requestCancel(job.id(), by)) return null;
            // a job no scheduler has picked never runs: it ends now; a picked one sees the request when it starts
            if (job.status() == Job.Status.QUEUED && store.unscheduleIfWaiting(job.id())) {
                JobHandler handler = runner.handler(job.kind()).orElse(null);
                String reason = JobRunner.cancelledMessage(by);
                if (handler != null) runner.abandon(job, handler, Job.Status.CANCELLED, reason);
                else store.end(job.id(), Job.Status.CANCELLED, reason);
                return true;
            }
            return false;
        });
        if (waiting == null) return false;
        if (!waiting) runner.cancelRunning(job.id(), by);
        return true;
    }
}
