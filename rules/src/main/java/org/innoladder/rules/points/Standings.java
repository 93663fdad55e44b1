package org.innoladder.rules.points;

import java.util.List;

/**
 * The steps of {@link PointsModel#score} that need the whole population, as functions of what is counted over it:
 * {@code score} counts in one JVM, and a distributed run (the {@code spark} module) counts with aggregations over the
 * cluster and then calls the same functions, so both give the very same doubles.
 */
public final class Standings {
    private Standings() {
    }

    /**
     * The {@code rank} standard score: worse / (worse + better), 0.5 when every known value of the group is equal.
     *
     * @param worse  how many known values of the reference group are strictly worse than this one
     * @param better how many are strictly better
     */
    public static double rank(long worse, long better) {
        return worse + better == 0 ? 0.5 : (double) worse / (worse + better);
    }

    /** The {@code minmax} standard score of v between the group's known min and max; 0.5 when they are equal. */
    public static double minmax(double v, double min, double max, boolean higherIsBetter) {
        return max == min ? 0.5 : higherIsBetter ? (v - min) / (max - min) : (max - v) / (max - min);
    }

    /**
     * The percentile in stage: 100 × fewer / (stageSize − 1), 100 for an enterprise alone in its stage.
     *
     * @param fewer how many enterprises of the stage have strictly fewer points
     */
    public static double percentile(long fewer, long stageSize) {
        return stageSize == 1 ? 100.0 : 100.0 * fewer / (stageSize - 1);
    }

    /**
     * An enterprise scored within a part of the population (its stage, raw values and adjustments do not depend on the
     * others) completed with the standard scores counted over the whole population, in {@link PointsModel#indicators()}
     * order, and its percentile there. Points, group subtotals and indicator points are computed as {@code score} does.
     */
    public static EnterprisePoints complete(PointsModel model, EnterprisePoints partial, double[] standardScores, double percentile) {
        List<IndicatorScore> scores = partial.indicators();
        if (standardScores.length != scores.size()) {
            throw new IllegalArgumentException(standardScores.length + " standard scores for " + scores.size() + " indicators");
        }
        double[] raw = new double[scores.size()];
        for (int k = 0; k < raw.length; k++) raw[k] = scores.get(k).value() == null ? Double.NaN : scores.get(k).value();
        return model.assemble(partial.creditCode(), partial.name(), partial.stage(), partial.stageUncertain(), raw, standardScores,
                partial.adjustments(), partial.bonus(), partial.deduction()).build(percentile);
    }
}
