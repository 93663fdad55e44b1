package org.innoladder.jobs.internal;

import java.time.Duration;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * The db-scheduler library configured by hand (its Spring Boot starter targets Boot 3): one one-time task whose
 * instances are job ids, a scheduler built once Flyway has created its table and started by {@link JobLifecycle}
 * when the application is ready. The scheduler's data source joins Spring transactions, so a job's execution is
 * scheduled in the transaction that records the job, and runs only once it commits.
 */
@Configuration(proxyBeanMethods = false)
public class JobScheduling {
    /**
     * How many jobs run at once in a process: imports (at most two, {@code innoladder.import.limits.max-concurrent}),
     * one evaluation run (runs wait for each other: each uses every core) and matching runs.
     */
    public static final int THREADS = 4;

    @Bean
    OneTimeTask<Void> jobTask(JobRunner runner) {
        return Tasks.oneTime(JobStore.TASK)
                // a dead execution's job is ended by JobRecovery; one still queued (its process died between picking it
                // and claiming it) runs again
                .onDeadExecution(new DeadExecutionHandler.ReviveDeadExecution<>())
                .execute((instance, context) -> runner.execute(Long.parseLong(instance.getId())));
    }

    @Bean(destroyMethod = "")
    @DependsOnDatabaseInitialization
    Scheduler jobScheduler(DataSource dataSource, OneTimeTask<Void> jobTask) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), jobTask)
                .threads(THREADS)
                .pollingInterval(Duration.ofSeconds(1))
                .heartbeatInterval(Duration.ofSeconds(5))
                .missedHeartbeatsLimit(6)
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(20))
                .build();
    }
}
