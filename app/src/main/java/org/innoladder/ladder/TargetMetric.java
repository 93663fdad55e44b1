package org.innoladder.ladder;

import org.innoladder.identity.CurrentUser;

/**
 * A target metric contributed by another module (today the challenge module's 揭榜挂帅项目数): the ladder's targets
 * (目标任务) and the dashboard's target progress accept its code beside the ladder's own per-tier metrics.
 *
 * <p>Defined here and implemented by the contributing module, so the dependency runs contributor → ladder; the ladder
 * finds the implementations as beans (docs/ladder.md "Targets"). A contributed metric is not per tier (its targets
 * have no tier) and has no forecast model of its own: its forecast is its actual value.
 */
public interface TargetMetric {
    /** Stored in {@code ladder_target.metric}: upper-case letters, digits and underscores, 2–40 characters. */
    String code();

    String nameZh();

    String nameEn();

    /** The unit of {@code web.Figures#count} the value is counted in ("projects", "enterprises" …). */
    String unit();

    /**
     * The value for a region subtree and year, counting only what lies within the caller's data scope.
     *
     * @param region checked against the caller's scope already ({@link LadderService#region}); null: the whole scope
     */
    long actual(CurrentUser user, String region, int year);

    /**
     * The value from 1 January to {@code day} (a flow) or on {@code day} (a stock), counted as {@link #actual}; empty
     * when the metric cannot say (a stock known only by year). The towns' monthly progress reads it at each month's end.
     */
    default java.util.OptionalLong actualAsOf(CurrentUser user, String region, java.time.LocalDate day) {
        return java.util.OptionalLong.empty();
    }
}
