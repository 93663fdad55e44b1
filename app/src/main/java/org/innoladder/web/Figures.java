package org.innoladder.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

import org.innoladder.rules.Unit;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Numbers as shared/UI.md has pages show them: money in 万元 below 1亿 and in 亿元 from there (two decimals, grouped;
 * in English millions and billions of yuan), ratios as percentages with one decimal, growth signed, counts as whole
 * numbers with their unit ("1,380 家"), unknown as "—". Templates call it as {@code @figures}; every method is
 * null-safe.
 */
@Component("figures")
public class Figures {
    public static final String UNKNOWN = "—";
    private static final BigDecimal WAN = BigDecimal.valueOf(10_000);
    private static final BigDecimal YI = BigDecimal.valueOf(100_000_000);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal BILLION = BigDecimal.valueOf(1_000_000_000);

    private final MessageSource messages;

    public Figures(MessageSource messages) {
        this.messages = messages;
    }

    /** Money in yuan: "1,234.56 万元", "12.35 亿元"; English "12.35 million yuan", "1.24 billion yuan", "5,000 yuan". */
    public static String money(Object yuan, Locale locale) {
        BigDecimal v = decimal(yuan);
        if (v == null) return UNKNOWN;
        if (english(locale)) {
            if (v.abs().compareTo(BILLION) >= 0) return two(v.divide(BILLION)) + " billion yuan";
            if (v.abs().compareTo(MILLION) >= 0) return two(v.divide(MILLION)) + " million yuan";
            return grouped(v.setScale(0, RoundingMode.HALF_UP)) + " yuan";
        }
        if (v.abs().compareTo(YI) >= 0) return two(v.divide(YI)) + " 亿元";
        return two(v.divide(WAN)) + " 万元";
    }

    /** Money in US dollars: "5,000.00 万美元", "1.00 亿美元"; English "US$50.00 million". */
    public static String usd(Object dollars, Locale locale) {
        BigDecimal v = decimal(dollars);
        if (v == null) return UNKNOWN;
        if (english(locale)) {
            if (v.abs().compareTo(BILLION) >= 0) return "US$" + two(v.divide(BILLION)) + " billion";
            return "US$" + two(v.divide(MILLION)) + " million";
        }
        if (v.abs().compareTo(YI) >= 0) return two(v.divide(YI)) + " 亿美元";
        return two(v.divide(WAN)) + " 万美元";
    }

    /** A fraction as a percentage with one decimal: 0.1166 → "11.7%". */
    public static String ratio(Object fraction) {
        BigDecimal v = decimal(fraction);
        if (v == null) return UNKNOWN;
        return one(v.multiply(BigDecimal.valueOf(100))) + "%";
    }

    /** A growth rate, signed: 0.249 → "+24.9%", −0.031 → "−3.1%". */
    public static String growth(Object fraction) {
        BigDecimal v = decimal(fraction);
        if (v == null) return UNKNOWN;
        BigDecimal pct = v.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP);
        String sign = pct.signum() > 0 ? "+" : pct.signum() < 0 ? "−" : "";
        return sign + one(pct.abs()) + "%";
    }

    /** A multiple with two decimals: "1.48 倍" / "1.48×". */
    public static String multiple(Object m, Locale locale) {
        BigDecimal v = decimal(m);
        if (v == null) return UNKNOWN;
        return two(v) + (english(locale) ? "×" : " 倍");
    }

    /** A whole number with grouping, no unit: 1380 → "1,380". */
    public static String integer(Object n) {
        BigDecimal v = decimal(n);
        if (v == null) return UNKNOWN;
        return grouped(v.setScale(0, RoundingMode.HALF_UP));
    }

    /**
     * A count with its unit: {@code count(1380, "enterprises")} → "1,380 家" / "1,380 enterprises". Units:
     * enterprises, persons, items, cases, days, years, points, policies, projects.
     */
    public String count(Object n, String unit, Locale locale) {
        BigDecimal v = decimal(n);
        if (v == null) return UNKNOWN;
        return grouped(v.setScale(0, RoundingMode.HALF_UP)) + " " + unit(unit, locale);
    }

    /** The word of a unit of {@link #count}: "家" / "enterprises". */
    public String unit(String unit, Locale locale) {
        return messages.getMessage("unit." + unit, null, unit, locale);
    }

    /** Points with up to two decimals: "72.35 分" / "72.35 points". */
    public String points(Object n, Locale locale) {
        BigDecimal v = decimal(n);
        if (v == null) return UNKNOWN;
        BigDecimal p = v.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        String text = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(p);
        return text + " " + messages.getMessage("unit.points", null, "分", locale);
    }

    /**
     * A value of a ruleset or policy in its unit. Values arrive as numbers, booleans or the text a stored result
     * holds ("0.1166", "8-100" for a score range, "provincial", "06"); text that is not a number is shown by name.
     */
    public String value(Object value, Unit unit, Locale locale) {
        if (value == null) return UNKNOWN;
        if (value instanceof Boolean b) return yesNo(b, locale);
        String text = value.toString().strip();
        if (text.isEmpty() || text.equals(UNKNOWN)) return UNKNOWN;
        if (text.equals("是") || text.equals("yes") || text.equals("true")) return yesNo(true, locale);
        if (text.equals("否") || text.equals("no") || text.equals("false")) return yesNo(false, locale);
        Unit u = unit == null ? Unit.NONE : unit;
        if (u == Unit.POINTS && text.matches("\\d+-\\d+")) {
            String[] r = text.split("-");
            return r[0] + "–" + r[1] + " " + messages.getMessage("unit.points", null, "分", locale);
        }
        if (u == Unit.DOMAIN) return domain(text, locale);
        if (u == Unit.LEVEL || decimal(text) == null) {
            return messages.getMessage("value." + text, null, text, locale);
        }
        BigDecimal v = decimal(text);
        return switch (u) {
            case YUAN -> money(v, locale);
            case USD -> usd(v, locale);
            case RATIO -> ratio(v);
            case MULTIPLE -> multiple(v, locale);
            case PERCENTILE -> one(v) + (english(locale) ? "th percentile" : " 百分位");
            case PERSONS -> count(v, "persons", locale);
            case ITEMS -> count(v, "items", locale);
            case DAYS -> count(v, "days", locale);
            case YEARS -> count(v, "years", locale);
            case POINTS -> points(v, locale);
            case YEAR -> v.setScale(0, RoundingMode.HALF_UP).toPlainString() + (english(locale) ? "" : "年");
            default -> v.stripTrailingZeros().scale() <= 0 ? integer(v) : two(v);
        };
    }

    /** The same for a unit named by its code (templates). */
    public String value(Object value, String unitCode, Locale locale) {
        return value(value, Unit.parse(unitCode).orElse(Unit.NONE), locale);
    }

    public String yesNo(Boolean b, Locale locale) {
        if (b == null) return UNKNOWN;
        return messages.getMessage(b ? "value.yes" : "value.no", null, b ? "是" : "否", locale);
    }

    private String domain(String code, Locale locale) {
        String name = messages.getMessage("domain." + code, null, "", locale);
        return name.isEmpty() ? code : code + " " + name;
    }

    private static BigDecimal decimal(Object o) {
        if (o == null) return null;
        if (o instanceof BigDecimal d) return d;
        if (o instanceof Double d) return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        if (o instanceof Float f) return Float.isFinite(f) ? BigDecimal.valueOf(f) : null;
        if (o instanceof Number n) return new BigDecimal(n.toString());
        String s = o.toString().strip().replace(",", "");
        if (!s.matches("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?")) return null;
        return new BigDecimal(s);
    }

    private static String two(BigDecimal v) {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(v.setScale(2, RoundingMode.HALF_UP));
    }

    private static String one(BigDecimal v) {
        return new DecimalFormat("#,##0.0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(v.setScale(1, RoundingMode.HALF_UP));
    }

    private static String grouped(BigDecimal v) {
        return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(v);
    }

    private static boolean english(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }
}
