package org.innoladder.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import org.innoladder.rules.EvaluationResult.Gap;
import org.junit.jupiter.api.Test;

/** Gaps in plain words: money in 万元 with one decimal, counts as whole numbers, Chinese and English. */
class EvalGapTextTest {

    static Gap gap(String criterion, String lever, String current, String required) {
        BigDecimal c = new BigDecimal(current), r = new BigDecimal(required);
        return new Gap(criterion, lever, c, r, r.subtract(c));
    }

    @Test
    void moneyIsShownInWanYuanWithOneDecimal() {
        Gap rd = gap("rd_expense_ratio", "rd_expense", "1200000", "1600000");
        assertThat(GapText.sentence(rd, Locale.CHINESE)).isEqualTo("研发费用需增加 40.0 万元（当前 120.0 万元 → 需 160.0 万元）");
        assertThat(GapText.sentence(rd, Locale.ENGLISH))
                .isEqualTo("R&D expense must increase by 40.0 × 10k yuan (now 120.0 → 160.0)");
        assertThat(GapText.sentence(gap("x", "hightech_income", "100066.40", "105508.10"), Locale.CHINESE))
                .isEqualTo("高新技术产品（服务）收入需增加 0.5 万元（当前 10.0 万元 → 需 10.6 万元）");
    }

    @Test
    void countsAreWholeNumbersWithTheirUnit() {
        assertThat(GapText.sentence(gap("tech_staff_ratio", "tech_staff", "8", "10"), Locale.CHINESE))
                .isEqualTo("科技人员需增加 2 人（8 → 10）");
        assertThat(GapText.sentence(gap("tech_staff_ratio", "tech_staff", "8", "10"), Locale.ENGLISH))
                .isEqualTo("S&T staff must increase by 2 persons (now 8 → 10)");
        assertThat(GapText.sentence(gap("core_ip", "ip_class1", "0", "1"), Locale.ENGLISH))
                .isEqualTo("Class I IP must increase by 1 item (now 0 → 1)");
        assertThat(GapText.sentence(gap("core_ip", "ip_class2", "3", "6"), Locale.CHINESE)).isEqualTo("Ⅱ类知识产权需增加 3 件（3 → 6）");
    }

    @Test
    void aLeverWithoutALabelFallsBackToTheDataDictionaryHeader() {
        assertThat(GapText.sentence(gap("x", "total_assets", "0", "50000"), Locale.CHINESE))
                .isEqualTo("资产总额需增加 5.0 万元（当前 0.0 万元 → 需 5.0 万元）");
        assertThat(GapText.sentence(gap("x", "rd_staff", "5", "3"), Locale.CHINESE)).isEqualTo("研发人员需减少 2 人（5 → 3）");
    }

    @Test
    void theCsvSummaryNamesEachCriterion() {
        assertThat(GapText.summary(List.of(gap("a", "tech_staff", "1", "2"), gap("b", "conversions", "0", "1"))))
                .isEqualTo("a: 科技人员需增加 1 人（1 → 2）; b: 科技成果转化需增加 1 项（0 → 1）");
        assertThat(GapText.summary(List.of())).isEmpty();
    }
}
