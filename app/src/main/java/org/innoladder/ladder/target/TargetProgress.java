package org.innoladder.ladder.target;

import java.util.Map;
import org.springframework.modulith.NamedInterface;

import org.innoladder.ladder.TierDecision.Reason;

/**
 * Progress and forecast of one target as a plain function of the ladder's figures.
 *
 * <p>Forecast = actual + expected conversions from the tier's reserve pool, each member weighted by its pool
 * reason ({@link Weights}; defaults QUALIFIED 1, UNDETERMINED 0.5, NEAR 0.25, set by
 * {@code innoladder.ladder.forecast-weight.*}). For ELIGIBLE_TOTAL the QUALIFIED pool members are already part of
 * the actual figure, so only UNDETERMINED and NEAR members add to it. Progress = actual / target (100% for a zero
 * target). Status ON_TRACK when the forecast reaches the target, otherwise AT_RISK.
 */
@NamedInterface("targets")
public final class TargetProgress {
    private TargetProgress() {
    }

    @NamedInterface("targets")
    public enum Status { ON_TRACK, AT_RISK }

    /** Expected share of a pool member that becomes recognised (or eligible) by the year's end. */
    @NamedInterface("targets")
    public record Weights(double qualified, double undetermined, double near) {
        public Weights {
            for (double w : new double[] {qualified, undetermined, near}) {
                if (!(w >= 0 && w <= 1)) throw new IllegalArgumentException("innoladder.ladder.forecast-weight.* must be within 0..1");
            }
        }

        public double of(Reason reason) {
            return switch (reason) {
                case QUALIFIED -> qualified;
                case UNDETERMINED -> undetermined;
                case NEAR -> near;
            };
        }
    }

    public record Result(long actual, double progressPercent, double forecast, Status status) {
    }

    /**
     * @param actual the metric's value now (for NET_INCREASE already the difference between the years)
     * @param pool   reserve-pool members of the tier by reason in the region subtree and year
     */
    public static Result compute(Metric metric, long target, long actual, Map<Reason, Integer> pool, Weights weights) {
        double expected = 0;
        for (Map.Entry<Reason, Integer> e : pool.entrySet()) {
            if (metric == Metric.ELIGIBLE_TOTAL && e.getKey() == Reason.QUALIFIED) continue;
            expected += weights.of(e.getKey()) * e.getValue();
        }
        return of(target, actual, expected);
    }

    /** A target whose forecast adds {@code expected} to the actual value (0 for a metric without a forecast model). */
    public static Result of(long target, long actual, double expected) {
        double forecast = Math.round((actual + expected) * 100) / 100.0;
        double progress = target == 0 ? 100 : Math.round(actual * 1000.0 / target) / 10.0;
        return new Result(actual, progress, forecast, forecast >= target ? Status.ON_TRACK : Status.AT_RISK);
    }
}
