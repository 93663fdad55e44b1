package org.innoladder.rules.points;

import java.util.Arrays;

/** Standard scores of raw values within reference groups, and percentiles of points within stages. */
final class StandardScores {
    private StandardScores() {
    }

    /**
     * The standard score of every value within its group (see {@link PointsModel}); NaN (missing) scores 0.
     *
     * @param group      each row's reference group, 0..groups−1
     * @param higher     whether higher values are better
     */
    static double[] of(double[] values, int[] group, int groups, boolean higher, PointsModel.Method method) {
        int n = values.length;
        double[] out = new double[n];
        for (int g = 0; g < groups; g++) {
            double[] known = known(values, group, g);
            if (known.length == 0) continue;
            Arrays.sort(known);
            double min = known[0], max = known[known.length - 1];
            for (int i = 0; i < n; i++) {
                if (group[i] != g || Double.isNaN(values[i])) continue;
                double v = values[i];
                if (method == PointsModel.Method.MINMAX) {
                    out[i] = Standings.minmax(v, min, max, higher);
                } else {
                    int below = lowerBound(known, v);
                    int above = known.length - upperBound(known, v);
                    out[i] = higher ? Standings.rank(below, above) : Standings.rank(above, below);
                }
            }
        }
        return out;
    }

    /**
     * 100 × (number of others of the same stage with strictly fewer points) / (stage size − 1); 100 for an
     * enterprise alone in its stage.
     */
    static double[] percentiles(double[] points, int[] stage, int stages) {
        int n = points.length;
        double[] out = new double[n];
        for (int s = 0; s < stages; s++) {
            double[] sorted = known(points, stage, s);
            Arrays.sort(sorted);
            for (int i = 0; i < n; i++) {
                if (stage[i] != s) continue;
                out[i] = Standings.percentile(lowerBound(sorted, points[i]), sorted.length);
            }
        }
        return out;
    }

    private static double[] known(double[] values, int[] group, int g) {
        int c = 0;
        for (int i = 0; i < values.length; i++) {
            if (group[i] == g && !Double.isNaN(values[i])) c++;
        }
        double[] out = new double[c];
        c = 0;
        for (int i = 0; i < values.length; i++) {
            if (group[i] == g && !Double.isNaN(values[i])) out[c++] = values[i];
        }
        return out;
    }

    /** Index of the first element ≥ v (= the count of elements < v). */
    private static int lowerBound(double[] sorted, double v) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** Index of the first element > v. */
    private static int upperBound(double[] sorted, double v) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
