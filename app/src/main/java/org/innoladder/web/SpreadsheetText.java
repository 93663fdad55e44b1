package org.innoladder.web;

import java.util.regex.Pattern;

/**
 * Text bound for a spreadsheet cell (every CSV and Excel file the application writes) with formulas neutralised,
 * following OWASP's CSV-injection guidance: a cell beginning with {@code =}, {@code +}, {@code -}, {@code @}, a
 * tab or a carriage return gets a leading single quote, so a spreadsheet shows it as text instead of running it
 * ({@code =HYPERLINK(…)}, {@code @SUM(…)}, DDE). Plain numbers ({@code -12.5}, {@code +3}) are left alone: they are
 * numbers to a spreadsheet, never formulas, and a negative amount must stay a number.
 */
public final class SpreadsheetText {
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private SpreadsheetText() {
    }

    /** The text as a cell may safely hold it; null stays null. */
    public static String neutralise(String text) {
        if (text == null || text.isEmpty() || !triggersFormula(text.charAt(0))) return text;
        if (PLAIN_NUMBER.matcher(text).matches()) return text;
        return "'" + text;
    }

    /** A CSV record's value: text (anything but a number) neutralised, numbers and null as they are. */
    public static Object cell(Object value) {
        if (value == null || value instanceof Number) return value;
        return neutralise(value.toString());
    }

    /** {@link #cell} applied to every value of a record. */
    public static Object[] record(Object... values) {
        Object[] out = new Object[values.length];
        for (int i = 0; i < values.length; i++) out[i] = cell(values[i]);
        return out;
    }

    private static boolean triggersFormula(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
