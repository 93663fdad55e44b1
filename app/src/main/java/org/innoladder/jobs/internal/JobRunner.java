package org.innoladder.jobs.internal;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.innoladder.jobs.Job;
import org.innoladder.jobs.JobContext;
import org.innoladder.jobs.JobHandler;
import org.innoladder.jobs.JobRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one job when the scheduler executes it: claims the queued row for this process, hands it to the handler of
 * its kind and records how it ended. Running jobs are kept here too, so that a cancel reaches them at once.
 */
@Component
public class JobRunner {
    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    private static final long WRITE_EVERY_NANOS = 1_000_000_000L;

    private final JobStore store;
    private final JobOwner owner;
    private final ObjectProvider<JobHandler> handlers;
    private final TransactionTemplate tx;
    /**
     * For what a running job writes about itself (progress, link, a tracked job's row): in transactions of their own,
     * never in the handler's — pages must see it while the handler's transaction is open, a failure rolls that one back,
     * and a write into it would hold the job's row until the handler commits.
     */
    private final TransactionTemplate apart;
    private final Map<Long, Live> live = new ConcurrentHashMap<>();

    private final MeterRegistry meters;

    JobRunner(JobStore store, JobOwner owner, ObjectProvider<JobHandler> handlers, PlatformTransactionManager transactions,
              ObjectProvider<MeterRegistry> meters) {
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
        this.store = store;
        this.owner = owner;
        this.handlers = handlers;
        this.tx = new TransactionTemplate(transactions);
        this.apart = new TransactionTemplate(transactions);
        this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public Optional<JobHandler> handler(String kind) {
        return handlers.orderedStream().filter(h -> h.kind().equals(kind)).findFirst();
    }

    void execute(long id) {
        Optional<Job> claimed = store.claim(id, owner.id());
        if (claimed.isEmpty()) return; // cancelled before it started, or ended by recovery
        Job job = claimed.get();
        Optional<JobHandler> handler = handler(job.kind());
        if (handler.isEmpty()) {
            store.end(id, Job.Status.FAILED, "没有执行该类任务的模块 / no handler for jobs of kind " + job.kind());
            return;
        }
        if (job.cancelRequestedBy() != null) {
            abandon(job, handler.get(), Job.Status.CANCELLED, cancelledMessage(job.cancelRequestedBy()));
            return;
        }
        Live context = new Live(job);
        live.put(id, context);
        long started = System.nanoTime();
        Job.Status status = Job.Status.FAILED;
        try {
            JobHandler.Finished finished = handler.get().run(context);
            status = context.cancelledBy() != null ? Job.Status.CANCELLED
                    : finished.ok() ? Job.Status.DONE : Job.Status.FAILED;
            context.flush();
            store.end(id, status, finished.message());
        } catch (Exception | Error e) {
            boolean cancelled = context.cancelledBy() != null;
            if (!cancelled) log.error("job {} ({}) failed", id, job.kind(), e);
            status = cancelled ? Job.Status.CANCELLED : Job.Status.FAILED;
            store.end(id, status, cancelled ? cancelledMessage(context.cancelledBy()) : "任务失败 / job failed: " + rootMessage(e));
        } finally {
            live.remove(id);
            timed(job.kind(), status, started);
        }
    }

    /**
     * Runs work recorded as a job in the calling thread (an event listener's): RUNNING until it returns (DONE or
     * FAILED) or throws (FAILED, and the exception goes on to the caller).
     */
    public void track(JobRequest request, Function<JobContext, JobHandler.Finished> work) {
        Job job = apart.execute(s -> store.insertRunning(request, owner.id()));
        Live context = new Live(job);
        live.put(job.id(), context);
        long started = System.nanoTime();
        Job.Status status = Job.Status.FAILED;
        try {
            JobHandler.Finished finished = work.apply(context);
            Job.Status ended = finished.ok() ? Job.Status.DONE : Job.Status.FAILED;
            apart.executeWithoutResult(s -> {
                context.flush();
                store.end(job.id(), ended, finished.message());
            });
            status = ended;
        } catch (RuntimeException | Error e) {
            apart.executeWithoutResult(s -> store.end(job.id(), Job.Status.FAILED, "任务失败 / job failed: " + rootMessage(e)));
            throw e;
        } finally {
            live.remove(job.id());
            timed(job.kind(), status, started);
        }
    }

    /** How long jobs of each kind ran and how they ended, for /actuator/prometheus (docs/monitoring.md). */
    private void timed(String kind, Job.Status status, long startedNanos) {
        Timer.builder("innoladder.jobs.duration").description("Time a job ran, by kind and how it ended")
                .tag("kind", kind).tag("status", status.name()).register(meters)
                .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    /** Ends a job that will not run (or go on) and lets its handler end what it recorded, in one transaction. */
    void abandon(Job job, JobHandler handler, Job.Status status, String reason) {
        tx.executeWithoutResult(s -> {
            if (store.end(job.id(), status, reason)) {
                handler.abandoned(job, reason);
                store.unschedule(job.id());
            }
        });
    }

    /** Asks a job running in this process to stop; false when it does not run here. */
    boolean cancelRunning(long id, String by) {
        Live context = live.get(id);
        if (context == null) return false;
        context.cancel(by);
        return true;
    }

    /** Asks every job running in this process to stop (the server is stopping). */
    void cancelAll(String by) {
        List.copyOf(live.values()).forEach(c -> c.cancel(by));
    }

    static String cancelledMessage(String by) {
        // a cancelled job rolls back what it was writing (docs/jobs.md), so nothing of it is kept
        return "已由 " + by + " 取消，未写入任何数据 / cancelled by " + by + ", nothing was stored";
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** A running job's context: progress written at most once a second, a cancel seen at once. */
    final class Live implements JobContext {
        private final Job job;
        private volatile String cancelledBy;
        private volatile Runnable interrupt;
        private String phase;
        private long done;
        private Long total;
        private long written = System.nanoTime() - WRITE_EVERY_NANOS;
        private boolean dirty;

        Live(Job job) {
            this.job = job;
        }

        @Override
        public long id() {
            return job.id();
        }

        @Override
        public String startedBy() {
            return job.startedBy();
        }

        @Override
        public String param(String name) {
            return job.param(name);
        }

        @Override
        public synchronized void progress(String phase, long done, Long total) {
            boolean newPhase = !phase.equals(this.phase);
            this.phase = phase;
            this.done = done;
            this.total = total;
            dirty = true;
            if (newPhase || System.nanoTime() - written >= WRITE_EVERY_NANOS) flush();
        }

        synchronized void flush() {
            if (!dirty) return;
            String by = apart.execute(s -> store.progress(job.id(), phase, done, total));
            written = System.nanoTime();
            dirty = false;
            if (by != null && cancelledBy == null) cancel(by);
        }

        /** Written apart from any transaction of the handler's, like the progress: pages read it while the handler's runs. */
        @Override
        public void link(String link) {
            apart.executeWithoutResult(s -> store.link(job.id(), link));
        }

        @Override
        public String cancelledBy() {
            return cancelledBy;
        }

        @Override
        public void interruptWith(Runnable interrupt) {
            this.interrupt = interrupt;
        }

        void cancel(String by) {
            synchronized (this) {
                if (cancelledBy != null) return;
                cancelledBy = by;
            }
            Runnable r = interrupt;
            if (r != null) r.run();
        }
    }
}
