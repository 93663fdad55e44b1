package org.innoladder.rules.points;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.cel.FactSchema;
import org.innoladder.rules.cel.StringPool;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facts of a population for year Y laid out as the rules engine's compiled expressions read them
 * ({@link FactSchema}: one {@code double[]} per slot, NaN for unknown, booleans 1/0, text as pool codes).
 * Only the slots the model reads are filled. Membership follows the rules engine's {@code Population}: an
 * enterprise belongs when it has a row for Y; rows for Y−1 and Y−2 feed {@code y1.}, {@code y2.} and
 * {@code sum3.}; a later row for the same credit code and year replaces an earlier one.
 */
final class FactFrame {
    final int size;
    final String[] creditCodes;
    final String[] names;
    final double[][] slots = new double[FactSchema.SLOTS][];

    private FactFrame(List<FactRow[]> byEnterprise, int year, LocalDate referenceDate, Set<Integer> used) {
        size = byEnterprise.size();
        creditCodes = new String[size];
        names = new String[size];
        for (int s : used) slots[s] = new double[size];
        for (int i = 0; i < size; i++) {
            FactRow[] r = byEnterprise.get(i);
            creditCodes[i] = r[0].creditCode();
            names[i] = r[0].name();
            LocalDate founded = r[0].date(Column.FOUNDED_ON);
            for (int s : used) {
                double v;
                if (s == FactSchema.AGE_DAYS) {
                    v = founded == null ? Double.NaN : ChronoUnit.DAYS.between(founded, referenceDate);
                } else if (s == FactSchema.AGE_YEARS) {
                    v = founded == null ? Double.NaN
                            : founded.isAfter(referenceDate) ? 0 : Period.between(founded, referenceDate).getYears();
                } else if (s == FactSchema.LOOKBACK_YEARS) {
                    v = founded == null ? Double.NaN
                            : Math.max(0, Math.min(FactSchema.OFFSETS, year - founded.getYear() + 1));
                } else {
                    FactRow row = r[FactSchema.offsetOf(s)];
                    v = row == null ? Double.NaN : toDouble(row.get(FactSchema.columnOf(s)));
                }
                slots[s][i] = v;
            }
        }
    }

    static FactFrame of(Collection<FactRow> rows, int year, LocalDate referenceDate, Set<Integer> used) {
        Map<String, FactRow[]> byCode = new LinkedHashMap<>();
        for (FactRow row : rows) {
            int offset = year - row.year();
            if (offset < 0 || offset >= FactSchema.OFFSETS) continue;
            byCode.computeIfAbsent(row.creditCode(), k -> new FactRow[FactSchema.OFFSETS])[offset] = row;
        }
        List<FactRow[]> present = new ArrayList<>(byCode.size());
        for (FactRow[] r : byCode.values()) {
            if (r[0] != null) present.add(r);
        }
        return new FactFrame(present, year, referenceDate, used);
    }

    private static double toDouble(Object v) {
        if (v == null) return Double.NaN;
        if (v instanceof Integer x) return x;
        if (v instanceof BigDecimal d) return d.doubleValue();
        if (v instanceof Boolean b) return b ? 1 : 0;
        if (v instanceof String s) return StringPool.code(s);
        throw new IllegalArgumentException("not a fact value: " + v);
    }
}
