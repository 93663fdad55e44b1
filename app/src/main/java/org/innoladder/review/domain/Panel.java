package org.innoladder.review.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A panel's scores in numbers: the mean, the median, the outliers (a score further than the form's configured
 * distance from the median), moderation and the threshold. A moderated score replaces the expert's score in every
 * figure and resolves its outlier flag, whatever the new value: the moderator may keep the score, but must say why.
 * Means are rounded half up to two decimals; a score exactly at the distance is not an outlier ("more than").
 */
public final class Panel {

    private Panel() {
    }

    /** One expert's submitted total, and its moderation when there is one. */
    public record Sheet(long expertId, BigDecimal total, BigDecimal moderated, String moderationReason) {
        public Sheet {
            if (total == null) throw new IllegalArgumentException("a sheet needs its total");
            if (moderated != null && (moderationReason == null || moderationReason.isBlank())) {
                throw new IllegalArgumentException("a moderated score needs its reason");
            }
        }

        public static Sheet of(long expertId, double total) {
            return new Sheet(expertId, BigDecimal.valueOf(total), null, null);
        }

        public BigDecimal effective() {
            return moderated != null ? moderated : total;
        }
    }

    public record Outlier(long expertId, BigDecimal score, BigDecimal distance, boolean resolved, Why why) {
    }

    /**
     * {@code passes} is null when the form has no threshold (the HNTE ruleset decides there) or no sheet was
     * submitted; {@code unresolved} counts the outliers still waiting for moderation.
     */
    public record Summary(int sheets, BigDecimal mean, BigDecimal median, List<Outlier> outliers, int unresolved,
                          BigDecimal threshold, Boolean passes, Why verdict) {
    }

    public static Summary summarise(List<Sheet> sheets, BigDecimal outlierDistance, BigDecimal threshold) {
        if (sheets.isEmpty()) {
            return new Summary(0, null, null, List.of(), 0, threshold, null, new Why("尚无已提交的评分", "no score submitted yet"));
        }
        List<BigDecimal> values = sheets.stream().map(Sheet::effective).sorted().toList();
        BigDecimal median = median(values);
        BigDecimal mean = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(values.size()), 2, RoundingMode.HALF_UP);
        List<Outlier> outliers = new ArrayList<>();
        for (Sheet s : sheets) {
            BigDecimal distance = s.effective().subtract(median).abs();
            boolean far = outlierDistance != null && distance.compareTo(outlierDistance) > 0;
            if (far || s.moderated() != null) {
                boolean resolved = s.moderated() != null;
                outliers.add(new Outlier(s.expertId(), s.total(), s.total().subtract(medianOfOriginals(sheets)).abs(), resolved,
                        resolved ? new Why("已调整：" + plain(s.total()) + " → " + plain(s.moderated()) + "（理由：" + s.moderationReason() + "）",
                                "moderated: " + plain(s.total()) + " → " + plain(s.moderated()) + " (reason: " + s.moderationReason() + ")")
                                : new Why("与中位数 " + plain(median) + " 相差 " + plain(distance) + " 分，超过允许偏差 " + plain(outlierDistance) + " 分",
                                "differs by " + plain(distance) + " from the median " + plain(median) + ", more than the allowed " + plain(outlierDistance))));
            }
        }
        outliers.sort(Comparator.comparingLong(Outlier::expertId));
        int unresolved = (int) outliers.stream().filter(o -> !o.resolved()).count();
        Boolean passes = threshold == null ? null : mean.compareTo(threshold) >= 0;
        Why verdict = threshold == null
                ? new Why("平均分 " + plain(mean) + "（本表不设通过线，由认定规则判定）", "mean " + plain(mean) + " (no threshold on this form: the ruleset decides)")
                : passes ? new Why("平均分 " + plain(mean) + " 达到通过线 " + plain(threshold), "mean " + plain(mean) + " reaches the threshold " + plain(threshold))
                : new Why("平均分 " + plain(mean) + " 低于通过线 " + plain(threshold), "mean " + plain(mean) + " is below the threshold " + plain(threshold));
        return new Summary(sheets.size(), mean, median, List.copyOf(outliers), unresolved, threshold, passes, verdict);
    }

    /** The outlier distance of a moderated sheet is reported against the original scores, as it was flagged. */
    private static BigDecimal medianOfOriginals(List<Sheet> sheets) {
        return median(sheets.stream().map(Sheet::total).sorted().toList());
    }

    static BigDecimal median(List<BigDecimal> sorted) {
        int n = sorted.size();
        if (n % 2 == 1) return sorted.get(n / 2);
        return sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_UP);
    }

    static String plain(BigDecimal b) {
        return b == null ? "—" : b.stripTrailingZeros().toPlainString();
    }
}
