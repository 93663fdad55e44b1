package org.innoladder.evaluation.internal;

import java.time.OffsetDateTime;
import java.util.List;

/** One stored evaluation run and its progress counters. */
public record EvaluationRun(long id, String regionCode, String regionName, int year, List<String> rulesets, String status,
                            String startedBy, OffsetDateTime startedAt, OffsetDateTime finishedAt, int rowsLoaded,
                            int enterprises, int evaluated, int stored, String counts, String message,
                            int pointsStored) {
    public boolean done() {
        return !"RUNNING".equals(status);
    }
}
