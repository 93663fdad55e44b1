package org.innoladder.credit.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.innoladder.web.BadParameterException;

/** Amounts and dates of credit forms and reports, refused with the field's name, the value and the rule. */
final class CreditParams {
    static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999999999.99");

    private CreditParams() {
    }

    /** Yuan, more than 0, at most two decimals; null when blank and not required. */
    static BigDecimal amount(String name, String value, boolean required) {
        String t = value == null ? "" : value.strip().replace(",", "");
        if (t.isEmpty()) {
            if (required) throw new BadParameterException(name, value == null ? "" : value, "须填写金额（元）", "an amount in yuan is required");
            return null;
        }
        BigDecimal d;
        try {
            d = new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, value, "须为金额（元），如 500000 或 500000.50", "must be an amount in yuan, e.g. 500000 or 500000.50");
        }
        if (d.signum() <= 0 || d.scale() > 2 || d.compareTo(MAX_AMOUNT) > 0) {
            throw new BadParameterException(name, value, "金额须大于 0、至多两位小数且不超过 " + MAX_AMOUNT.toPlainString() + " 元",
                    "the amount must be greater than 0, have at most two decimals and not exceed " + MAX_AMOUNT.toPlainString());
        }
        return d;
    }

    static LocalDate date(String name, String value) {
        String t = value == null ? "" : value.strip();
        if (t.isEmpty()) return null;
        try {
            LocalDate d = LocalDate.parse(t);
            if (d.getYear() < 1990 || d.getYear() > 2100) throw new DateTimeParseException("range", t, 0);
            return d;
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, value, "须为 1990–2100 年间的日期，格式 YYYY-MM-DD", "must be a date YYYY-MM-DD between 1990 and 2100");
        }
    }

    static String text(Map<String, Object> body, String key) {
        Object v = body == null ? null : body.get(key);
        String t = v == null ? null : String.valueOf(v);
        if (t != null && t.indexOf('\u0000') >= 0) {
            throw new BadParameterException(key, t, "不能含有 NUL 字符", "must not contain the NUL character");
        }
        return t;
    }

    static String limited(String name, String value, int max) {
        if (value != null && value.length() > max) {
            throw new BadParameterException(name, value, "至多 " + max + " 字", "at most " + max + " characters");
        }
        return value;
    }

    /** "true"/"false" (a form's yes or no); anything else names the field. */
    static boolean bool(String name, String value) {
        String t = value == null ? "" : value.strip();
        if (t.equals("true")) return true;
        if (t.equals("false")) return false;
        throw new BadParameterException(name, value, "须为 true（是）或 false（否）", "must be true or false");
    }
}
