package org.innoladder.evaluation;

/**
 * Published inside a run's storing transaction after its results are written, so derived figures (the ladder
 * snapshot) are refreshed in the same transaction. {@code regionCode} null: every region.
 */
public record EvaluationStored(long runId, String regionCode, int year) {
}
