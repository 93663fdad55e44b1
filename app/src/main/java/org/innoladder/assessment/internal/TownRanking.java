package org.innoladder.assessment.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The ranking as one plain function: a scheme, the towns and the targets with their actuals → each town's score,
 * explained per indicator, and its rank.
 *
 * <p>An indicator of a town is the completion rate actual ÷ target of the town's target on its metric (and tier), capped
 * at the scheme's cap; its points are weight × rate × 100 ÷ the scheme's total weight, so a town completing every
 * target scores 100. A town without a target on an indicator (or a target of 0) has that indicator <em>missing</em> —
 * shown as missing, never as 0: under {@code UNRANKED} the town keeps its points per indicator but has no score and no
 * rank; under {@code RENORMALISE} its score is its points scaled to the weights it has. Scores are rounded to two
 * decimals; towns with equal scores share a rank and the next rank is skipped (1, 1, 3); unranked towns come last.
 */
public final class TownRanking {
    private TownRanking() {
    }

    public record Town(String code, String name) {
    }

    /** A target and its actual on a town, as the ladder reports it ({@code tier} null for a metric without tiers). */
    public record Figure(String regionCode, String metric, String tier, long target, long actual, String unit) {
    }

    /** One indicator of a town; target, actual, rate and points null when the town has no target on it. */
    public record Line(Scheme.Indicator indicator, Long target, Long actual, BigDecimal rate, BigDecimal points, String unit) {
        public boolean missing() { return rate == null; }
    }

    /** A town's result; {@code score} and {@code rank} null when it is not ranked. */
    public record Result(Town town, Integer rank, BigDecimal score, List<Line> lines, int missing) {
    }

    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public static List<Result> rank(Scheme scheme, List<Town> towns, List<Figure> figures) {
        BigDecimal total = scheme.totalWeight();
        List<Result> scored = new ArrayList<>();
        for (Town t : towns) {
            List<Line> lines = new ArrayList<>();
            BigDecimal points = BigDecimal.ZERO, present = BigDecimal.ZERO;
            int missing = 0;
            for (Scheme.Indicator i : scheme.indicators()) {
                Figure f = figures.stream().filter(x -> x.regionCode().equals(t.code()) && x.metric().equals(i.metric())
                        && Objects.equals(x.tier(), i.tier())).findFirst().orElse(null);
                if (f == null || f.target() <= 0) {
                    lines.add(new Line(i, f == null ? null : f.target(), f == null ? null : f.actual(), null, null, f == null ? null : f.unit()));
                    missing++;
                    continue;
                }
                BigDecimal rate = BigDecimal.valueOf(f.actual()).divide(BigDecimal.valueOf(f.target()), 6, RoundingMode.HALF_UP).min(scheme.cap());
                BigDecimal p = i.weight().multiply(rate).multiply(HUNDRED).divide(total, 6, RoundingMode.HALF_UP);
                lines.add(new Line(i, f.target(), f.actual(), rate, p.setScale(2, RoundingMode.HALF_UP), f.unit()));
                points = points.add(p);
                present = present.add(i.weight());
            }
            BigDecimal score;
            if (present.signum() == 0 || missing > 0 && scheme.missing() == Scheme.Missing.UNRANKED) score = null;
            else if (missing > 0) score = points.multiply(total).divide(present, 2, RoundingMode.HALF_UP);
            else score = points.setScale(2, RoundingMode.HALF_UP);
            scored.add(new Result(t, null, score, List.copyOf(lines), missing));
        }
        scored.sort(Comparator.comparing(Result::score, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(r -> r.town().code()));
        List<Result> out = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            Result r = scored.get(i);
            Integer rank = null;
            if (r.score() != null) {
                rank = i > 0 && out.get(i - 1).score() != null && out.get(i - 1).score().compareTo(r.score()) == 0 ? out.get(i - 1).rank() : i + 1;
            }
            out.add(new Result(r.town(), rank, r.score(), r.lines(), r.missing()));
        }
        return out;
    }
}
