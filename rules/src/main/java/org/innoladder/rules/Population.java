package org.innoladder.rules;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.cel.FactSchema;
import org.innoladder.rules.cel.StringPool;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;

/**
 * The enterprises to evaluate for one year Y, stored column by column: one {@code double[]} per fact slot
 * (see {@link FactSchema}) with NaN for unknown. Slots are materialised on first use, so a ruleset that
 * reads 15 facts costs 15 arrays, not all of them.
 *
 * <p>An enterprise belongs to the population when it has a row for Y; its rows for Y−1 … Y−4 feed the
 * look-back facts (a missing year is unknown). Rows are grouped by credit code; a second row for the same code and year replaces the first.
 */
public final class Population {
    /**
     * How many accounting years before the evaluation year a ruleset may read (y1 … y4): a caller that loads facts
     * for year Y must supply Y − YEARS_BEFORE … Y, or look-back facts are unknown.
     */
    public static final int YEARS_BEFORE = FactSchema.OFFSETS - 1;

    private final int year;
    private final LocalDate referenceDate;
    private final String[] creditCodes;
    private final String[] names;
    /** rows[offset][i]: the enterprise's row for Y − offset, or null. */
    private final FactRow[][] rows;
    private final AtomicReferenceArray<double[]> slots = new AtomicReferenceArray<>(FactSchema.SLOTS);

    private Population(int year, LocalDate referenceDate, List<FactRow[]> byEnterprise) {
        this.year = year;
        this.referenceDate = referenceDate;
        int n = byEnterprise.size();
        creditCodes = new String[n];
        names = new String[n];
        rows = new FactRow[FactSchema.OFFSETS][n];
        double[] ageDays = new double[n], ageYears = new double[n], lookback = new double[n];
        double[] foundedYear = new double[n], evaluationYear = new double[n];
        long referenceDay = referenceDate.toEpochDay();
        parallel(n, (from, to) -> {
            for (int i = from; i < to; i++) {
                FactRow[] r = byEnterprise.get(i);
                for (int o = 0; o < FactSchema.OFFSETS; o++) rows[o][i] = r[o];
                creditCodes[i] = r[0].creditCode();
                names[i] = r[0].name();
                LocalDate founded = r[0].date(Column.FOUNDED_ON);
                evaluationYear[i] = year;
                if (founded == null) {
                    ageDays[i] = ageYears[i] = lookback[i] = foundedYear[i] = Double.NaN;
                } else {
                    foundedYear[i] = founded.getYear();
                    ageDays[i] = referenceDay - founded.toEpochDay();
                    ageYears[i] = founded.isAfter(referenceDate) ? 0 : wholeYears(founded, referenceDate);
                    lookback[i] = Math.max(0, Math.min(FactSchema.LOOKBACK, year - founded.getYear() + 1));
                }
            }
        });
        slots.set(FactSchema.AGE_DAYS, ageDays);
        slots.set(FactSchema.AGE_YEARS, ageYears);
        slots.set(FactSchema.LOOKBACK_YEARS, lookback);
        slots.set(FactSchema.FOUNDED_YEAR, foundedYear);
        slots.set(FactSchema.EVALUATION_YEAR, evaluationYear);
    }

    /** {@code Period.between(from, to).getYears()} for from ≤ to, without building the Period. */
    static int wholeYears(LocalDate from, LocalDate to) {
        int months = (to.getYear() - from.getYear()) * 12 + to.getMonthValue() - from.getMonthValue();
        if (months > 0 && to.getDayOfMonth() < from.getDayOfMonth()) months--;
        return months / 12;
    }

    /** The enterprises with a row for {@code year}; the reference date for ages is 31 December of that year. */
    public static Population of(Collection<FactRow> rows, int year) {
        return of(rows, year, LocalDate.of(year, 12, 31));
    }

    /**
     * The enterprises with a row for {@code year}.
     *
     * @param referenceDate the date ages are measured at (e.g. the planned application date)
     */
    public static Population of(Collection<FactRow> rows, int year, LocalDate referenceDate) {
        // Enterprises in order of first appearance. Rows usually come enterprise by enterprise (an import, a
        // query ordered by enterprise), so a row of the same enterprise as the one before skips the lookup.
        Map<String, FactRow[]> byCode = new HashMap<>(Math.max(16, rows.size() / 2));
        List<FactRow[]> order = new ArrayList<>();
        String lastCode = null;
        FactRow[] last = null;
        for (FactRow row : rows) {
            int offset = year - row.year();
            if (offset < 0 || offset >= FactSchema.OFFSETS) continue;
            String code = row.creditCode();
            if (last == null || !code.equals(lastCode)) {
                last = byCode.get(code);
                if (last == null) {
                    last = new FactRow[FactSchema.OFFSETS];
                    byCode.put(code, last);
                    order.add(last);
                }
                lastCode = code;
            }
            last[offset] = row;
        }
        List<FactRow[]> present = new ArrayList<>(order.size());
        for (FactRow[] r : order) {
            if (r[0] != null) present.add(r);
        }
        return new Population(year, referenceDate, present);
    }

    public int size() { return creditCodes.length; }

    public int year() { return year; }

    public LocalDate referenceDate() { return referenceDate; }

    public String creditCode(int i) { return creditCodes[i]; }

    public String name(int i) { return names[i]; }

    /** The column array of a slot, built on first use. */
    double[] slot(int s) {
        double[] a = slots.get(s);
        if (a != null) return a;
        int offset = FactSchema.offsetOf(s);
        Column c = FactSchema.columnOf(s);
        FactRow[] source = rows[offset];
        a = new double[source.length];
        for (int i = 0; i < a.length; i++) {
            FactRow r = source[i];
            a[i] = r == null ? Double.NaN : toDouble(r.get(c));
        }
        slots.compareAndSet(s, null, a);
        return slots.get(s);
    }

    /**
     * A frame with the given slots materialised (others left null). Missing columns are built together in
     * one parallel pass over the rows, so each row's values are read while it is in cache, instead of one
     * pass over a million scattered row objects per column.
     */
    public double[][] frame(int[] used) {
        for (int s : used) {
            if (slots.get(s) == null) return build(used);
        }
        double[][] f = new double[FactSchema.SLOTS][];
        for (int s : used) f[s] = slots.get(s);
        return f;
    }

    /** Builds the missing columns; one caller at a time, so that threads explaining rows together build them once. */
    private synchronized double[][] build(int[] used) {
        double[][] f = new double[FactSchema.SLOTS][];
        List<Integer> missing = new ArrayList<>();
        for (int s : used) {
            f[s] = slots.get(s);
            if (f[s] == null) missing.add(s);
        }
        if (missing.isEmpty()) return f;
        int n = size();
        int[][] byOffset = new int[FactSchema.OFFSETS][];
        for (int o = 0; o < FactSchema.OFFSETS; o++) {
            int offset = o;
            byOffset[o] = missing.stream().filter(s -> FactSchema.offsetOf(s) == offset).mapToInt(Integer::intValue).toArray();
        }
        double[][] built = new double[FactSchema.SLOTS][];
        for (int s : missing) built[s] = new double[n];
        parallel(n, (from, to) -> {
            // Text facts repeat (a domain, a level): compare with the row before instead of hashing each one.
            String[] lastText = new String[FactSchema.SLOTS];
            double[] lastCode = new double[FactSchema.SLOTS];
            for (int i = from; i < to; i++) {
                for (int o = 0; o < FactSchema.OFFSETS; o++) {
                    FactRow r = rows[o][i];
                    for (int s : byOffset[o]) {
                        Object v = r == null ? null : r.get(FactSchema.columnOf(s));
                        if (v instanceof String text) {
                            if (!text.equals(lastText[s])) {
                                lastText[s] = text;
                                lastCode[s] = StringPool.code(text);
                            }
                            built[s][i] = lastCode[s];
                        } else {
                            built[s][i] = toDouble(v);
                        }
                    }
                }
            }
        });
        for (int s : missing) {
            slots.compareAndSet(s, null, built[s]);
            f[s] = slots.get(s);
        }
        return f;
    }

    /** Runs {@code body} over row ranges on all cores. */
    private static void parallel(int n, RowRange body) {
        int chunk = 16_384;
        IntStream.range(0, (n + chunk - 1) / chunk).parallel()
                .forEach(k -> body.run(k * chunk, Math.min(n, k * chunk + chunk)));
    }

    @FunctionalInterface
    private interface RowRange {
        void run(int from, int to);
    }

    /**
     * Every fact slot of row i, as a one-row frame the single-row evaluators can modify. Reads the rows
     * directly, so explaining one enterprise does not materialise whole columns.
     */
    double[][] row(int i) {
        double[][] f = new double[FactSchema.SLOTS][1];
        for (int s = 0; s < FactSchema.SLOTS; s++) f[s][0] = Double.NaN;
        for (int s : FactSchema.FACT_SLOTS) {
            Column c = FactSchema.columnOf(s);
            if (c == null) {
                f[s][0] = slots.get(s)[i];
            } else {
                FactRow r = rows[FactSchema.offsetOf(s)][i];
                f[s][0] = r == null ? Double.NaN : toDouble(r.get(c));
            }
        }
        return f;
    }

    /**
     * Row i of the given slots only (others null), as a one-row frame the compiled evaluator can modify: copied from
     * the materialised columns, so explaining every enterprise of a population converts each fact once, not once per
     * explanation.
     */
    double[][] row(int i, int[] used) {
        double[][] f = new double[FactSchema.SLOTS][];
        for (int s : used) {
            double[] column = slots.get(s);
            if (column == null) column = frame(used)[s];
            f[s] = new double[] {column[i]};
        }
        return f;
    }

    static double toDouble(Object v) {
        if (v == null) return Double.NaN;
        if (v instanceof Integer x) return x;
        if (v instanceof BigDecimal d) return d.doubleValue();
        if (v instanceof Boolean b) return b ? 1 : 0;
        if (v instanceof String s) return StringPool.code(s);
        throw new IllegalArgumentException("not a fact value: " + v);
    }

    @Override
    public String toString() {
        return "Population[year=" + year + ", size=" + size() + "]";
    }
}
