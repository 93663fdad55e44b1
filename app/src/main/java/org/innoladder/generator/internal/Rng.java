package org.innoladder.generator.internal;

import java.util.SplittableRandom;

/**
 * The generator's source of randomness. Built only on {@link SplittableRandom#nextLong()} (SplitMix64, whose
 * output the JDK specifies) and {@link StrictMath}, so the same seed gives the same numbers on every JDK and
 * machine — the generated files are byte-identical, not merely similar.
 */
public final class Rng {
    private final SplittableRandom random;

    public Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A seed for stream {@code index} of a data set with seed {@code seed}: independent of every other index. */
    public static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    double uniform() {
        return (random.nextLong() >>> 11) * 0x1.0p-53;
    }

    double between(double from, double to) {
        return from + (to - from) * uniform();
    }

    /** Uniform in [0, bound). */
    int below(int bound) {
        return (int) (uniform() * bound);
    }

    /** Uniform in [from, to], both inclusive. */
    int between(int from, int to) {
        return from + below(to - from + 1);
    }

    boolean chance(double p) {
        return uniform() < p;
    }

    /** Standard normal (Box–Muller, one value per call). */
    double gaussian() {
        double u1 = 1.0 - uniform(); // (0, 1]: log is finite
        double u2 = uniform();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    double normal(double mean, double sd) {
        return mean + sd * gaussian();
    }

    /** Log-normal with the given median and log-scale spread. */
    double logNormal(double median, double sigma) {
        return median * StrictMath.exp(sigma * gaussian());
    }

    /** Poisson by Knuth's product method; the generator only asks for small means. */
    int poisson(double mean) {
        if (mean <= 0) return 0;
        double limit = StrictMath.exp(-Math.min(mean, 50));
        double product = uniform();
        int n = 0;
        while (product > limit) {
            n++;
            product *= uniform();
        }
        return n;
    }

    /** An index drawn with probability proportional to {@code weights[i]}. */
    int weighted(double[] weights) {
        double total = 0;
        for (double w : weights) total += w;
        double x = uniform() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) return i;
        }
        return weights.length - 1;
    }

    static double clamp(double v, double min, double max) {
        return v < min ? min : v > max ? max : v;
    }
}
