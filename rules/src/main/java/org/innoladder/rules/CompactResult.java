package org.innoladder.rules;

import java.util.Arrays;
import java.util.Objects;

import org.innoladder.rules.EvaluationResult.ScoreRange;

/**
 * An {@link EvaluationResult} as stored: the outcome, the score range (null for rulesets without scores) and
 * {@code detail}, what only the enterprise's facts decide (see {@link ResultCodec} for its layout). Texts,
 * references, criterion and item ids, parameter thresholds and band labels are the ruleset version's.
 */
public record CompactResult(Outcome outcome, ScoreRange score, byte[] detail) {
    public CompactResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompactResult c && outcome == c.outcome && Objects.equals(score, c.score)
                && Arrays.equals(detail, c.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(outcome, score) * 31 + Arrays.hashCode(detail);
    }

    @Override
    public String toString() {
        return "CompactResult[" + outcome + ", " + score + ", " + detail.length + " bytes]";
    }
}
