package org.innoladder.review.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The predicted outcome of an HNTE dossier: the ruleset's stored result, narrowed by the experts' mean where a panel
 * has scored and the stored result does not contain their scores yet.
 *
 * <p>The recognition needs a total above 70 (国科发火〔2016〕32号 第十一条（七）). An UNDETERMINED result stores the score
 * range still open, with the expert-scored items counted 0 at the lower end and full at the upper end. When the panel's
 * mean total {@code m} of a form worth {@code x} points is known, the range becomes [min + m, max − (x − m)]: above 70
 * at its lower end is a predicted pass, at most 70 at its upper end a predicted failure. An estimate, since the panel's
 * facts are rounded to whole points per fact when they are recorded.
 */
public final class HntePrediction {
    static final int PASS_ABOVE = 70;

    private HntePrediction() {
    }

    public enum Kind {
        PASS("预计通过", "predicted to pass"),
        FAIL("预计不通过", "predicted to fail"),
        OPEN("待专家评分", "awaiting the experts' scores"),
        NOT_EVALUATED("未评估", "not evaluated");

        private final String zh;
        private final String en;

        Kind(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        public String zh() { return zh; }

        public String en() { return en; }
    }

    /** {@code zh}: the sentence the pages show. */
    public record Prediction(Kind kind, String zh, String en) {
    }

    /**
     * @param mean    the experts' mean total (moderated totals replacing), or null when no sheet is submitted or the
     *                stored result already contains the panel's facts
     * @param formMax the scoring form's maximum total
     */
    public static Prediction of(String outcome, Integer min, Integer max, BigDecimal mean, int formMax) {
        if (outcome == null) return new Prediction(Kind.NOT_EVALUATED, "未评估", "not evaluated");
        if ("QUALIFIED".equals(outcome)) return new Prediction(Kind.PASS, "预计通过", "predicted to pass");
        if ("NOT_QUALIFIED".equals(outcome)) return new Prediction(Kind.FAIL, "预计不通过", "predicted to fail");
        if (min == null || max == null) return new Prediction(Kind.OPEN, "待专家评分", "awaiting the experts' scores");
        if (mean == null) {
            if (max <= PASS_ABOVE) return new Prediction(Kind.FAIL, "预计不通过（专家项满分仍不足71分）",
                    "predicted to fail (below 71 even with full expert points)");
            return new Prediction(Kind.OPEN, "待专家评分（得分区间 " + min + "–" + max + "）",
                    "awaiting the experts' scores (score range " + min + "–" + max + ")");
        }
        BigDecimal low = mean.add(BigDecimal.valueOf(min));
        BigDecimal high = BigDecimal.valueOf(max).subtract(BigDecimal.valueOf(formMax).subtract(mean));
        String m = plain(mean);
        if (low.compareTo(BigDecimal.valueOf(PASS_ABOVE)) > 0) {
            return new Prediction(Kind.PASS, "预计通过（专家均分 " + m + "，估算得分 ≥ " + plain(low) + "）",
                    "predicted to pass (experts' mean " + m + ", estimated score ≥ " + plain(low) + ")");
        }
        if (high.compareTo(BigDecimal.valueOf(PASS_ABOVE)) <= 0) {
            return new Prediction(Kind.FAIL, "预计不通过（专家均分 " + m + "，估算得分 ≤ " + plain(high) + "）",
                    "predicted to fail (experts' mean " + m + ", estimated score ≤ " + plain(high) + ")");
        }
        return new Prediction(Kind.OPEN, "待定（专家均分 " + m + "，估算得分 " + plain(low) + "–" + plain(high) + "，需 ≥ 71）",
                "undecided (experts' mean " + m + ", estimated score " + plain(low) + "–" + plain(high) + ", 71 needed)");
    }

    private static String plain(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
