package org.innoladder.credit.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.innoladder.web.BadParameterException;

/**
 * A product as the bank's form posts it (amounts in 万元, rates in %, eligibility one criterion a line
 * {@code id | 中文说明 | English label | CEL}, bands one a line), checked field by field: a bad value is refused
 * naming the field, the value and the rule — for a criterion, its line and the column of the CEL error.
 */
public record ProductDraft(String code, String name, String kind, String amountMin, String amountMax, String rateMin,
                           String rateMax, String term, String eligibility, boolean poolCovered, String bandBasis,
                           String bands, boolean active) {
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    static final int MAX_CRITERIA = 16;

    /** The checked values, in yuan and fractions. */
    public record Checked(String code, String name, Products.Kind kind, BigDecimal amountMin, BigDecimal amountMax,
                          BigDecimal rateMin, BigDecimal rateMax, int termMonths, List<ProductRule.Criterion> criteria,
                          boolean poolCovered, AmountBands bands, boolean active) {
    }

    public static ProductDraft blank() {
        return new ProductDraft("", "", "POINTS", "", "", "", "", "12", "", true, "", "", true);
    }

    public static ProductDraft of(Products.Product p) {
        StringBuilder e = new StringBuilder();
        for (ProductRule.Criterion c : p.rule().criteria()) {
            e.append(c.id()).append(" | ").append(c.zh()).append(" | ").append(c.en()).append(" | ").append(c.condition()).append('\n');
        }
        return new ProductDraft(p.code(), p.name(), p.kind().name(), AmountBands.wan(p.amountMin()), AmountBands.wan(p.amountMax()),
                percent(p.rateMin()), percent(p.rateMax()), String.valueOf(p.termMonths()), e.toString().strip(), p.poolCovered(),
                p.bands().basis() == null ? "" : p.bands().basis().name(), p.bands().format(), p.active());
    }

    private static String percent(BigDecimal rate) {
        return rate.multiply(BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString();
    }

    public Checked check() {
        String c = text(code);
        if (!CODE.matcher(c).matches()) {
            throw new BadParameterException("code", code, "产品代码须为 1–40 位字母、数字、- 或 _", "1 to 40 letters, digits, - or _");
        }
        String n = text(name);
        if (n.isEmpty() || n.length() > 100) throw new BadParameterException("name", name, "须填写产品名称（1–100 字）", "give the name (1 to 100 characters)");
        Products.Kind k;
        try {
            k = Products.Kind.valueOf(text(kind));
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("kind", kind, "须为 CREDIT、IP_PLEDGE、POINTS 或 EQUITY_DEBT", "must be CREDIT, IP_PLEDGE, POINTS or EQUITY_DEBT");
        }
        BigDecimal min = number("amountMin", amountMin, new BigDecimal("0.01"), BigDecimal.valueOf(10_000_000), "万元").multiply(AmountBands.WAN);
        BigDecimal max = number("amountMax", amountMax, new BigDecimal("0.01"), BigDecimal.valueOf(10_000_000), "万元").multiply(AmountBands.WAN);
        if (max.compareTo(min) < 0) {
            throw new BadParameterException("amountMax", amountMax, "最高额度不能低于最低额度 " + AmountBands.wan(min) + " 万元",
                    "the highest amount may not be below the lowest, " + AmountBands.wan(min) + " 万元");
        }
        BigDecimal rmin = number("rateMin", rateMin, BigDecimal.ZERO, BigDecimal.valueOf(36), "%").divide(BigDecimal.valueOf(100), 4, RoundingMode.HALF_UP);
        BigDecimal rmax = number("rateMax", rateMax, BigDecimal.ZERO, BigDecimal.valueOf(36), "%").divide(BigDecimal.valueOf(100), 4, RoundingMode.HALF_UP);
        if (rmax.compareTo(rmin) < 0) {
            throw new BadParameterException("rateMax", rateMax, "最高年利率不能低于最低年利率", "the highest rate may not be below the lowest");
        }
        int months = number("term", term, BigDecimal.ONE, BigDecimal.valueOf(360), "个月").intValue();
        if (new BigDecimal(text(term)).stripTrailingZeros().scale() > 0) {
            throw new BadParameterException("term", term, "期限须为整月数", "the term is a whole number of months");
        }
        return new Checked(c, n, k, min, max, rmin, rmax, months, criteria(eligibility), poolCovered,
                AmountBands.parse(bandBasis, bands, min, max), active);
    }

    private static String text(String s) {
        return s == null ? "" : s.strip();
    }

    private static BigDecimal number(String field, String value, BigDecimal low, BigDecimal high, String unit) {
        try {
            BigDecimal v = new BigDecimal(text(value));
            if (v.compareTo(low) < 0 || v.compareTo(high) > 0 || v.scale() > 4) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new BadParameterException(field, value, "须为 " + low.toPlainString() + "–" + high.toPlainString() + " 之间的数（" + unit + "）",
                    "must be a number between " + low.toPlainString() + " and " + high.toPlainString() + " (" + unit + ")");
        }
    }

    /** The criteria, one a line; a CEL error names the line and the column within it. */
    static List<ProductRule.Criterion> criteria(String text) {
        List<ProductRule.Criterion> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String[] lines = (text == null ? "" : text).split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.strip().startsWith("#")) continue;
            int n = i + 1;
            String[] parts = line.split("\\|", 4);
            if (parts.length != 4) {
                throw new BadParameterException("eligibility", line.strip(), "第 " + n + " 行须为“编号 | 中文说明 | English label | CEL 条件”",
                        "line " + n + " must read 'id | 中文说明 | English label | CEL condition'");
            }
            String id = parts[0].strip(), zh = parts[1].strip(), en = parts[2].strip(), cel = parts[3].strip();
            if (!ID.matcher(id).matches() || !ids.add(id)) {
                throw new BadParameterException("eligibility", id, "第 " + n + " 行的编号须为小写字母开头的字母、数字或下划线（至多 32 个），且不重复",
                        "line " + n + ": the id is a lower-case letter then letters, digits or underscores (at most 32), used once");
            }
            if (zh.isEmpty() || en.isEmpty() || zh.length() > 200 || en.length() > 200) {
                throw new BadParameterException("eligibility", line.strip(), "第 " + n + " 行须填写中英文说明（各 1–200 字）",
                        "line " + n + ": give the Chinese and English label (1 to 200 characters each)");
            }
            if (cel.isEmpty() || cel.length() > 1000) {
                throw new BadParameterException("eligibility", line.strip(), "第 " + n + " 行须填写 CEL 条件（至多 1000 字）",
                        "line " + n + ": give the CEL condition (at most 1000 characters)");
            }
            ProductRule.Problem p = ProductRule.problem(cel);
            if (p != null) {
                // the column within the form's line: where the condition starts, plus the column within it
                int start = line.length() - parts[3].length() + (parts[3].length() - parts[3].stripLeading().length());
                int lineNo = n + p.line() - 1, column = (p.line() == 1 ? start : 0) + p.column();
                throw new BadParameterException("eligibility", cel, "第 " + lineNo + " 行第 " + column + " 列：" + p.message()
                        + "（可用 points.total、points.percentile、tiers、e.<数据字典字段>）", "line " + lineNo + ", column " + column + ": "
                        + p.message() + " (facts: points.total, points.percentile, tiers, e.<data-dictionary key>)");
            }
            out.add(new ProductRule.Criterion(id, zh, en, cel));
        }
        if (out.size() > MAX_CRITERIA) {
            throw new BadParameterException("eligibility", String.valueOf(out.size()), "至多 " + MAX_CRITERIA + " 条条件", "at most " + MAX_CRITERIA + " criteria");
        }
        return out;
    }
}
