package org.innoladder.enterprise.internal;

import org.innoladder.rules.ladder.Tier;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.ColumnType;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * How facts read on pages and in exports: money in 万元 with two decimals, unknown as "—" (never 0), booleans
 * and coded values in the reader's language. Templates call it as {@code @factFormatter}.
 */
@Component("factFormatter")
public class FactFormatter {
    public static final String UNKNOWN = "—";
    static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

    private final MessageSource messages;

    public FactFormatter(MessageSource messages) {
        this.messages = messages;
    }

    /** Yuan → 万元, two decimals, rounded half up; null stays null. */
    public static BigDecimal toWan(BigDecimal yuan) {
        return yuan == null ? null : yuan.divide(TEN_THOUSAND, 2, RoundingMode.HALF_UP);
    }

    /** A ratio (0.0512) → percent with two decimals (5.12); null stays null. */
    public static BigDecimal toPercent(BigDecimal ratio) {
        return ratio == null ? null : ratio.multiply(BigDecimal.valueOf(100)).setScale(2, RoundingMode.HALF_UP);
    }

    /** "1,234.56" 万元 or "—". */
    public String wan(BigDecimal yuan) {
        return yuan == null ? UNKNOWN : decimal().format(toWan(yuan));
    }

    /** "5.12" (percent) or "—". */
    public String percent(BigDecimal ratio) {
        return ratio == null ? UNKNOWN : decimal().format(toPercent(ratio));
    }

    public String number(Number n) {
        return n == null ? UNKNOWN : n.toString();
    }

    public String text(Object value) {
        return value == null || value.toString().isBlank() ? UNKNOWN : value.toString();
    }

    public String bool(Boolean b, Locale locale) {
        if (b == null) return UNKNOWN;
        return messages.getMessage(b ? "enterprise.yes" : "enterprise.no", null, locale);
    }

    public String domain(String code, Locale locale) {
        HnteDomain d = code == null ? null : HnteDomain.ofCode(code);
        if (d == null) return text(code);
        return d.code() + " " + (isEnglish(locale) ? d.nameEn() : d.nameZh());
    }

    public String recognitionKind(String kind, Locale locale) {
        return Tier.valueOf(kind).recognitionLabel(isEnglish(locale) ? Locale.ENGLISH : Locale.CHINESE);
    }

    /** One yearly fact as the file page shows it. */
    public String fact(Column column, Object value, Locale locale) {
        if (value == null) return UNKNOWN;
        if (column == Column.RD_INSTITUTION_LEVEL) {
            return messages.getMessage("enterprise.rdLevel." + value, null, value.toString(), locale);
        }
        ColumnType type = column.type();
        return switch (type) {
            case MONEY -> wan((BigDecimal) value);
            case BOOL -> bool((Boolean) value, locale);
            default -> value.toString();
        };
    }

    /** The unit a column's values are shown in on pages, or empty. */
    public String unit(Column column, Locale locale) {
        if (column.type() != ColumnType.MONEY) return "";
        String key = column == Column.VALUATION_USD ? "enterprise.unit.wanUsd" : "enterprise.unit.wan";
        return messages.getMessage(key, null, locale);
    }

    public String label(Column column, Locale locale) {
        return messages.getMessage("column." + column.key(), null, column.headerZh(), locale);
    }

    private static boolean isEnglish(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }

    private static DecimalFormat decimal() {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
    }
}
