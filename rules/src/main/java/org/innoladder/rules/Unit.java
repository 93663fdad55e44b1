package org.innoladder.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a value of a ruleset or policy measures, so that pages can show it as a reader expects: money (stored in
 * yuan or US dollars) in 万元/亿元, ratios as percentages, counts as whole numbers with their unit, codes by name.
 * YAML names a unit by its code or a Chinese alias ({@code unit: yuan} or {@code unit: 元}).
 */
public enum Unit {
    /** Money in yuan; shown in 万元, from 1亿 in 亿元. */
    YUAN("yuan", "元", "CNY"),
    /** Money in US dollars; shown in 万美元/亿美元. */
    USD("usd", "美元"),
    /** A fraction (0.1166); shown as a percentage (11.7%). */
    RATIO("ratio", "比例", "%"),
    /** A growth multiple (revenue Y ÷ revenue Y-4 = 1.48); shown as "1.48 倍". */
    MULTIPLE("multiple", "倍"),
    /** A percentile rank 0–100. */
    PERCENTILE("percentile", "百分位"),
    PERSONS("persons", "人"),
    ITEMS("items", "项", "件"),
    YEARS("years", "年"),
    /** A calendar year (2019). */
    YEAR("year", "年份"),
    DAYS("days", "天"),
    POINTS("points", "分"),
    /** A 高新技术领域 code ("01"); shown with its name. */
    DOMAIN("domain", "领域"),
    /** A research institution level (national, provincial, …); shown by name. */
    LEVEL("level", "级别"),
    /** Yes/no, or text shown as it is. */
    NONE("none", "无");

    private final String code;
    private final List<String> aliases;

    Unit(String code, String... aliases) {
        this.code = code;
        this.aliases = List.of(aliases);
    }

    /** The YAML code ("yuan"). */
    public String code() {
        return code;
    }

    public boolean money() {
        return this == YUAN || this == USD;
    }

    /** The unit named by a code or alias, if any. */
    public static Optional<Unit> parse(String text) {
        if (text == null) return Optional.empty();
        String t = text.strip();
        return Arrays.stream(values()).filter(u -> u.code.equalsIgnoreCase(t) || u.aliases.contains(t)).findFirst();
    }

    /** Every code, for error messages. */
    public static String codes() {
        return String.join(", ", Arrays.stream(values()).map(Unit::code).toList());
    }
}
