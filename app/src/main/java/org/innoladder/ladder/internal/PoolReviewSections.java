package org.innoladder.ladder.internal;

import java.util.Comparator;
import java.util.List;

import org.innoladder.identity.CurrentUser;
import org.innoladder.ladder.PoolReviews;
import org.innoladder.rules.ladder.Tier;
import org.springframework.stereotype.Component;

/** The ladder pages' sections contributed by other modules through {@link PoolReviews}, in tier order. */
@Component
public class PoolReviewSections {
    private final List<PoolReviews> contributors;

    PoolReviewSections(List<PoolReviews> contributors) {
        this.contributors = contributors.stream().sorted(Comparator.comparing(PoolReviews::tier)).toList();
    }

    /** @param region checked against the caller's scope already; {@code tier} null: every tier */
    public List<PoolReviews.Progress> progress(CurrentUser user, String region, int year, Tier tier) {
        return contributors.stream().filter(c -> tier == null || c.tier() == tier).map(c -> c.progress(user, region, year)).toList();
    }
}
