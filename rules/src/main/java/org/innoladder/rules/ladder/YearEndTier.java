package org.innoladder.rules.ladder;

import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rule that says which tier an enterprise officially holds in a year, written once: <b>a recognition counts for
 * year Y when it is in force on 31 December of Y</b> ({@code issued_on ≤ Y-12-31} and {@code expires_on} absent or
 * {@code ≥ Y-12-31}), and <b>on each ladder the highest tier with such a recognition wins</b>. Year-end stock is how
 * the bureaus count recognised enterprises (年末有效数), and a certificate that lapses during Y has to be renewed in Y,
 * so the enterprise belongs in that year's reserve pool, not in the recognised count.
 *
 * <p>Used by the ladder's decision ({@code TierDecision}) and the policy context; the ladder snapshot's SQL
 * ({@code LadderSnapshot}) states the same rule set-based and is checked against this function over generated data
 * ({@code LadderSnapshotTest}).
 */
public final class YearEndTier {
    private YearEndTier() {
    }

    /** Whether a recognition issued and expiring on these dates (expiry null: none) is in force on 31 December. */
    public static boolean validAtYearEnd(LocalDate issuedOn, LocalDate expiresOn, int year) {
        LocalDate yearEnd = LocalDate.of(year, 12, 31);
        return !issuedOn.isAfter(yearEnd) && (expiresOn == null || !expiresOn.isBefore(yearEnd));
    }

    /** Lapsed during Y: in force at some time in Y but not on its last day. */
    public static boolean lapsedIn(LocalDate issuedOn, LocalDate expiresOn, int year) {
        return expiresOn != null && expiresOn.getYear() == year && expiresOn.isBefore(LocalDate.of(year, 12, 31))
                && !issuedOn.isAfter(expiresOn);
    }

    /**
     * The official tier of each ladder among recognitions in force on 31 December of the year: the highest tier wins.
     *
     * @param kind the tier a recognition is of (empty for a kind that is not a tier)
     * @param issuedOn, expiresOn its dates
     */
    public static <R> Map<Tier.Ladder, Tier> official(Collection<R> recognitions, int year, Function<R, Optional<Tier>> kind,
                                                      Function<R, LocalDate> issuedOn, Function<R, LocalDate> expiresOn) {
        Map<Tier.Ladder, Tier> out = new EnumMap<>(Tier.Ladder.class);
        for (R r : recognitions) {
            Optional<Tier> t = kind.apply(r);
            if (t.isEmpty() || !validAtYearEnd(issuedOn.apply(r), expiresOn.apply(r), year)) continue;
            out.merge(t.get().ladder(), t.get(), YearEndTier::higher);
        }
        return out;
    }

    /** The higher of two tiers of one ladder. */
    public static Tier higher(Tier a, Tier b) {
        return b.rank() > a.rank() ? b : a;
    }
}
