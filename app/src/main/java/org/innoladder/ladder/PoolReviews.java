package org.innoladder.ladder;

import java.util.List;

import org.innoladder.identity.CurrentUser;
import org.innoladder.rules.ladder.Tier;

/**
 * A process that reviews reserve-pool members outside the ladder (today the review module's HNTE application review,
 * 高企申报三级审查) shows its progress on the ladder pages through this interface: counts per level with the
 * predicted outcome, each linking to the contributor's own list for the drill-down.
 *
 * <p>Defined here and implemented by the contributing module, so the dependency runs contributor → ladder: the
 * ladder finds the implementations as beans at run time and never names their module (docs/ladder.md "Reviews of
 * pool members"). Implementations count only enterprises within the caller's data scope and the given region subtree,
 * and decide pool membership with {@link LadderService#poolMember}, the ladder's own definition.
 */
public interface PoolReviews {
    /** The tier whose reserve pool is reviewed. */
    Tier tier();

    /**
     * @param region a region already checked against the caller's scope ({@link LadderService#region}); null: the
     *               whole scope
     */
    Progress progress(CurrentUser user, String region, int year);

    /**
     * @param levels      the review's levels in order, with the pool members at each
     * @param outsidePool enterprises in the same review that are not in the tier's reserve pool of the year
     * @param href        the contributor's list of every pool member in review (the drill-down)
     */
    record Progress(Tier tier, String titleZh, String titleEn, List<Level> levels, int inPool, int outsidePool, String href,
                    String outsideHref) {
    }

    /** One level (town check, city/district check, expert review, decided …) and its members by predicted outcome. */
    record Level(String code, String nameZh, String nameEn, int count, String href, List<Prediction> predictions) {
    }

    record Prediction(String code, String nameZh, String nameEn, int count, String href) {
    }
}
