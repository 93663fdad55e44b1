package org.innoladder.rules;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.innoladder.rules.EvaluationResult.CriterionResult;
import org.innoladder.rules.EvaluationResult.Gap;
import org.innoladder.rules.EvaluationResult.ItemResult;
import org.innoladder.rules.cel.FactSchema;

/**
 * Turns an {@link EvaluationResult} into a {@link CompactResult} and back: {@code decode(encode(r))} equals
 * {@code r}. The detail keeps only what the enterprise's facts decide; the ruleset version supplies the rest on
 * decoding — criterion and item ids, references, band labels and points, and every threshold that no fact
 * changes (parameters in force on the reference date). A result's reference date is 31 December of its year
 * unless said otherwise; stored results are always evaluated at it.
 *
 * <p>Detail layout (format 1), everything in ruleset order:
 * <ol>
 *   <li>one byte: the format;</li>
 *   <li>per criterion one byte — status ordinal in bits 0–1, the value's tag in bits 2–4 (see below), bit 5 set
 *       when the threshold follows — then the value, then the threshold as tag and value when bit 5 is set
 *       (a threshold computed from facts, such as hnte's R&amp;D ratio that depends on sales);</li>
 *   <li>per score part a variable-length number: for bands or cases the set of those the value may fall in (bit b
 *       for band b; several when facts are unknown), for an expert-judged range 0 when open, else 1 + the given
 *       points (zig-zag);</li>
 *   <li>per lever of each failed criterion one byte, 1 when the lever has a gap, followed by the lever's current
 *       and required value. Gaps come from searching the facts, so they are the one thing stored beyond
 *       statuses and values.</li>
 * </ol>
 * Value tags: null, false, true, a whole number (zig-zag variable length), a double (8 bytes), text (UTF-8 with
 * its length), and "derived" for a score criterion whose value is the score range the parts give.
 */
public final class ResultCodec {
    static final int FORMAT = 1;
    private static final int NULL = 0, FALSE = 1, TRUE = 2, LONG = 3, DOUBLE = 4, STRING = 5, DERIVED = 6;
    private static final int EXPLICIT_THRESHOLD = 1 << 5;
    private static final int FAIL = Status.FAIL.ordinal();

    private ResultCodec() {
    }

    /** The result evaluated at 31 December of its year, as stored results are. */
    public static CompactResult encode(Ruleset ruleset, EvaluationResult r) {
        return encode(ruleset, r, LocalDate.of(r.year(), 12, 31));
    }

    /**
     * A gap's current and required values are kept as the doubles the engine searched with (its delta is required −
     * current): a result from elsewhere, such as stored JSON, should be checked to decode to itself.
     *
     * @throws IllegalArgumentException when the result is not one of this ruleset version at that date (other
     *                                  criteria, references, band labels, or a gap of a lever the criterion lacks)
     */
    public static CompactResult encode(Ruleset ruleset, EvaluationResult r, LocalDate referenceDate) {
        if (!ruleset.id().equals(r.ruleset()) || !ruleset.version().equals(r.version())) {
            throw unrepresentable(r, "is not a result of " + ruleset.info().ref());
        }
        Plan plan = ruleset.plan(referenceDate);
        Object[] plain = plainThresholds(ruleset, plan);
        long[] codes = partCodes(ruleset, plan, r);
        Ruleset.State s = state(ruleset, plan, codes);
        List<Model.Criterion> criteria = ruleset.criteria;
        if (r.criteria().size() != criteria.size()) {
            throw unrepresentable(r, "has " + r.criteria().size() + " criteria, the ruleset " + criteria.size());
        }
        Out out = new Out();
        out.write(FORMAT);
        for (int c = 0; c < criteria.size(); c++) {
            Model.Criterion mc = criteria.get(c);
            CriterionResult cr = r.criteria().get(c);
            if (!mc.id().equals(cr.id()) || !Objects.equals(mc.reference(), cr.reference())) {
                throw unrepresentable(r, "criterion " + cr.id() + " is not the ruleset's " + mc.id() + " with its reference");
            }
            boolean derived = mc.isScore() && Objects.equals(cr.value(), ruleset.scoreValue(c, s));
            boolean explicit = !Objects.equals(cr.threshold(), plain[c]);
            int tag = derived ? DERIVED : tag(r, cr.value());
            out.write(cr.status().ordinal() | tag << 2 | (explicit ? EXPLICIT_THRESHOLD : 0));
            if (!derived) payload(out, tag, cr.value());
            if (explicit) {
                int t = tag(r, cr.threshold());
                out.write(t);
                payload(out, t, cr.threshold());
            }
        }
        for (long code : codes) out.varlong(code);
        List<Gap> gaps = r.gaps();
        int g = 0;
        for (int c = 0; c < criteria.size(); c++) {
            if (r.criteria().get(c).status() != Status.FAIL) continue;
            for (Model.Lever lever : criteria.get(c).levers()) {
                Gap gap = g < gaps.size() ? gaps.get(g) : null;
                if (gap == null || !gap.criterion().equals(criteria.get(c).id()) || !gap.lever().equals(lever.id())) {
                    out.write(0);
                    continue;
                }
                out.write(1);
                number(out, gap.current().doubleValue());
                number(out, gap.required().doubleValue());
                g++;
            }
        }
        if (g < gaps.size()) throw unrepresentable(r, "gap " + gaps.get(g) + " is not of a lever of a failed criterion, in order");
        return new CompactResult(r.outcome(), r.score(), out.bytes());
    }

    /** The result of a stored enterprise-year, evaluated at 31 December of {@code year}. */
    public static EvaluationResult decode(Ruleset ruleset, String creditCode, String name, int year, CompactResult compact) {
        return decode(ruleset, creditCode, name, year, LocalDate.of(year, 12, 31), compact);
    }

    public static EvaluationResult decode(Ruleset ruleset, String creditCode, String name, int year, LocalDate referenceDate,
                                          CompactResult compact) {
        Plan plan = ruleset.plan(referenceDate);
        Object[] plain = plainThresholds(ruleset, plan);
        List<Model.Criterion> criteria = ruleset.criteria;
        int n = criteria.size();
        In in = new In(compact.detail());
        byte[] status = new byte[n];
        Object[] values = new Object[n], thresholds = new Object[n];
        boolean[] derived = new boolean[n];
        for (int c = 0; c < n; c++) {
            int head = in.read();
            status[c] = (byte) (head & 3);
            int tag = head >> 2 & 7;
            derived[c] = tag == DERIVED;
            if (!derived[c]) values[c] = in.value(tag);
            thresholds[c] = (head & EXPLICIT_THRESHOLD) != 0 ? in.value(in.read()) : plain[c];
        }
        long[] codes = new long[ruleset.parts.size()];
        for (int p = 0; p < codes.length; p++) codes[p] = in.varlong();
        Ruleset.State s = state(ruleset, plan, codes);
        List<CriterionResult> crit = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            Model.Criterion mc = criteria.get(c);
            crit.add(new CriterionResult(mc.id(), Status.values()[status[c]], derived[c] ? ruleset.scoreValue(c, s) : values[c],
                    thresholds[c], mc.reference()));
        }
        List<Gap> gaps = gaps(ruleset, in, status);
        in.end();
        return new EvaluationResult(creditCode, name, ruleset.id(), ruleset.version(), year, compact.outcome(), compact.score(),
                crit, ruleset.itemResults(plan, s), gaps);
    }

    /** The criterion statuses alone, in ruleset order (the decision tree and lists need no more). */
    public static Status[] statuses(Ruleset ruleset, byte[] detail) {
        In in = new In(detail);
        Status[] out = new Status[ruleset.criteria.size()];
        for (int c = 0; c < out.length; c++) out[c] = Status.values()[skipCriterion(in) & 3];
        return out;
    }

    /** The gaps alone, in ruleset order. */
    public static List<Gap> gaps(Ruleset ruleset, byte[] detail) {
        In in = new In(detail);
        byte[] status = new byte[ruleset.criteria.size()];
        for (int c = 0; c < status.length; c++) status[c] = (byte) (skipCriterion(in) & 3);
        for (int p = 0; p < ruleset.parts.size(); p++) in.varlong();
        List<Gap> gaps = gaps(ruleset, in, status);
        in.end();
        return gaps;
    }

    /** Reads past one criterion; returns its head byte. */
    private static int skipCriterion(In in) {
        int head = in.read();
        int tag = head >> 2 & 7;
        if (tag != DERIVED) in.value(tag);
        if ((head & EXPLICIT_THRESHOLD) != 0) in.value(in.read());
        return head;
    }

    private static List<Gap> gaps(Ruleset ruleset, In in, byte[] status) {
        List<Gap> gaps = new ArrayList<>();
        for (int c = 0; c < status.length; c++) {
            if (status[c] != FAIL) continue;
            Model.Criterion mc = ruleset.criteria.get(c);
            for (Model.Lever lever : mc.levers()) {
                if (in.read() == 0) continue;
                BigDecimal current = Ruleset.decimal(in.number()), required = Ruleset.decimal(in.number());
                gaps.add(new Gap(mc.id(), lever.id(), current, required, required.subtract(current)));
            }
        }
        return gaps;
    }

    // ---- score parts ---------------------------------------------------------------------------------------

    /** Each part's code, read from the result's item list (item, then its parts when it has several). */
    private static long[] partCodes(Ruleset ruleset, Plan plan, EvaluationResult r) {
        long[] codes = new long[ruleset.parts.size()];
        List<ItemResult> items = r.items();
        int at = 0, p = 0;
        for (Model.Item it : ruleset.items) {
            ItemResult head = item(r, at++, it.id());
            if (it.parts().size() == 1) {
                codes[p] = code(r, ruleset, plan, p, head);
                p++;
                continue;
            }
            for (Model.Part part : it.parts()) {
                codes[p] = code(r, ruleset, plan, p, item(r, at++, it.id() + "." + part.id()));
                p++;
            }
        }
        if (at != items.size()) throw unrepresentable(r, "has " + items.size() + " score items, the ruleset " + at);
        return codes;
    }

    private static ItemResult item(EvaluationResult r, int at, String id) {
        if (at >= r.items().size() || !r.items().get(at).id().equals(id)) {
            throw unrepresentable(r, "lacks score item " + id + " at position " + at);
        }
        return r.items().get(at);
    }

    private static long code(EvaluationResult r, Ruleset ruleset, Plan plan, int p, ItemResult item) {
        Model.Part part = ruleset.parts.get(p);
        String label = item.band();
        if (part.range() != null) {
            if ("expert".equals(label)) return 0;
            if ("given".equals(label)) return 1 + zigzag(item.min());
            throw unrepresentable(r, "score part " + item.id() + " has band '" + label + "', not expert or given");
        }
        if (label == null) throw unrepresentable(r, "score part " + item.id() + " has no band");
        if (label.isEmpty()) return 0;
        int bands = bandCount(plan, part, p);
        for (int b = 0; b < bands; b++) {
            // the usual case, one band: the label is that band's
            if (bandLabel(plan, part, p, b).equals(label)) return 1L << b;
        }
        String[] tokens = label.split("\\|", -1);
        long mask = 0;
        int t = 0;
        for (int b = 0; b < bands && t < tokens.length; b++) {
            if (bandLabel(plan, part, p, b).equals(tokens[t])) {
                mask |= 1L << b;
                t++;
            }
        }
        if (t < tokens.length) throw unrepresentable(r, "score part " + item.id() + " has band '" + label + "' the ruleset lacks");
        return mask;
    }

    private static int bandCount(Plan plan, Model.Part part, int p) {
        return part.bandsParam() != null ? plan.tables[p].bands.size() : part.cases().size();
    }

    private static String bandLabel(Plan plan, Model.Part part, int p, int b) {
        return part.bandsParam() != null ? plan.tables[p].bands.get(b).label() : part.cases().get(b).label();
    }

    /** The parts' bands and points from their codes, and the items' and total's ranges from those. */
    private static Ruleset.State state(Ruleset ruleset, Plan plan, long[] codes) {
        Ruleset.State s = new Ruleset.State(ruleset);
        for (int p = 0; p < codes.length; p++) {
            Model.Part part = ruleset.parts.get(p);
            long code = codes[p];
            if (part.range() != null) {
                boolean open = code == 0;
                int x = open ? 0 : (int) unzigzag(code - 1);
                s.partMask[p] = open ? 0 : 1;
                s.partLo[p] = open ? part.range()[0] : x;
                s.partHi[p] = open ? part.range()[1] : x;
                continue;
            }
            int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE;
            for (int b = 0; b < 64; b++) {
                if ((code & 1L << b) == 0) continue;
                boolean bands = part.bandsParam() != null;
                lo = Math.min(lo, bands ? plan.tables[p].lo[b] : part.cases().get(b).lo());
                hi = Math.max(hi, bands ? plan.tables[p].hi[b] : part.cases().get(b).hi());
            }
            s.partMask[p] = code;
            s.partLo[p] = lo;
            s.partHi[p] = hi;
        }
        ruleset.combine(s);
        return s;
    }

    /**
     * Per criterion the threshold an explanation shows when no fact changes it: a score criterion's parameter,
     * else the threshold expression evaluated with every fact unknown (a parameter, or unknown when it reads facts).
     */
    private static Object[] plainThresholds(Ruleset ruleset, Plan plan) {
        Object[] t = plan.plainThresholds;
        if (t != null) return t;
        double[][] unknown = new double[FactSchema.SLOTS][];
        for (int s = 0; s < unknown.length; s++) unknown[s] = new double[] {Double.NaN};
        RowEval r = new RowEval.Compiled(plan, unknown, 0);
        t = new Object[ruleset.criteria.size()];
        for (int c = 0; c < t.length; c++) {
            Model.Criterion mc = ruleset.criteria.get(c);
            t[c] = mc.isScore() ? (Object) plan.atLeast[c] : r.display(mc.threshold());
        }
        plan.plainThresholds = t;
        return t;
    }

    // ---- values --------------------------------------------------------------------------------------------

    private static int tag(EvaluationResult r, Object v) {
        if (v == null) return NULL;
        if (v instanceof Boolean b) return b ? TRUE : FALSE;
        if (v instanceof String) return STRING;
        if (v instanceof Double d) return whole(d) ? LONG : DOUBLE;
        throw unrepresentable(r, "has a value of type " + v.getClass().getSimpleName() + ": " + v);
    }

    /** A double that a long holds exactly, negative zero excepted. */
    private static boolean whole(double d) {
        return d == Math.rint(d) && Math.abs(d) < 0x1p53 && (d != 0 || Double.doubleToRawLongBits(d) == 0);
    }

    private static void payload(Out out, int tag, Object v) {
        switch (tag) {
            case LONG -> out.varlong(zigzag((long) (double) (Double) v));
            case DOUBLE -> out.int64(Double.doubleToRawLongBits((Double) v));
            case STRING -> {
                byte[] utf8 = ((String) v).getBytes(StandardCharsets.UTF_8);
                out.varlong(utf8.length);
                out.write(utf8);
            }
            default -> { }
        }
    }

    private static void number(Out out, double v) {
        int tag = whole(v) ? LONG : DOUBLE;
        out.write(tag);
        payload(out, tag, v);
    }

    private static long zigzag(long v) {
        return v << 1 ^ v >> 63;
    }

    private static long unzigzag(long v) {
        return v >>> 1 ^ -(v & 1);
    }

    private static IllegalArgumentException unrepresentable(EvaluationResult r, String why) {
        return new IllegalArgumentException("result of " + r.creditCode() + " for " + r.year() + " under " + r.ruleset() + "@"
                + r.version() + " " + why);
    }

    /** A growing byte buffer. */
    private static final class Out {
        private byte[] b = new byte[64];
        private int n;

        void write(int v) {
            if (n == b.length) b = Arrays.copyOf(b, n * 2);
            b[n++] = (byte) v;
        }

        void write(byte[] bytes) {
            for (byte x : bytes) write(x);
        }

        void varlong(long v) {
            while ((v & ~0x7FL) != 0) {
                write((int) (v & 0x7F) | 0x80);
                v >>>= 7;
            }
            write((int) v);
        }

        void int64(long v) {
            for (int k = 56; k >= 0; k -= 8) write((int) (v >>> k));
        }

        byte[] bytes() {
            return Arrays.copyOf(b, n);
        }
    }

    /** Reads a detail, refusing one of another format or with bytes missing or left over. */
    private static final class In {
        private final byte[] b;
        private int at;

        In(byte[] detail) {
            b = detail;
            if (read() != FORMAT) throw new IllegalArgumentException("not a format " + FORMAT + " result detail");
        }

        int read() {
            if (at >= b.length) throw new IllegalArgumentException("result detail ends early at byte " + at);
            return b[at++] & 0xFF;
        }

        long varlong() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                int x = read();
                v |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) return v;
            }
        }

        long int64() {
            long v = 0;
            for (int k = 0; k < 8; k++) v = v << 8 | read();
            return v;
        }

        Object value(int tag) {
            return switch (tag) {
                case NULL -> null;
                case FALSE -> Boolean.FALSE;
                case TRUE -> Boolean.TRUE;
                case LONG -> (double) unzigzag(varlong());
                case DOUBLE -> Double.longBitsToDouble(int64());
                case STRING -> {
                    int len = (int) varlong();
                    if (len < 0 || at + len > b.length) throw new IllegalArgumentException("result detail text overruns at byte " + at);
                    String s = new String(b, at, len, StandardCharsets.UTF_8);
                    at += len;
                    yield s;
                }
                default -> throw new IllegalArgumentException("result detail has value tag " + tag + " at byte " + (at - 1));
            };
        }

        double number() {
            Object v = value(read());
            if (!(v instanceof Double d)) throw new IllegalArgumentException("result detail lacks a number at byte " + at);
            return d;
        }

        void end() {
            if (at != b.length) throw new IllegalArgumentException("result detail has " + (b.length - at) + " bytes left over");
        }
    }
}
