package org.innoladder.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.innoladder.ladder.TierDecision.Reason;
import org.innoladder.ladder.target.Metric;
import org.innoladder.ladder.target.TargetProgress;
import org.innoladder.ladder.target.TargetProgress.Status;
import org.innoladder.ladder.target.TargetProgress.Weights;
import org.junit.jupiter.api.Test;

/** The forecast rule as a plain function: pool members weighted by reason; eligible targets skip QUALIFIED members. */
class TargetProgressTest {
    static final Weights DEFAULT = new Weights(1, 0.5, 0.25);
    static final Map<Reason, Integer> POOL = Map.of(Reason.QUALIFIED, 2, Reason.UNDETERMINED, 3, Reason.NEAR, 4);

    @Test
    void recognisedForecastAddsEveryReasonWeighted() {
        TargetProgress.Result r = TargetProgress.compute(Metric.RECOGNISED_TOTAL, 10, 4, POOL, DEFAULT);
        assertThat(r.forecast()).isEqualTo(4 + 2 + 1.5 + 1.0);
        assertThat(r.progressPercent()).isEqualTo(40.0);
        assertThat(r.status()).isEqualTo(Status.AT_RISK);
        assertThat(TargetProgress.compute(Metric.RECOGNISED_TOTAL, 8, 4, POOL, DEFAULT).status()).isEqualTo(Status.ON_TRACK);
    }

    @Test
    void eligibleForecastSkipsQualifiedMembersAlreadyCounted() {
        TargetProgress.Result r = TargetProgress.compute(Metric.ELIGIBLE_TOTAL, 3, 1, POOL, DEFAULT);
        assertThat(r.forecast()).isEqualTo(1 + 1.5 + 1.0);
        assertThat(r.progressPercent()).isEqualTo(33.3);
    }

    @Test
    void netIncreaseMayBeNegativeAndZeroTargetIsMet() {
        TargetProgress.Result r = TargetProgress.compute(Metric.NET_INCREASE, 0, -2, Map.of(Reason.QUALIFIED, 1), DEFAULT);
        assertThat(r.forecast()).isEqualTo(-1);
        assertThat(r.progressPercent()).isEqualTo(100);
        assertThat(r.status()).isEqualTo(Status.AT_RISK);
    }

    @Test
    void weightsAreConfigurationWithinZeroToOne() {
        assertThat(TargetProgress.compute(Metric.RECOGNISED_TOTAL, 10, 4, POOL, new Weights(0.5, 0, 0)).forecast()).isEqualTo(5);
        assertThatThrownBy(() -> new Weights(1.5, 0.5, 0.25)).isInstanceOf(IllegalArgumentException.class);
    }
}
