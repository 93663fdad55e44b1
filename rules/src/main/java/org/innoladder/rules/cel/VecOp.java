package org.innoladder.rules.cel;

import java.util.Arrays;

/**
 * One instruction of a {@link VecProgram}: a loop over a block of rows. Registers are {@code double[]} of
 * {@link VecProgram#BLOCK}. Numbers are NaN when unknown. Conditions are Kleene truth values on a scale,
 * false 0, unknown {@link #UNKNOWN} (½), true 1, so that three-valued and/or/not are plain min/max/1−x:
 * loops without data-dependent branches (random facts would mispredict half of them) that the JIT can
 * vectorise. Every loop reads row k of its inputs into locals before writing row k of its outputs, and the
 * switch on the operator sits outside the loop.
 */
public abstract class VecOp implements Cloneable {
    /** The truth value "unknown". */
    public static final double UNKNOWN = 0.5;
    private static final double U = Double.NaN;
    /** Input and output registers (logical while building, physical after {@link VecProgram.Builder#build()}). */
    int[] in, out;

    VecOp(int[] in, int[] out) {
        this.in = in;
        this.out = out;
    }

    abstract void run(double[][] r, double[][] frame, int from, int len);

    VecOp relocate(int[] in, int[] out) {
        try {
            VecOp c = (VecOp) clone();
            c.in = in;
            c.out = out;
            return c;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    static int[] regs(int... r) {
        return r;
    }

    // ---- operator codes ------------------------------------------------------------------------------------

    public static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3;
    public static final int LT = 0, LE = 1, GT = 2, GE = 3, EQ = 4, NE = 5;

    static double arith(int op, double x, double y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            default -> x / y;
        };
    }

    static double compare(int op, double x, double y) {
        if (x != x || y != y) return UNKNOWN;
        boolean b = switch (op) {
            case LT -> x < y;
            case LE -> x <= y;
            case GT -> x > y;
            case GE -> x >= y;
            case EQ -> x == y;
            default -> x != y;
        };
        return b ? 1 : 0;
    }

    // ---- loads ---------------------------------------------------------------------------------------------

    static final class Fill extends VecOp {
        private final double v;

        Fill(int out, double v) {
            super(regs(), regs(out));
            this.v = v;
        }

        @Override
        void run(double[][] r, double[][] frame, int from, int len) {
            Arrays.fill(r[out[0]], 0, len, v);
        }
    }

    static final class Load extends VecOp {
        final int slot;

        Load(int slot, int out) {
            super(regs(), regs(out));
            this.slot = slot;
        }

        @Override
        void run(double[][] r, double[][] frame, int from, int len) {
            System.arraycopy(frame[slot], from, r[out[0]], 0, len);
        }
    }

    /** A boolean fact: NaN stays unknown, any non-zero is true. */
    static final class Truth extends VecOp {
        Truth(int a, int out) {
            super(regs(a), regs(out));
        }

        @Override
        void run(double[][] r, double[][] frame, int from, int len) {
            double[] a = r[in[0]], o = r[out[0]];
            for (int k = 0; k < len; k++) {
                double v = a[k];
                o[k] = v != v ? UNKNOWN : v != 0 ? 1 : 0;
            }
        }
    }

    // ---- arithmetic ----------------------------------------------------------------------------------------

    static final class Neg extends VecOp {
        Neg(int a, int out) {
            super(regs(a), regs(out));
        }

        @Override
        void run(double[][] r, double[][] frame, int from, int len) {
            double[] a = r[in[0]], o = r[out[0]];
            for (int k = 0; k < len; k++) o[k] = -a[k];
        }
    }

    static final class Arith extends VecOp {
        private final int op;

        Arith(int op, int a, int b, int out) {
            super(regs(a, b), regs(out));
            this.op = op;
        }

        @Override
        void run(double[][] r, double[][] frame, int from, int len) {
            double[] a = r[in[0]], b = r[in[1]], o = r[out[0]];
            switch (op) {
                case ADD -> { for (int k = 0; k < len; k++) o[k] = a[k] + b[k]; }
                case SUB -> { for (int k = 0; k < len; k++) o[k] = a[k] - b[k]; }
                case MUL -> { for (int k = 0; k < len; k++) o[k] = a[k] * b[k]; }
                default -> { for (int k = 0; k < len; k++) o[k] = a[k] / b[k]; }
            }
        }
    }

    /** Arithmetic with a constant operand, on the left ({@code k - x}) or on the right ({@code x - k}). */
    static final class ArithK extends VecOp {
        private final int op;
        private final double c;
        private final boolean left;

        ArithK(int op, int a, double c, boolean left, int out) {
            super(regs(a), regs(out));
            this.op = op;
            this.c = c;
            this.left = left;
        }

        @Override
        void run(double[][] r, double[][] frame, int from, int len) {
            double[] a = r[in[0]], o = r[out[0]];
            double c = this.c;
            if (left) {
                switch (op) {
                    case ADD -> { for (int k = 0; k < len; k++) o[k] = c + a[k]; }
                    case SUB -> { for (int k = 0; k < len; k++) o[k] = c - a[k]; }
                    case MUL -> { for (int k = 0; k < len; k++) o[k] = c * a[k]; }
                    default -> { for (int k = 0; k < len; k++) o[k] = c / a[k]; }
                }
            } else {
                switch (op) {
                    case ADD -> { for (int k = 0; k < len; k++) o[k] = a[k] + c; }
                    case SUB -> { for (int k = 0; k < len; k++) o[k] = a[k] - c; }
                    case MUL -> { for (int k = 0; k < len; k++) o[k] = a[k] * c; }
                    default -> { for (int k = 0; k < len; k++) o[k] = a[k] / c; }
                }
            }
        }
    }

    /**
     * {@code sum3.<col>}: the column summed over the look-back years the enterprise operated; unknown when
     * the look-back is unknown or a summed year is.
     */
    static final class Sum3 extends VecOp {
        Sum3(int lookback, int y0, int y1, int y2, int out) {
            super(regs(lookback, y0, y1, y2), regs(out));
        }

        @Override
        void run(double[][] r, double[][] frame, int from, int len) {
            double[] n = r[in[0]], a = r[in[1]], b = r[in[2]], c = r[in[3]], o = r[out[0]];
            for (int k = 0; k < len; k++) {
                double years = n[k];
                if (years != years) {
                    o[k] = U;
                    continue;
                }
                double sum = 0;
                if (years >= 1) sum += a[k];
                if (years >= 2) sum += b[k];
                if (years >= 3) sum += c[k];
                o[k] = sum;
            }
        }
    }

    // ---- comparisons and logic (three-valued: 1, 0, NaN) ---------------------------------------------------

    /**
     * Numeric comparison: 1 or 0, ½ when either side is unknown. Computed as (2·holds | unknown)·½, which
     * the JIT compiles to flag moves instead of branches.
     */
    static final class Cmp extends VecOp {
        private final int op;

        Cmp(int op, int a, int b, int out) {
            super(regs(a, b), regs(out));
            this.op = op;
        }

        @Override
        void run(double[][] r, double[][] frame, int from, int len) {
            double[] a = r[in[0]], b = r[in[1]], o = r[out[0]];
            switch (op) {
                case LT -> { for (int k = 0; k < len; k++) { double x = a[k], y = b[k]; o[k] = ((x < y ? 2 : 0) | (x != x || y != y ? 1 : 0)) * 0.5; } }
                case LE -> { for (int k = 0; k < len; k++) { double x = a[k], y = b[k]; o[k] = ((x <= y ? 2 : 0) | (x != x || y != y ? 1 : 0)) * 0.5; } }
                case GT -> { for (int k = 0; k < len; k++) { double x = a[k], y = b[k]; o[k] = ((x > y ? 2 : 0) | (x != x || y != y ? 1 : 0)) * 0.5; } }
                case GE -> { for (int k = 0; k < len; k++) { double x = a[k], y = b[k]; o[k] = ((x >= y ? 2 : 0) | (x != x || y != y ? 1 : 0)) * 0.5; } }
                case EQ -> { for (int k = 0; k < len; k++) { double x = a[k], y = b[k]; o[k] = ((x == y ? 2 : 0) | (x != x || y != y ? 1 : 0)) * 0.5; } }
                default -> { for (int k = 0; k < len; k++) { double x = a[k], y = b[k]; o[k] = x != x || y != y ? UNKNOWN : x != y ? 1 : 0; } }
            }
        }
    }

    /** Comparison with a constant (never NaN) on the right. */
    static final class CmpK extends VecOp {
        private final int op;
        private final double c;

        CmpK(int op, int a, double c, int out) {
            super(regs(a), regs(out));
            this.op = op;
            this.c = c;
        }

        @Override
        void run(double[][] r, double[][] frame, int from, int len) {
            double[] a = r[in[0]], o = r[out[0]];
            double y = c;
            switch (op) {
                case LT -> { for (int k = 0; k < len; k++) { double x = a[k]; o[k] = ((x < y ? 2 : 0) | (x != x ? 1 : 0)) * 0.5; } }
                case LE -> { for (int k = 0; k < len; k++) { double x = a[k]; o[k] = ((x <= y ? 2 : 0) | (x != x ? 1 : 0)) * 0.5; } }
                case GT -> { for (int k = 0; k < len; k++) { double x = a[k]; o[k] = ((x > y ? 2 : 0) | (x != x ? 1 : 0)) * 0.5; } }
                case GE -> { for (int k = 0; k < len; k++) { double x = a[k]; o[k] = ((x >= y ? 2 : 0) | (x != x ? 1 : 0)) * 0.5; } }
                case EQ -> { for (int k = 0; k < len; k++) { double x = a[k]; o[k] = ((x == y ? 2 : 0) | (x != x ? 1 : 0)) * 0.5; } }
                default -> { for (int k = 0; k < len; k++) { double x = a[k]; o[k] = x != x ? UNKNOWN : x != y ? 1 : 0; } }
            }
        }
    }

    /** Equality of two conditions: unknown when either is. */
    static final class TruthEq extends VecOp {
        private final boolean eq;

        TruthEq(boolean eq, int a, int b, int out) {
            super(regs(a, b), regs(out));
            this.eq = eq;
        }

        @Override
        void run(double[][] r, double[][] frame, int from, int len) {
            double[] a = r[in[0]], b = r[in[1]], o = r[out[0]];
            for (int k = 0; k < len; k++) {
                double x = a[k], y = b[k];
                o[k] = x == UNKNOWN || y == UNKNOWN ? UNKNOWN : (x == y) == eq ? 1 : 0;
            }
        }
    }

    static final class Not extends VecOp {
        Not(int a, int out) {
            super(regs(a), regs(out));
        }

        @Override
        void run(double[][] r, double[][] frame, int from, int len) {
            double[] a = r[in[0]], o = r[out[0]];
            for (int k = 0; k < len; k++) o[k] = 1 - a[k]; // unknown stays ½
        }
    }

    /** Kleene and over n operands: the minimum (false wins, then unknown). */
    static final class And extends VecOp {
        And(int[] operands, int out) {
            super(operands, regs(out));
        }

        @Override
        void run(double[][] r, double[][] frame, int from, int len) {
            double[] o = r[out[0]];
            double[] a = r[in[0]];
            System.arraycopy(a, 0, o, 0, len);
            for (int j = 1; j < in.length; j++) {
                double[] b = r[in[j]];
                for (int k = 0; k < len; k++) o[k] = Math.min(o[k], b[k]);
            }
        }
    }

    /** Kleene or over n operands: the maximum (true wins, then unknown). */
    static final class Or extends VecOp {
        Or(int[] operands, int out) {
            super(operands, regs(out));
        }

        @Override
        void run(double[][] r, double[][] frame, int from, int len) {
            double[] o = r[out[0]];
            double[] a = r[in[0]];
            System.arraycopy(a, 0, o, 0, len);
            for (int j = 1; j < in.length; j++) {
                double[] b = r[in[j]];
                for (int k = 0; k < len; k++) o[k] = Math.max(o[k], b[k]);
            }
        }
    }

    /**
     * {@code c ? t : o}; unknown (NaN for numbers, ½ for conditions) when the condition is. Both branches
     * are computed, one is taken.
     */
    static final class Select extends VecOp {
        private final double unknown;

        Select(int c, int t, int o, boolean truth, int out) {
            super(regs(c, t, o), regs(out));
            this.unknown = truth ? UNKNOWN : U;
        }

        @Override
        void run(double[][] r, double[][] frame, int from, int len) {
            double[] c = r[in[0]], t = r[in[1]], e = r[in[2]], o = r[out[0]];
            double unknown = this.unknown;
            for (int k = 0; k < len; k++) {
                double v = c[k];
                o[k] = v == 1 ? t[k] : v == 0 ? e[k] : unknown;
            }
        }
    }

    static final class In extends VecOp {
        private final double[] members;

        In(int a, double[] members, int out) {
            super(regs(a), regs(out));
            this.members = members.clone();
        }

        @Override
        void run(double[][] r, double[][] frame, int from, int len) {
            double[] a = r[in[0]], o = r[out[0]];
            double[] m = members;
            for (int k = 0; k < len; k++) {
                double x = a[k];
                double v = x != x ? UNKNOWN : 0;
                for (double y : m) {
                    if (y == x) {
                        v = 1;
                        break;
                    }
                }
                o[k] = v;
            }
        }
    }

    // ---- scores: every part yields a [lo, hi] pair of registers ---------------------------------------------

    /** An expert-judged part: the full range when unknown, else the given value rounded and clamped. */
    static final class Range extends VecOp {
        private final int min, max;

        Range(int v, int min, int max, int lo, int hi) {
            super(regs(v), regs(lo, hi));
            this.min = min;
            this.max = max;
        }

        @Override
        void run(double[][] r, double[][] frame, int from, int len) {
            double[] v = r[in[0]], lo = r[out[0]], hi = r[out[1]];
            for (int k = 0; k < len; k++) {
                double x = v[k];
                if (x != x) {
                    lo[k] = min;
                    hi[k] = max;
                } else {
                    double p = (int) Math.max(min, Math.min(max, Math.round(x)));
                    lo[k] = p;
                    hi[k] = p;
                }
            }
        }
    }

    /**
     * A band-table lookup: the first band whose lower bound the value reaches ({@code strict}: exceeds), the
     * last band catching everything; an unknown value may be in any band.
     */
    static final class Bands extends VecOp {
        private final double[] min;
        private final boolean[] strict;
        private final double[] bandLo, bandHi;
        private final double unknownLo, unknownHi;
        /** Every band reached implies the next one is: the band index is the count of bands not reached. */
        private final boolean descending;

        Bands(int v, double[] min, boolean[] strict, int[] bandLo, int[] bandHi, int lo, int hi) {
            super(regs(v), regs(lo, hi));
            this.min = min.clone();
            this.strict = strict.clone();
            this.bandLo = Arrays.stream(bandLo).asDoubleStream().toArray();
            this.bandHi = Arrays.stream(bandHi).asDoubleStream().toArray();
            this.unknownLo = Arrays.stream(bandLo).min().orElse(0);
            this.unknownHi = Arrays.stream(bandHi).max().orElse(0);
            boolean d = true;
            for (int k = 0; k + 2 < min.length; k++) {
                d &= min[k] > min[k + 1] || min[k] == min[k + 1] && (strict[k] || !strict[k + 1]);
            }
            descending = d;
        }

        @Override
        void run(double[][] r, double[][] frame, int from, int len) {
            double[] v = r[in[0]], lo = r[out[0]], hi = r[out[1]];
            double[] min = this.min, bandLo = this.bandLo, bandHi = this.bandHi;
            boolean[] strict = this.strict;
            int last = min.length - 1;
            for (int k = 0; k < len; k++) {
                double x = v[k];
                if (x != x) {
                    lo[k] = unknownLo;
                    hi[k] = unknownHi;
                    continue;
                }
                int b = 0;
                if (descending) {
                    // branch-free: random values would mispredict a search
                    for (int j = 0; j < last; j++) b += (strict[j] ? x <= min[j] : x < min[j]) ? 1 : 0;
                } else {
                    while (b < last && !(strict[b] ? x > min[b] : x >= min[b])) b++;
                }
                lo[k] = bandLo[b];
                hi[k] = bandHi[b];
            }
        }
    }

    /**
     * Conditional cases, first that holds wins: a case whose condition is unknown may hold, so its points
     * widen the range and the search goes on.
     */
    static final class Cases extends VecOp {
        private final double[] caseLo, caseHi;

        Cases(int[] whens, int[] caseLo, int[] caseHi, int lo, int hi) {
            super(whens, regs(lo, hi));
            this.caseLo = Arrays.stream(caseLo).asDoubleStream().toArray();
            this.caseHi = Arrays.stream(caseHi).asDoubleStream().toArray();
        }

        @Override
        void run(double[][] r, double[][] frame, int from, int len) {
            double[] lo = r[out[0]], hi = r[out[1]];
            int n = in.length;
            double[][] when = new double[n][];
            for (int b = 0; b < n; b++) when[b] = r[in[b]];
            for (int k = 0; k < len; k++) {
                double l = Integer.MAX_VALUE, h = Integer.MIN_VALUE;
                for (int b = 0; b < n; b++) {
                    double t = when[b][k];
                    if (t == 0) continue;
                    l = Math.min(l, caseLo[b]);
                    h = Math.max(h, caseHi[b]);
                    if (t == 1) break;
                }
                lo[k] = l;
                hi[k] = h;
            }
        }
    }

    /**
     * An item from its parts' [lo, hi] pairs (inputs lo0, hi0, lo1, hi1, …): summed or the best part, then
     * capped at the item's maximum. With no cap it is the total.
     */
    static final class Combine extends VecOp {
        private final boolean best;
        private final double cap;

        Combine(int[] pairs, boolean best, double cap, int lo, int hi) {
            super(pairs, regs(lo, hi));
            this.best = best;
            this.cap = cap;
        }

        @Override
        void run(double[][] r, double[][] frame, int from, int len) {
            double[] lo = r[out[0]], hi = r[out[1]];
            double[] l0 = r[in[0]], h0 = r[in[1]];
            // Parts start from 0 (a best-of item never goes below 0), as in the row-at-a-time engine.
            for (int k = 0; k < len; k++) {
                lo[k] = best ? Math.max(0, l0[k]) : l0[k];
                hi[k] = best ? Math.max(0, h0[k]) : h0[k];
            }
            for (int j = 2; j < in.length; j += 2) {
                double[] l = r[in[j]], h = r[in[j + 1]];
                if (best) {
                    for (int k = 0; k < len; k++) {
                        lo[k] = Math.max(lo[k], l[k]);
                        hi[k] = Math.max(hi[k], h[k]);
                    }
                } else {
                    for (int k = 0; k < len; k++) {
                        lo[k] += l[k];
                        hi[k] += h[k];
                    }
                }
            }
            double cap = this.cap;
            for (int k = 0; k < len; k++) {
                lo[k] = Math.min(lo[k], cap);
                hi[k] = Math.min(hi[k], cap);
            }
        }
    }

    /** A score threshold: passes when the minimum reaches it, fails when the maximum does not, else unknown. */
    static final class AtLeast extends VecOp {
        private final double threshold;

        AtLeast(int lo, int hi, double threshold, int out) {
            super(regs(lo, hi), regs(out));
            this.threshold = threshold;
        }

        @Override
        void run(double[][] r, double[][] frame, int from, int len) {
            double[] lo = r[in[0]], hi = r[in[1]], o = r[out[0]];
            double t = threshold;
            // lo ≥ t implies hi ≥ t: 1 when both reach it, ½ when only the maximum does
            for (int k = 0; k < len; k++) o[k] = ((lo[k] >= t ? 1 : 0) + (hi[k] >= t ? 1 : 0)) * 0.5;
        }
    }
}
