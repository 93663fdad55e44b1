package org.innoladder.evaluation.internal;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One stored evaluation run and its progress counters. {@code followUps}: where the work that the run's stored
 * results start elsewhere stands (innovation points, the ladder snapshot: the listeners of its
 * {@link org.innoladder.evaluation.EvaluationStored}) — DONE, RUNNING or FAILED; RUNNING while the run itself runs.
 */
public record EvaluationRun(long id, String regionCode, String regionName, int year, List<String> rulesets, String status,
                            String startedBy, OffsetDateTime startedAt, OffsetDateTime finishedAt, int rowsLoaded,
                            int enterprises, int evaluated, int stored, String counts, String message,
                            String followUps) {
    /** The run and the work it started have finished (successfully or not). */
    public boolean done() {
        return !"RUNNING".equals(status) && !"RUNNING".equals(followUps);
    }
}
