package org.innoladder.jobs;

import java.time.Instant;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongConsumer;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.jobs.internal.JobControl;
import org.innoladder.jobs.internal.JobRunner;
import org.innoladder.jobs.internal.JobStore;
import org.innoladder.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Submits, lists and cancels persisted jobs. A job is visible to the user who started it and to ADMIN, and only they
 * may cancel it.
 */
@Service
public class Jobs {
    /** The reason a job whose process died is marked FAILED, unless its kind gives its own. */
    public static final String ABANDONED = "服务重启时该任务仍在运行，已中止，未保存任何结果"
            + " / the job was still running when the service stopped; it was abandoned and nothing was stored";

    /** The reason a tracked job (an event listener's work) whose process died is marked FAILED. */
    public static final String REDELIVERED = "服务停止时该任务仍在运行，已中止；其事件在重启后重新投递，任务重新执行"
            + " / the job was cut off when the service stopped; its event is delivered again at the restart and the job runs anew";
    /** The parameter that marks a tracked job. */
    public static final String TRACKED = "tracked";

    private final JobStore store;
    private final JobRunner runner;
    private final JobControl control;
    private final Scheduler scheduler;
    private final OneTimeTask<Void> task;
    private final TransactionTemplate tx;

    Jobs(JobStore store, JobControl control, JobRunner runner, Scheduler scheduler, OneTimeTask<Void> jobTask,
         PlatformTransactionManager transactions) {
        this.store = store;
        this.runner = runner;
        this.control = control;
        this.scheduler = scheduler;
        this.task = jobTask;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * Records a job and schedules it, in one transaction; {@code prepare} runs in that transaction with the new job's
     * id (to write what the job needs, such as an upload), and if it throws nothing is recorded.
     *
     * @return the job's id
     */
    public long submit(JobRequest request, LongConsumer prepare) {
        Long id = tx.execute(s -> {
            long jobId = store.insert(request);
            prepare.accept(jobId);
            scheduler.schedule(task.instance(String.valueOf(jobId)), Instant.now());
            return jobId;
        });
        return id;
    }

    public long submit(JobRequest request) {
        return submit(request, id -> { });
    }

    /**
     * Runs work that already runs durably elsewhere — an application-module listener, whose event the registry
     * delivers again when it did not complete — as a job of this process, so that it is listed with its progress and
     * its end. Not cancellable (stopping it would leave derived figures stale); if the process dies the job is marked
     * FAILED with {@link #REDELIVERED} and the redelivered event runs it again as a new job. An exception ends the job
     * FAILED and is rethrown.
     */
    public void track(JobRequest request, Function<JobContext, JobHandler.Finished> work) {
        Map<String, String> params = new HashMap<>(request.params());
        params.put(TRACKED, "true");
        runner.track(new JobRequest(request.kind(), request.startedBy(), request.regionCode(), request.year(),
                request.subject(), params), work);
    }

    /** A job the user may see (their own; any for ADMIN). */
    public Optional<Job> find(CurrentUser user, long id) {
        return store.findVisible(id, user.username(), user.role() == Role.ADMIN);
    }

    public Job get(CurrentUser user, long id) {
        return find(user, id).orElseThrow(() -> new NotFoundException("任务 " + id + " 不存在", "job " + id + " not found"));
    }

    /** The newest jobs the user may see. */
    public List<Job> recent(CurrentUser user, int limit) {
        return store.recent(user.username(), user.role() == Role.ADMIN, limit);
    }

    /**
     * Cancels a job the user may see: a queued one never runs (CANCELLED at once), a running one is asked to stop and
     * ends CANCELLED when its handler has rolled back. False when the job has already ended or cannot be cancelled
     * ({@link Job#cancellable()}).
     */
    public boolean cancel(CurrentUser user, long id) {
        Job job = get(user, id);
        return job.cancellable() && control.cancel(job, user.username());
    }
}
