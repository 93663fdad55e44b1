package org.innoladder.points.internal;

import org.innoladder.evaluation.EvaluationStored;
import java.util.Map;

import org.innoladder.jobs.JobHandler;
import org.innoladder.jobs.JobRequest;
import org.innoladder.jobs.Jobs;
import org.innoladder.points.PointsRuns;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Every evaluation run's region is scored again once its results are stored: the points run reads the same
 * enterprise-years (Y−4..Y of the region subtree) and names the evaluation run it follows. It runs after the
 * evaluation commits, in its own transaction; a failure or a crash leaves the event incomplete in the registry, and
 * it is delivered again at the next start (a points run replaces the year's rows, so running it twice is harmless).
 * Each delivery is listed as a job (kind {@code points}) of the evaluation's starter.
 */
@Component
class PointsOfEvaluations {
    private final PointsRuns runs;
    private final Jobs jobs;

    PointsOfEvaluations(PointsRuns runs, Jobs jobs) {
        this.runs = runs;
        this.jobs = jobs;
    }

    @ApplicationModuleListener
    void evaluationStored(EvaluationStored e) {
        jobs.track(new JobRequest("points", e.startedBy(), e.regionCode(), e.year(), null,
                Map.of("evaluationRunId", String.valueOf(e.runId()))), job -> {
            PointsRuns.Outcome o = runs.run(e.regionCode(), e.year(), e.startedBy(), e.runId(), n -> job.progress("scoring", n, null));
            return JobHandler.Finished.done("积分完成：" + o.enterprises() + " 家企业 / points scored for " + o.enterprises() + " enterprises");
        });
    }
}
