package org.innoladder.evaluation.internal;

import org.innoladder.evaluation.EvaluationRuns;
import java.util.Locale;

import org.innoladder.rules.Outcome;
import org.innoladder.rules.Ruleset;
import org.innoladder.rules.Rulesets;
import org.innoladder.web.BadParameterException;

/** A checked results filter: ruleset (id, latest version, or id@version), year, outcome, county, town, page. */
public record ResultQuery(String rulesetId, String version, int year, Outcome outcome, String county, String town,
                          int page, int size) {
    public static final int MAX_SIZE = 200;

    public static ResultQuery parse(String ruleset, String year, String outcome, String county, String town,
                                    String page, String size) {
        if (ruleset == null || ruleset.isBlank()) {
            throw new BadParameterException("ruleset", "", "必须指定规则集（" + EvaluationRuns.available() + "）",
                    "a ruleset is required (" + EvaluationRuns.available() + ")");
        }
        Ruleset r;
        try {
            r = Rulesets.get(ruleset.strip());
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("ruleset", ruleset, "未知规则集，可用：" + EvaluationRuns.available(),
                    "unknown ruleset; available: " + EvaluationRuns.available());
        }
        int y = integer("year", year, 1990, 2100, null, "年度须为 1990–2100 的整数", "the year must be a whole number 1990–2100");
        Outcome o = null;
        if (outcome != null && !outcome.isBlank()) {
            try {
                o = Outcome.valueOf(outcome.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadParameterException("outcome", outcome, "须为 QUALIFIED、NOT_QUALIFIED 或 UNDETERMINED",
                        "must be QUALIFIED, NOT_QUALIFIED or UNDETERMINED");
            }
        }
        String c = blank(county);
        if (c != null && !c.matches("[0-9]{6}")) {
            throw new BadParameterException("county", county, "区县代码须为 6 位数字", "a county code has 6 digits");
        }
        String t = blank(town);
        if (t != null && !t.matches("[0-9]{9}")) {
            throw new BadParameterException("town", town, "镇/街道代码须为 9 位数字", "a town code has 9 digits");
        }
        int p = integer("page", page, 1, Integer.MAX_VALUE, 1, "页码须为正整数", "the page must be a positive whole number");
        int s = integer("size", size, 1, MAX_SIZE, 50, "每页条数须为 1–" + MAX_SIZE, "the page size must be 1–" + MAX_SIZE);
        return new ResultQuery(r.id(), r.version(), y, o, c, t, p, s);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static int integer(String name, String value, int min, int max, Integer dflt, String zh, String en) {
        if (value == null || value.isBlank()) {
            if (dflt != null) return dflt;
            throw new BadParameterException(name, "", zh, en);
        }
        try {
            int v = Integer.parseInt(value.strip());
            if (v < min || v > max) throw new BadParameterException(name, value, zh, en);
            return v;
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, value, zh, en);
        }
    }

    public String ref() {
        return rulesetId + "@" + version;
    }
}
