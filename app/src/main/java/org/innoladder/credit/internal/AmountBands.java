package org.innoladder.credit.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import org.innoladder.rules.ladder.Tier;
import org.innoladder.web.BadParameterException;

/**
 * A product's amounts by band: by the enterprise's sales revenue (营业收入, the latest year's facts) or by the tiers it
 * holds. The band that applies gives the highest amount the enterprise may borrow; where none applies (revenue
 * unknown, no listed tier held) the product's own range stands.
 */
public record AmountBands(Basis basis, List<Band> bands) {
    public static final int MAX_BANDS = 12;
    static final BigDecimal WAN = BigDecimal.valueOf(10_000);

    public enum Basis {
        REVENUE("按营业收入分档", "by sales revenue"), TIER("按梯度分档", "by tier");

        private final String zh, en;

        Basis(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        public String zh() { return zh; }

        public String en() { return en; }
    }

    /** One band: {@code from} (yuan of revenue, REVENUE) or {@code tier} (TIER), and its highest amount in yuan. */
    public record Band(BigDecimal from, String tier, BigDecimal max) {
    }

    /** The amount that applies to one enterprise, and why. */
    public record Applicable(BigDecimal max, String zh, String en) {
    }

    public static final AmountBands NONE = new AmountBands(null, List.of());

    public boolean isEmpty() {
        return basis == null || bands.isEmpty();
    }

    /** The highest amount for an enterprise with this revenue (yuan; null = unknown) and these tiers; null when no band applies. */
    public Applicable applicable(Double revenue, List<String> tiers) {
        if (isEmpty()) return null;
        if (basis == Basis.REVENUE) {
            if (revenue == null) return null;
            Band b = bands.stream().filter(x -> x.from().doubleValue() <= revenue).max(Comparator.comparing(Band::from)).orElse(null);
            if (b == null) return null;
            return new Applicable(b.max(), "营业收入 " + wan(b.from()) + " 万元及以上档", "revenue band from " + wan(b.from()) + " 万元");
        }
        Band b = bands.stream().filter(x -> tiers.contains(x.tier())).max(Comparator.comparing(Band::max)).orElse(null);
        if (b == null) return null;
        Tier t = Tier.valueOf(b.tier());
        return new Applicable(b.max(), t.nameZh() + "档", t.nameEn() + " band");
    }

    static String wan(BigDecimal yuan) {
        return yuan.divide(WAN, 4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /**
     * The bands as the form writes them, one a line, amounts in 万元: {@code 2000 | 500} (revenue of at least 2000
     * 万元: at most 500 万元) or {@code HNTE | 800}. Each band's amount lies within the product's range.
     */
    public static AmountBands parse(String basisText, String text, BigDecimal min, BigDecimal max) {
        String t = text == null ? "" : text.strip();
        if (basisText == null || basisText.isBlank()) {
            if (!t.isEmpty()) {
                throw new BadParameterException("bandBasis", "", "填写了分档额度，须选择分档依据（营业收入或梯度）",
                        "amount bands need a basis (sales revenue or tier)");
            }
            return NONE;
        }
        Basis basis;
        try {
            basis = Basis.valueOf(basisText.strip());
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("bandBasis", basisText, "须为 REVENUE（营业收入）或 TIER（梯度）", "must be REVENUE or TIER");
        }
        List<Band> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        String[] lines = t.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int n = i + 1;
            String[] parts = line.split("\\|", -1);
            if (parts.length != 2) {
                throw new BadParameterException("bands", line, "第 " + n + " 行须为“" + (basis == Basis.REVENUE ? "营业收入下限（万元）" : "梯度代码")
                        + " | 最高额度（万元）”", "line " + n + " must read '" + (basis == Basis.REVENUE ? "revenue from (万元)" : "tier code")
                        + " | highest amount (万元)'");
            }
            BigDecimal from = null;
            String tier = null;
            if (basis == Basis.REVENUE) {
                from = wanNumber(parts[0], n, line).multiply(WAN);
                if (!keys.add(from.stripTrailingZeros().toPlainString())) {
                    throw new BadParameterException("bands", line, "第 " + n + " 行的营业收入下限重复", "line " + n + ": the revenue band appears twice");
                }
            } else {
                tier = parts[0].strip().toUpperCase(java.util.Locale.ROOT);
                try {
                    Tier.valueOf(tier);
                } catch (IllegalArgumentException e) {
                    throw new BadParameterException("bands", line, "第 " + n + " 行的梯度代码不存在（如 TSME、HNTE、GAZELLE）",
                            "line " + n + ": no such tier code (e.g. TSME, HNTE, GAZELLE)");
                }
                if (!keys.add(tier)) {
                    throw new BadParameterException("bands", line, "第 " + n + " 行的梯度重复", "line " + n + ": the tier appears twice");
                }
            }
            BigDecimal amount = wanNumber(parts[1], n, line).multiply(WAN);
            if (amount.compareTo(min) < 0 || amount.compareTo(max) > 0) {
                throw new BadParameterException("bands", line, "第 " + n + " 行的最高额度须在产品额度 " + wan(min) + "–" + wan(max) + " 万元之内",
                        "line " + n + ": the highest amount must lie within the product's range " + wan(min) + " to " + wan(max) + " 万元");
            }
            out.add(new Band(from, tier, amount));
        }
        if (out.isEmpty()) {
            throw new BadParameterException("bands", "", "选择了分档依据，须至少填写一档", "a band basis needs at least one band");
        }
        if (out.size() > MAX_BANDS) {
            throw new BadParameterException("bands", String.valueOf(out.size()), "至多 " + MAX_BANDS + " 档", "at most " + MAX_BANDS + " bands");
        }
        if (basis == Basis.REVENUE) out.sort(Comparator.comparing(Band::from));
        return new AmountBands(basis, List.copyOf(out));
    }

    private static BigDecimal wanNumber(String text, int line, String whole) {
        try {
            BigDecimal v = new BigDecimal(text.strip());
            if (v.signum() < 0 || v.compareTo(BigDecimal.valueOf(10_000_000)) > 0 || v.scale() > 4) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new BadParameterException("bands", whole, "第 " + line + " 行的“" + text.strip() + "”不是 0–10000000 之间的万元数",
                    "line " + line + ": '" + text.strip() + "' is not an amount in 万元 between 0 and 10000000");
        }
    }

    /** The bands back as form text. */
    public String format() {
        StringJoiner j = new StringJoiner("\n");
        for (Band b : bands) j.add((basis == Basis.REVENUE ? wan(b.from()) : b.tier()) + " | " + wan(b.max()));
        return j.toString();
    }

    /** As stored in credit_product.amount_bands. */
    public List<Map<String, Object>> json() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Band b : bands) out.add(b.tier() == null ? Map.of("from", b.from(), "max", b.max()) : Map.of("tier", b.tier(), "max", b.max()));
        return out;
    }

    static AmountBands of(String basis, List<Map<String, Object>> stored) {
        if (basis == null || stored == null || stored.isEmpty()) return NONE;
        List<Band> out = new ArrayList<>();
        for (Map<String, Object> m : stored) {
            out.add(new Band(m.get("from") == null ? null : new BigDecimal(String.valueOf(m.get("from"))),
                    m.get("tier") == null ? null : String.valueOf(m.get("tier")), new BigDecimal(String.valueOf(m.get("max")))));
        }
        Basis b = Basis.valueOf(basis);
        if (b == Basis.REVENUE) out.sort(Comparator.comparing(Band::from));
        return new AmountBands(b, List.copyOf(out));
    }

    /** "营业收入 2000 万元及以上：最高 500 万元；…" for lists. */
    public String describe(boolean zh) {
        if (isEmpty()) return "";
        StringJoiner j = new StringJoiner(zh ? "；" : "; ");
        for (Band b : bands) {
            String key = basis == Basis.REVENUE ? (zh ? "营业收入 " + wan(b.from()) + " 万元起" : "revenue from " + wan(b.from()) + " 万元")
                    : (zh ? Tier.valueOf(b.tier()).nameZh() : Tier.valueOf(b.tier()).nameEn());
            j.add(key + (zh ? "：最高 " : ": up to ") + wan(b.max()) + " 万元");
        }
        return j.toString();
    }
}
