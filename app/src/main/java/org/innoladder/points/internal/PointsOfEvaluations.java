package org.innoladder.points.internal;

import org.innoladder.evaluation.EvaluationStored;
import org.innoladder.points.PointsRuns;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Every evaluation run's region is scored again once its results are stored: the points run reads the same
 * enterprise-years (Y−4..Y of the region subtree) and names the evaluation run it follows. It runs after the
 * evaluation commits, in its own transaction; a failure or a crash leaves the event incomplete in the registry, and
 * it is delivered again at the next start (a points run replaces the year's rows, so running it twice is harmless).
 */
@Component
class PointsOfEvaluations {
    private final PointsRuns runs;

    PointsOfEvaluations(PointsRuns runs) {
        this.runs = runs;
    }

    @ApplicationModuleListener
    void evaluationStored(EvaluationStored e) {
        runs.run(e.regionCode(), e.year(), e.startedBy(), e.runId(), n -> { });
    }
}
