package org.innoladder.rules.cel;

import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.ColumnType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts a ruleset expression may name, and where each lives in a frame.
 *
 * <p>A frame is a {@code double[][]} indexed by slot, each slot an array over rows: numbers as is, booleans as
 * 1/0, text as a {@link StringPool} code, NaN for unknown. One uniform representation keeps the compiled
 * closures free of boxing and lets a population be stored column by column.
 *
 * <p>Names: {@code e.<col>} is the evaluation year Y (enterprise-level columns come from the latest row),
 * {@code y1.<col>} … {@code y4.<col>} are Y−1 … Y−4 (Y−3 and Y−4 serve four-year growth rules such as
 * gazelles; a year without a row is unknown, never zero), {@code sum3.<col>} sums a numeric column over the
 * look-back years the enterprise operated ("近三个会计年度", the actual period if younger: Y−2..Y only), and
 * {@code e.age_days}, {@code e.age_years}, {@code e.lookback_years}, {@code e.founded_year} are derived from
 * {@code founded_on}; {@code e.year} is Y itself (so that rules can say "founded in Y−4 or earlier").
 */
public final class FactSchema {
    public static final String[] PREFIXES = {"e", "y1", "y2", "y3", "y4"};
    public static final int OFFSETS = PREFIXES.length;
    /** The "近三个会计年度" window of {@code sum3.*} and {@code e.lookback_years}: Y−2..Y, whatever OFFSETS is. */
    public static final int LOOKBACK = 3;
    private static final Column[] COLUMNS = Column.values();
    private static final int NC = COLUMNS.length;

    /** Days from founded_on to the reference date. */
    public static final int AGE_DAYS = OFFSETS * NC;
    /** Whole years from founded_on to the reference date. */
    public static final int AGE_YEARS = AGE_DAYS + 1;
    /** How many of the years Y−2..Y the enterprise existed in (0..{@link #LOOKBACK}): founding year counts as a year. */
    public static final int LOOKBACK_YEARS = AGE_DAYS + 2;
    /** The calendar year of founded_on. */
    public static final int FOUNDED_YEAR = AGE_DAYS + 3;
    /** The evaluation year Y. */
    public static final int EVALUATION_YEAR = AGE_DAYS + 4;
    public static final int SLOTS = AGE_DAYS + 5;

    /** Every slot that holds a fact (what {@link #declarations()} names, sums aside), ascending. */
    public static final int[] FACT_SLOTS = factSlots();

    private FactSchema() {
    }

    private static int[] factSlots() {
        List<Integer> out = new ArrayList<>();
        for (int o = 0; o < OFFSETS; o++) {
            for (Column c : COLUMNS) {
                if (isFact(c) && (o == 0 || c.level() == Column.Level.YEAR)) out.add(slot(o, c));
            }
        }
        out.add(AGE_DAYS);
        out.add(AGE_YEARS);
        out.add(LOOKBACK_YEARS);
        out.add(FOUNDED_YEAR);
        out.add(EVALUATION_YEAR);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    public static int slot(int offset, Column column) {
        return offset * NC + column.ordinal();
    }

    public static Column columnOf(int slot) {
        return slot < AGE_DAYS ? COLUMNS[slot % NC] : null;
    }

    public static int offsetOf(int slot) {
        return slot / NC;
    }

    /** Columns that are facts in expressions: everything typed except identity and dates. */
    public static boolean isFact(Column c) {
        return c != Column.CREDIT_CODE && c != Column.NAME && c != Column.YEAR && c.type() != ColumnType.DATE;
    }

    public static boolean isNumeric(Column c) {
        return c.type() == ColumnType.INT || c.type() == ColumnType.MONEY;
    }

    public static CelType celType(Column c) {
        return switch (c.type()) {
            case INT, MONEY -> SimpleType.DOUBLE;
            case BOOL -> SimpleType.BOOL;
            case TEXT -> SimpleType.STRING;
            case DATE -> throw new IllegalArgumentException("dates are not facts: " + c.key());
        };
    }

    /** Every declared fact variable with its CEL type, in a stable order. */
    public static Map<String, CelType> declarations() {
        Map<String, CelType> out = new LinkedHashMap<>();
        for (int o = 0; o < OFFSETS; o++) {
            for (Column c : COLUMNS) {
                if (!isFact(c)) continue;
                // Enterprise-level columns describe the enterprise, so only e.<col> makes sense.
                if (o > 0 && c.level() == Column.Level.ENTERPRISE) continue;
                out.put(PREFIXES[o] + "." + c.key(), celType(c));
            }
        }
        for (Column c : COLUMNS) {
            if (isFact(c) && isNumeric(c) && c.level() == Column.Level.YEAR) out.put("sum3." + c.key(), SimpleType.DOUBLE);
        }
        out.put("e.age_days", SimpleType.DOUBLE);
        out.put("e.age_years", SimpleType.DOUBLE);
        out.put("e.lookback_years", SimpleType.DOUBLE);
        out.put("e.founded_year", SimpleType.DOUBLE);
        out.put("e.year", SimpleType.DOUBLE);
        return out;
    }

    /** The slot of a plain fact name (e.x, y1.x … y4.x or a derived e.* name), or -1. */
    public static int slotOf(String name) {
        switch (name) {
            case "e.age_days": return AGE_DAYS;
            case "e.age_years": return AGE_YEARS;
            case "e.lookback_years": return LOOKBACK_YEARS;
            case "e.founded_year": return FOUNDED_YEAR;
            case "e.year": return EVALUATION_YEAR;
            default: break;
        }
        int dot = name.indexOf('.');
        if (dot < 0) return -1;
        String prefix = name.substring(0, dot);
        Column c = Column.ofKey(name.substring(dot + 1));
        if (c == null || !isFact(c)) return -1;
        for (int o = 0; o < OFFSETS; o++) {
            if (PREFIXES[o].equals(prefix)) return slot(o, c);
        }
        return -1;
    }

    /** The column summed by a {@code sum3.<col>} name, or null. */
    public static Column sum3Column(String name) {
        return name.startsWith("sum3.") ? Column.ofKey(name.substring(5)) : null;
    }

    public static String nameOf(int slot) {
        if (slot == AGE_DAYS) return "e.age_days";
        if (slot == AGE_YEARS) return "e.age_years";
        if (slot == LOOKBACK_YEARS) return "e.lookback_years";
        if (slot == FOUNDED_YEAR) return "e.founded_year";
        if (slot == EVALUATION_YEAR) return "e.year";
        return PREFIXES[offsetOf(slot)] + "." + columnOf(slot).key();
    }
}
