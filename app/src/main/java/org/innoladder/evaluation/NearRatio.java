package org.innoladder.evaluation;

import org.innoladder.rules.EvaluationResult;
import org.innoladder.rules.Ruleset;

/**
 * A figure derived from each result as an evaluation run stores it, kept in {@code evaluation_result.near_ratio}:
 * the ladder's reserve-pool rule supplies it (the evaluation capability does not know the ladder), so the pool is
 * a WHERE clause afterwards instead of re-running the decision tree per request.
 */
@FunctionalInterface
public interface NearRatio {
    /** The value to store for this result, or null for none. */
    Double of(Ruleset ruleset, EvaluationResult result);
}
