package org.innoladder.rules.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading one cell as the data dictionary's types. A cell is a {@link String} (CSV, or text in XLSX), a
 * {@link BigDecimal} (an XLSX number), a {@link Boolean}, a date/date-time, or null. Each parser returns the
 * typed value, or throws {@link CellException} with the reason in both languages (without the column name:
 * the caller prefixes it).
 */
public final class Cells {
    private static final Pattern INTEGER = Pattern.compile("[+-]?(\\d{1,3}(,\\d{3})+|\\d+)");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?|[+-]?\\.\\d+");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?");
    private static final Pattern SERIAL = Pattern.compile("\\d{1,6}(\\.\\d+)?");
    private static final BigDecimal MONEY_LIMIT = new BigDecimal("1e16"); // numeric(18, 2)
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

    private Cells() {
    }

    /** A cell value that does not fit its type; reasons are without the column name. */
    public static final class CellException extends Exception {
        private final String zh;
        private final String en;

        public CellException(String zh, String en) {
            super(en, null, false, false);
            this.zh = zh;
            this.en = en;
        }

        public String zh() { return zh; }

        public String en() { return en; }
    }

    /** The cell as text, trimmed of (also full-width and non-breaking) spaces; null when empty. */
    public static String text(Object cell) {
        if (cell == null) return null;
        String s;
        if (cell instanceof BigDecimal d) {
            s = d.scale() > 0 ? d.stripTrailingZeros().toPlainString() : d.toPlainString();
        } else if (cell instanceof LocalDateTime dt) {
            s = dt.toLocalTime().toSecondOfDay() == 0 ? dt.toLocalDate().toString() : dt.toString();
        } else {
            s = cell.toString();
        }
        int start = 0;
        int end = s.length();
        while (start < end && blank(s.charAt(start))) start++;
        while (end > start && blank(s.charAt(end - 1))) end--;
        return start == end ? null : s.substring(start, end);
    }

    private static boolean blank(char ch) {
        return Character.isWhitespace(ch) || Character.isSpaceChar(ch) || ch == '\uFEFF';
    }

    /**
     * The error for a cell longer than its column's maximum: names the length and the maximum and shows only the
     * beginning of the value, so a huge cell is never copied into reports.
     */
    public static FieldError tooLong(String key, String headerZh, String text, int max) {
        String shown = preview(text);
        return new FieldError(key, shown, headerZh + "长度为 " + String.format("%,d", text.length()) + " 个字符，超过上限 "
                + String.format("%,d", max) + " 个字符", key + " is " + String.format("%,d", text.length())
                + " characters long, more than the maximum of " + String.format("%,d", max));
    }

    /** The first 40 characters of a long value followed by "…", the value itself when short. */
    public static String preview(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    public static int integer(Object cell) throws CellException {
        BigDecimal d;
        if (cell instanceof BigDecimal b) {
            d = b;
        } else {
            String s = text(cell);
            if (s != null && plainNumber(s, 9, false)) return Integer.parseInt(s);   // the common case, without regex or BigDecimal
            if (s == null || !INTEGER.matcher(s).matches()) {
                if (s != null && DECIMAL.matcher(s).matches()) {
                    d = new BigDecimal(s.replace(",", ""));
                } else {
                    throw new CellException("不是整数", "is not a whole number");
                }
            } else {
                d = new BigDecimal(s.replace(",", ""));
            }
        }
        BigDecimal stripped = d.stripTrailingZeros();
        if (stripped.scale() > 0) throw new CellException("不是整数", "is not a whole number");
        try {
            return stripped.intValueExact();
        } catch (ArithmeticException e) {
            throw new CellException("超出整数范围", "is too large");
        }
    }

    /** Money with at most two decimals; thousands separators ("1,234.50") accepted. */
    public static BigDecimal money(Object cell) throws CellException {
        BigDecimal d;
        if (cell instanceof BigDecimal b) {
            d = b;
            // A spreadsheet number may carry binary noise (0.30000000000000004); round it when it is only noise.
            BigDecimal rounded = b.setScale(2, RoundingMode.HALF_UP);
            if (b.scale() > 2 && rounded.subtract(b).abs().compareTo(new BigDecimal("1e-9")) <= 0) d = rounded;
        } else {
            String s = text(cell);
            // the common case: at most 15 digits and 2 decimals, so within range and exact at scale 2
            if (s != null && plainNumber(s, 15, true)) return new BigDecimal(s).setScale(2, RoundingMode.UNNECESSARY);
            if (s == null || !DECIMAL.matcher(s).matches()) {
                throw new CellException("不是数值", "is not a number");
            }
            d = new BigDecimal(s.replace(",", ""));
        }
        if (d.stripTrailingZeros().scale() > 2) {
            throw new CellException("小数位超过2位", "has more than 2 decimals");
        }
        if (d.abs().compareTo(MONEY_LIMIT) >= 0) {
            throw new CellException("数值过大（须小于10^16）", "is too large (must be below 10^16)");
        }
        return d.setScale(2, RoundingMode.UNNECESSARY);
    }

    /**
     * Whether {@code s} is an optional sign, 1 to {@code maxDigits} ASCII digits and, when {@code decimals}, an
     * optional point with 1 or 2 digits: the plain form most cells have, which needs no regex.
     */
    private static boolean plainNumber(String s, int maxDigits, boolean decimals) {
        int n = s.length();
        int i = 0;
        if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) i++;
        int start = i;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
        int digits = i - start;
        if (digits == 0 || digits > maxDigits) return false;
        if (i == n) return true;
        if (!decimals || s.charAt(i) != '.') return false;
        int point = ++i;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
        int fraction = i - point;
        return i == n && fraction >= 1 && fraction <= 2;
    }

    /** true/false, 1/0, 是/否, Y/N (also yes/no, 有/无, 对/错 are not accepted: the dictionary lists four pairs). */
    public static boolean bool(Object cell) throws CellException {
        if (cell instanceof Boolean b) return b;
        if (cell instanceof BigDecimal d) {
            if (d.compareTo(BigDecimal.ONE) == 0) return true;
            if (d.signum() == 0) return false;
        }
        String s = text(cell);
        String n = s == null ? "" : s.toLowerCase(Locale.ROOT);
        switch (n) {
            case "true", "1", "是", "y" -> { return true; }
            case "false", "0", "否", "n" -> { return false; }
            default -> throw new CellException("应为 是/否、true/false、1/0 或 Y/N",
                    "must be true/false, 1/0, 是/否 or Y/N");
        }
    }

    /** ISO yyyy-mm-dd, yyyy/m/d, an Excel serial date (number or digits), or a typed date. */
    public static LocalDate date(Object cell) throws CellException {
        if (cell instanceof LocalDate d) return d;
        if (cell instanceof LocalDateTime dt) return dt.toLocalDate();
        if (cell instanceof TemporalAccessor t) {
            try {
                return LocalDate.from(t);
            } catch (DateTimeException e) {
                throw new CellException("不是有效日期", "is not a valid date");
            }
        }
        if (cell instanceof BigDecimal d) return serial(d);
        String s = text(cell);
        if (s == null) throw new CellException("不是有效日期", "is not a valid date");
        Matcher m = ISO_DATE.matcher(s);
        if (m.matches()) {
            try {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            } catch (DateTimeException e) {
                throw new CellException("不是有效日期", "is not a valid date");
            }
        }
        if (SERIAL.matcher(s).matches()) return serial(new BigDecimal(s));
        throw new CellException("不是有效日期（应为 yyyy-mm-dd、yyyy/m/d 或 Excel 日期）",
                "is not a valid date (use yyyy-mm-dd, yyyy/m/d or an Excel date)");
    }

    /** Excel's 1900 date system; serial 60 is Excel's fictitious 1900-02-29, so count from 1899-12-30 above it. */
    private static LocalDate serial(BigDecimal d) throws CellException {
        if (d.signum() <= 0 || d.compareTo(BigDecimal.valueOf(2958465)) > 0) {
            throw new CellException("不是有效的 Excel 日期序号", "is not a valid Excel date serial");
        }
        long days = d.longValue();
        if (days < 61) days++;   // before the fictitious leap day
        return EXCEL_EPOCH.plusDays(days);
    }
}
