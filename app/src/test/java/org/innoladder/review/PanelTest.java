package org.innoladder.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.innoladder.review.domain.Panel;
import org.innoladder.review.domain.Panel.Sheet;
import org.innoladder.review.domain.Ranking;
import org.junit.jupiter.api.Test;

/** Mean, median, outliers, moderation, threshold and ranking against cases worked out by hand (in the comments). */
class PanelTest {
    static final BigDecimal TEN = BigDecimal.TEN;

    /** 68 70 72 74 90: median 72, mean 374 / 5 = 74.80; 90 is 18 from the median, more than 10: an outlier. */
    @Test
    void fiveScoresWithOneOutlier() {
        Panel.Summary s = Panel.summarise(List.of(Sheet.of(1, 70), Sheet.of(2, 72), Sheet.of(3, 74), Sheet.of(4, 90), Sheet.of(5, 68)),
                TEN, new BigDecimal("60"));
        assertThat(s.median()).isEqualByComparingTo("72");
        assertThat(s.mean()).isEqualTo(new BigDecimal("74.80"));
        assertThat(s.outliers()).singleElement().satisfies(o -> {
            assertThat(o.expertId()).isEqualTo(4);
            assertThat(o.distance()).isEqualByComparingTo("18");
            assertThat(o.resolved()).isFalse();
            assertThat(o.why().zh()).isEqualTo("与中位数 72 相差 18 分，超过允许偏差 10 分");
        });
        assertThat(s.unresolved()).isEqualTo(1);
        assertThat(s.passes()).isTrue();
    }

    /** Moderating 90 to 78: 68 70 72 74 78, mean 362 / 5 = 72.40, median 72; the flag is resolved and says why. */
    @Test
    void moderationReplacesTheScoreAndResolvesTheFlag() {
        Panel.Summary s = Panel.summarise(List.of(Sheet.of(1, 70), Sheet.of(2, 72), Sheet.of(3, 74),
                new Sheet(4, new BigDecimal("90"), new BigDecimal("78"), "合议：对标准制定的加分理解有误"), Sheet.of(5, 68)), TEN, new BigDecimal("60"));
        assertThat(s.mean()).isEqualTo(new BigDecimal("72.40"));
        assertThat(s.unresolved()).isZero();
        assertThat(s.outliers()).singleElement().satisfies(o -> {
            assertThat(o.resolved()).isTrue();
            assertThat(o.why().zh()).isEqualTo("已调整：90 → 78（理由：合议：对标准制定的加分理解有误）");
        });
    }

    @Test
    void aModerationWithoutReasonIsRefused() {
        assertThatThrownBy(() -> new Sheet(1, TEN, BigDecimal.ONE, " ")).hasMessageContaining("reason");
    }

    /** 60 65 80 81: median (65 + 80) / 2 = 72.50, mean 286 / 4 = 71.50 < 72: fails; 60 is 12.5 away: outlier. */
    @Test
    void evenPanelMedianAndAFailedThreshold() {
        Panel.Summary s = Panel.summarise(List.of(Sheet.of(1, 60), Sheet.of(2, 65), Sheet.of(3, 80), Sheet.of(4, 81)), TEN,
                new BigDecimal("72"));
        assertThat(s.median()).isEqualByComparingTo("72.5");
        assertThat(s.mean()).isEqualTo(new BigDecimal("71.50"));
        assertThat(s.outliers()).extracting(Panel.Outlier::expertId).containsExactly(1L);
        assertThat(s.passes()).isFalse();
        assertThat(s.verdict().zh()).isEqualTo("平均分 71.5 低于通过线 72");
    }

    /** 50 60 70: both ends exactly 10 from the median 60: not "more than" 10, no outlier; mean 60 meets 60. */
    @Test
    void boundariesAreInclusiveForTheThresholdAndExclusiveForOutliers() {
        Panel.Summary s = Panel.summarise(List.of(Sheet.of(1, 50), Sheet.of(2, 60), Sheet.of(3, 70)), TEN, new BigDecimal("60"));
        assertThat(s.outliers()).isEmpty();
        assertThat(s.passes()).isTrue();
    }

    /** 70 71 71: 212 / 3 = 70.666… → 70.67 (half up); no threshold: passes is unknown, the ruleset decides. */
    @Test
    void meanRoundsHalfUpAndNoThresholdLeavesTheVerdictToTheRuleset() {
        Panel.Summary s = Panel.summarise(List.of(Sheet.of(1, 70), Sheet.of(2, 71), Sheet.of(3, 71)), TEN, null);
        assertThat(s.mean()).isEqualTo(new BigDecimal("70.67"));
        assertThat(s.passes()).isNull();
        assertThat(s.verdict().zh()).contains("由认定规则判定");
    }

    /** 80 (1), 75.5 (2), 80 (3), 60 (4), threshold 70: ranks 1, 1, 3, 4; the last does not pass. */
    @Test
    void rankingSharesRanksOnTies() {
        List<Ranking.Ranked> r = Ranking.rank(List.of(new Ranking.Entry(1, new BigDecimal("80")), new Ranking.Entry(2, new BigDecimal("75.5")),
                new Ranking.Entry(3, new BigDecimal("80.00")), new Ranking.Entry(4, new BigDecimal("60"))), new BigDecimal("70"));
        assertThat(r).extracting(Ranking.Ranked::caseId).containsExactly(1L, 3L, 2L, 4L);
        assertThat(r).extracting(Ranking.Ranked::rank).containsExactly(1, 1, 3, 4);
        assertThat(r).extracting(Ranking.Ranked::passes).containsExactly(true, true, true, false);
    }
}
