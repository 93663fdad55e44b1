package org.innoladder.evaluation;

/**
 * Published in an evaluation run's storing transaction once its results are written. Listeners in other modules
 * (innovation points, the ladder snapshot) derive their figures from the stored results after the commit, each in
 * its own transaction; the event publication registry delivers the event again after a crash until every listener
 * has completed. {@code regionCode} null: every region; {@code startedBy}: the user who started the run.
 */
public record EvaluationStored(long runId, String regionCode, int year, String startedBy) {
}
