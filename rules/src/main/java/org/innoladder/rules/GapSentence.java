package org.innoladder.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.ColumnType;

/**
 * A gap in plain words: "研发费用需增加 40.0 万元（当前 120.0 万元 → 需 160.0 万元）", "科技人员需增加 2 人（8 → 10）".
 * Money (yuan in the facts) is shown in 万元 with one decimal and grouping, counts as whole numbers. Rulesets and policies name
 * their levers after the column they change, so the column is enough to word it.
 */
public final class GapSentence {
    private GapSentence() {
    }

    /** How a lever's column reads: Chinese and English label, and the unit of a count. */
    private record Label(String zh, String en, String unitZh, String unitEn) {
    }

    /** Keyed by the lever's column (the rulesets name their levers after the column they change). */
    private static final Map<String, Label> LABELS = Map.ofEntries(
            Map.entry("tech_staff", new Label("科技人员", "S&T staff", "人", "persons")),
            Map.entry("rd_staff", new Label("研发人员", "R&D staff", "人", "persons")),
            Map.entry("employees", new Label("职工", "employees", "人", "persons")),
            Map.entry("rd_expense", new Label("研发费用", "R&D expense", "", "")),
            Map.entry("rd_expense_domestic", new Label("境内研发费用", "domestic R&D expense", "", "")),
            Map.entry("hightech_income", new Label("高新技术产品（服务）收入", "high-tech product (service) income", "", "")),
            Map.entry("sales_revenue", new Label("销售收入", "sales revenue", "", "")),
            Map.entry("total_income", new Label("总收入", "total income", "", "")),
            Map.entry("ip_class1", new Label("Ⅰ类知识产权", "class I IP", "件", "items")),
            Map.entry("ip_class2", new Label("Ⅱ类知识产权", "class II IP", "件", "items")),
            Map.entry("conversions", new Label("科技成果转化", "technology conversions", "项", "conversions")));

    private static Label label(String lever) {
        Label l = LABELS.get(lever);
        if (l != null) return l;
        Column c = Column.ofKey(lever);
        return c == null ? new Label(lever, lever, "", "") : new Label(c.headerZh(), c.key().replace('_', ' '), "", "");
    }

    private static boolean isMoney(String lever) {
        Column c = Column.ofKey(lever);
        return c != null && c.type() == ColumnType.MONEY;
    }

    /**
     * The change of {@code column} from {@code current} to {@code required} as a sentence, English when {@code en}
     * and Chinese otherwise.
     */
    public static String of(String column, BigDecimal current, BigDecimal required, boolean en) {
        Label l = label(column);
        boolean money = isMoney(column);
        BigDecimal delta = required.subtract(current);
        boolean up = delta.signum() >= 0;
        if (en) {
            String unitEn = delta.abs().compareTo(BigDecimal.ONE) == 0 && l.unitEn().endsWith("s")
                    ? l.unitEn().substring(0, l.unitEn().length() - 1) : l.unitEn();
            String unit = money ? " × 10k yuan" : unitEn.isEmpty() ? "" : " " + unitEn;
            return capitalise(l.en()) + " must " + (up ? "increase" : "decrease") + " by " + amount(delta.abs(), money) + unit
                    + " (now " + amount(current, money) + " → " + amount(required, money) + ")";
        }
        String unit = money ? " 万元" : l.unitZh().isEmpty() ? "" : " " + l.unitZh();
        String change = l.zh() + "需" + (up ? "增加 " : "减少 ") + amount(delta.abs(), money) + unit;
        return money
                ? change + "（当前 " + amount(current, true) + unit + " → 需 " + amount(required, true) + unit + "）"
                : change + "（" + amount(current, false) + " → " + amount(required, false) + "）";
    }

    /** Money in 万元 with one decimal, counts as integers, both with grouping (12,345.6). */
    private static String amount(BigDecimal v, boolean money) {
        if (v == null) return "—";
        java.text.DecimalFormat f = new java.text.DecimalFormat(money ? "#,##0.0" : "#,##0",
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        if (money) return f.format(v.divide(BigDecimal.valueOf(10_000)).setScale(1, RoundingMode.HALF_UP));
        return f.format(v.setScale(0, RoundingMode.CEILING));
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
