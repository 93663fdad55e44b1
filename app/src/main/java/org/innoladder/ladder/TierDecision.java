package org.innoladder.ladder;

import org.innoladder.rules.ladder.Tier;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.EnumSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.innoladder.evaluation.GapText;
import org.innoladder.rules.EvaluationResult;
import org.innoladder.rules.NearRatio;
import org.innoladder.rules.Outcome;
import org.innoladder.rules.Rulesets;
import org.innoladder.rules.Status;
import org.innoladder.rules.ladder.YearEndTier;

/**
 * One enterprise's place on the ladders in one year, decided from its recognitions and its stored evaluations,
 * as a plain function whose result says why.
 *
 * <ul>
 *   <li><b>Official tier</b> per ladder: the highest tier with a recognition in force on 31 December of Y
 *   ({@link YearEndTier}, the one definition of that rule).</li>
 *   <li><b>Eligible tier</b> per ladder: the highest tier whose stored evaluation for Y is QUALIFIED.</li>
 *   <li><b>Reserve pool</b> of a tier with a ruleset: not officially at that tier or above on its ladder, and the
 *   evaluation for Y is QUALIFIED, UNDETERMINED from the rung below ({@link #onRungBelow}), or NOT_QUALIFIED
 *   <i>near</i>: passing every failed criterion
 *   that one lever can pass with a relative change |delta| / |required| ≤ {@code maxGapRatio} (the change
 *   against the lever value the criterion needs) would no longer leave the ruleset's decision NOT_QUALIFIED;
 *   see {@link #near}.</li>
 * </ul>
 */
public final class TierDecision {
    private TierDecision() {
    }

    /** A recognition held: {@code kind} is a {@link Tier} name. */
    public record Held(String kind, String certificateNo, LocalDate issuedOn, LocalDate expiresOn) {
        /** In force on 31 December of the year ({@link YearEndTier#validAtYearEnd}). */
        public boolean validIn(int year) {
            return YearEndTier.validAtYearEnd(issuedOn, expiresOn, year);
        }

        /** Lapsed during Y: was in force at some time in Y but not on its last day. */
        public boolean lapsedIn(int year) {
            return YearEndTier.lapsedIn(issuedOn, expiresOn, year);
        }

        public Optional<Tier> tier() { return Tier.parse(kind); }
    }

    /** One gap of a stored result: the lever change that passes {@code criterion}. */
    public record Gap(String criterion, String lever, BigDecimal current, BigDecimal required, BigDecimal delta) {
        /** In plain words with units ("研发费用需增加 15.0 万元（当前 85.0 万元 → 需 100.0 万元）"). */
        public String sentence(Locale locale) {
            return GapText.sentence(new EvaluationResult.Gap(criterion, lever, current, required, delta), locale);
        }

        /** |delta| / |required|; infinite when the requirement is zero and something must still change. */
        public double relative() {
            return NearRatio.relative(result());
        }

        EvaluationResult.Gap result() {
            return new EvaluationResult.Gap(criterion, lever, current, required, delta);
        }

        static Gap of(EvaluationResult.Gap g) {
            return new Gap(g.criterion(), g.lever(), g.current(), g.required(), g.delta());
        }
    }

    /**
     * The stored evaluation of one tier's ruleset for Y: outcome, each criterion's status and the gaps; {@code
     * decision} re-applies the ruleset's decision tree to changed statuses (null when the ruleset is not
     * available, e.g. a region's own file: then every failed criterion must be near).
     */
    public record Evaluated(Tier tier, String rulesetRef, Outcome outcome, Map<String, Status> criteria, List<Gap> gaps,
                            Function<Map<String, Status>, Outcome> decision) {
        public Evaluated {
            criteria = criteria == null ? Map.of() : Map.copyOf(criteria);
            gaps = gaps == null ? List.of() : List.copyOf(gaps);
        }

        public Evaluated(Tier tier, String rulesetRef, Outcome outcome) {
            this(tier, rulesetRef, outcome, Map.of(), List.of(), null);
        }
    }

    /** The official tier of a ladder and the recognition that makes it so. */
    public record Official(Tier tier, Held recognition) {
    }

    /** The eligible tier of a ladder and the ruleset version that qualified it. */
    public record Eligible(Tier tier, String rulesetRef) {
    }

    /** Why an enterprise is in a pool. */
    public enum Reason { QUALIFIED, UNDETERMINED, NEAR }

    /**
     * Membership of one tier's reserve pool. {@code gaps}: for NEAR, the smallest gap of each failed criterion;
     * {@code lapsed}: a recognition at this tier lapsed during Y (renewal due).
     */
    public record Membership(Tier tier, Reason reason, String rulesetRef, List<Gap> gaps, boolean lapsed) {
        public String reasonZh() {
            String base = switch (reason) {
                case QUALIFIED -> "评估合格";
                case UNDETERMINED -> "评估待定（数据不全）";
                case NEAR -> "接近：" + gaps.stream().map(g -> Rulesets.criterionLabel(rulesetRef, g.criterion()).zh() + "："
                                + g.sentence(Locale.CHINESE))
                        .collect(Collectors.joining("；"));
            };
            return lapsed ? base + "（认定已于本年到期）" : base;
        }

        public String reasonEn() {
            String base = switch (reason) {
                case QUALIFIED -> "qualified";
                case UNDETERMINED -> "undetermined (facts missing)";
                case NEAR -> "near: " + gaps.stream().map(g -> Rulesets.criterionLabel(rulesetRef, g.criterion()).en() + ": "
                                + g.sentence(Locale.ENGLISH))
                        .collect(Collectors.joining("; "));
            };
            return lapsed ? base + " (recognition lapsed this year)" : base;
        }
    }

    /** The whole answer for one enterprise and year. */
    public record Standing(int year, Map<Tier.Ladder, Official> official, Map<Tier.Ladder, Eligible> eligible,
                           Set<Tier> held, Set<Tier> qualified, List<Held> lapsed, List<Membership> pools) {
        public Optional<Tier> officialTier(Tier.Ladder ladder) {
            return Optional.ofNullable(official.get(ladder)).map(Official::tier);
        }

        public Optional<Tier> eligibleTier(Tier.Ladder ladder) {
            return Optional.ofNullable(eligible.get(ladder)).map(Eligible::tier);
        }

        public Optional<Membership> pool(Tier tier) {
            return pools.stream().filter(m -> m.tier() == tier).findFirst();
        }
    }

    public static Standing decide(int year, List<Held> recognitions, List<Evaluated> evaluations, double maxGapRatio) {
        Map<Tier.Ladder, Tier> officialTiers = YearEndTier.official(recognitions, year, Held::tier, Held::issuedOn,
                Held::expiresOn);
        Map<Tier.Ladder, Official> official = new EnumMap<>(Tier.Ladder.class);
        List<Held> lapsed = new ArrayList<>();
        Set<Tier> held = EnumSet.noneOf(Tier.class);
        Set<Tier> qualified = EnumSet.noneOf(Tier.class);
        for (Held h : recognitions) {
            Optional<Tier> t = h.tier();
            if (t.isEmpty()) continue;
            if (h.validIn(year)) {
                held.add(t.get());
                // the certificate behind the official tier: of several at that tier, the one in force longest
                Official o = official.get(t.get().ladder());
                if (t.get() == officialTiers.get(t.get().ladder()) && (o == null || outlasts(h, o.recognition()))) {
                    official.put(t.get().ladder(), new Official(t.get(), h));
                }
            } else if (h.lapsedIn(year)) {
                lapsed.add(h);
            }
        }
        Map<Tier.Ladder, Eligible> eligible = new EnumMap<>(Tier.Ladder.class);
        Map<Tier, Evaluated> byTier = new LinkedHashMap<>();
        for (Evaluated e : evaluations) byTier.put(e.tier(), e);
        for (Evaluated e : byTier.values()) {
            if (e.outcome() != Outcome.QUALIFIED) continue;
            qualified.add(e.tier());
            Eligible cur = eligible.get(e.tier().ladder());
            if (cur == null || e.tier().rank() > cur.tier().rank()) {
                eligible.put(e.tier().ladder(), new Eligible(e.tier(), e.rulesetRef()));
            }
        }
        List<Membership> pools = new ArrayList<>();
        for (Tier tier : Tier.values()) {
            Evaluated e = byTier.get(tier);
            if (e == null) continue;
            Official o = official.get(tier.ladder());
            if (o != null && o.tier().atOrAbove(tier)) continue;
            boolean lapsedHere = lapsed.stream().anyMatch(h -> h.tier().orElse(null) == tier);
            switch (e.outcome()) {
                case QUALIFIED -> pools.add(new Membership(tier, Reason.QUALIFIED, e.rulesetRef(), List.of(), lapsedHere));
                case UNDETERMINED -> {
                    if (onRungBelow(tier, o, eligible.get(tier.ladder()))) {
                        pools.add(new Membership(tier, Reason.UNDETERMINED, e.rulesetRef(), List.of(), lapsedHere));
                    }
                }
                case NOT_QUALIFIED -> near(e, maxGapRatio).ifPresent(g ->
                        pools.add(new Membership(tier, Reason.NEAR, e.rulesetRef(), g, lapsedHere)));
            }
        }
        return new Standing(year, official, eligible, Set.copyOf(held), Set.copyOf(qualified), List.copyOf(lapsed), List.copyOf(pools));
    }

    /**
     * An UNDETERMINED evaluation admits an enterprise to the pool of a tier only from the rung below: the tier is the
     * lowest of its ladder, or the enterprise is recognised or eligible at least at the tier immediately below it.
     * Reason: "unknown" is no evidence of promise. Without this rule every enterprise whose valuation is simply not
     * recorded filled the unicorn pools (3,756 of the 6,000 demo enterprises), which hid the real candidates; with it
     * an undetermined unicorn candidate must at least stand as a potential unicorn, as the 种子 → 潜在 → 独角兽
     * cultivation ladder (常政规〔2023〕4号) grades its pools. QUALIFIED and NEAR members, which carry evidence, are
     * admitted from any rung.
     */
    static boolean onRungBelow(Tier tier, Official official, Eligible eligible) {
        if (tier.rank() == 1) return true;
        int standing = Math.max(official == null ? 0 : official.tier().rank(), eligible == null ? 0 : eligible.tier().rank());
        return standing >= tier.rank() - 1;
    }

    /**
     * Of two recognitions of the same tier, the one in force longer stands behind the official tier (open-ended
     * beats any date), so the answer does not depend on the order they are read in.
     */
    static boolean outlasts(Held a, Held b) {
        if (b.expiresOn() == null) return false;
        return a.expiresOn() == null || a.expiresOn().isAfter(b.expiresOn());
    }

    /** The smallest gap ratio at which {@link #near} holds ({@link NearRatio#of}). */
    public static double nearRatio(Evaluated e) {
        return NearRatio.of(e.outcome(), e.criteria(), e.gaps().stream().map(Gap::result).toList(), e.decision());
    }

    /** The near gaps at the ratio (the smallest per criterion, largest first), or empty when not near ({@link NearRatio#nearGaps}). */
    static Optional<List<Gap>> near(Evaluated e, double maxGapRatio) {
        return NearRatio.nearGaps(e.criteria(), e.gaps().stream().map(Gap::result).toList(), e.decision(), maxGapRatio)
                .map(gaps -> gaps.stream().map(Gap::of).toList());
    }
}
