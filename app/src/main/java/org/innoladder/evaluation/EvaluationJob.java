package org.innoladder.evaluation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.innoladder.evaluation.internal.EvaluationRun;
import org.innoladder.identity.CurrentUser;
import org.innoladder.jobs.Job;
import org.innoladder.jobs.JobContext;
import org.innoladder.jobs.JobHandler;
import org.innoladder.jobs.JobRequest;
import org.innoladder.jobs.StartedAs;
import org.innoladder.rules.Ruleset;
import org.innoladder.rules.Rulesets;
import org.springframework.stereotype.Component;

/**
 * Evaluation runs as persisted jobs (kind {@value #KIND}): the job carries the recorded run's id, the rulesets and the
 * starter (whose write scope bounds the population), and ends the run row when it will not go on. A run stores its
 * results in one transaction at its end, so a run cut off by a dead process stored nothing and is marked FAILED.
 */
@Component
class EvaluationJob implements JobHandler {
    static final String KIND = "evaluation";
    static final String ABANDONED = "服务重启时该评估仍在运行，已中止，未保存结果"
            + " / the evaluation was still running when the service stopped; it was abandoned and nothing was stored";

    private final EvaluationRuns runs;

    EvaluationJob(EvaluationRuns runs) {
        this.runs = runs;
    }

    static JobRequest request(long runId, CurrentUser user, EvaluationRuns.Request request, String sourceIp) {
        Map<String, String> p = new HashMap<>(StartedAs.params(user));
        p.put("runId", String.valueOf(runId));
        p.put("rulesets", String.join(",", request.rulesets().stream().map(r -> r.info().ref()).toList()));
        if (sourceIp != null) p.put("sourceIp", sourceIp);
        return new JobRequest(KIND, user.username(), request.regionCode(), request.year(), null, p);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Finished run(JobContext job) {
        long runId = Long.parseLong(job.param("runId"));
        job.link("/evaluations/runs/" + runId);
        CurrentUser user = StartedAs.user(job);
        EvaluationRun run = runs.get(user, runId);
        List<Ruleset> rulesets = List.of(job.param("rulesets").split(",")).stream().map(Rulesets::get).toList();
        EvaluationRuns.Request request = new EvaluationRuns.Request(run.regionCode(), run.year(), rulesets);
        job.progress("waiting", 0, null); // runs execute one at a time
        boolean ok = runs.executeRecorded(runId, user, request, job.param("sourceIp"), job);
        return new Finished(ok, runs.message(runId));
    }

    @Override
    public void abandoned(Job job, String reason) {
        runs.abandon(Long.parseLong(job.param("runId")), reason);
    }

    @Override
    public String abandonedReason() {
        return ABANDONED;
    }
}
