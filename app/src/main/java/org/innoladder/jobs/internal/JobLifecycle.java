package org.innoladder.jobs.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import com.github.kagkarlsson.scheduler.Scheduler;
import jakarta.annotation.PreDestroy;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts the scheduler when the application is ready — after recovering the jobs of processes that died — and stops
 * it on shutdown, asking running jobs to stop first so that they end CANCELLED instead of being cut off. Command-line
 * verbs (profile {@code cli}) run no jobs: they would take the server's queued work.
 */
@Component
@Profile("!cli")
class JobLifecycle {
    private final Scheduler scheduler;
    private final JobRecovery recovery;
    private final JobRunner runner;
    private final AtomicBoolean started = new AtomicBoolean();

    JobLifecycle(Scheduler scheduler, JobRecovery recovery, JobRunner runner) {
        this.scheduler = scheduler;
        this.recovery = recovery;
        this.runner = runner;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        recovery.recover();
        if (started.compareAndSet(false, true)) scheduler.start();
    }

    @PreDestroy
    void stop() {
        runner.cancelAll("system (shutdown)");
        if (started.compareAndSet(true, false)) scheduler.stop();
    }
}
