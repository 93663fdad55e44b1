package org.innoladder.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.innoladder.review.domain.HntePrediction;
import org.innoladder.review.domain.HntePrediction.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The predicted outcome against hand-computed ranges: the stored result, then narrowed by the experts' mean (form of 38). */
class HntePredictionTest {
    @ParameterizedTest(name = "{0} {1}–{2}, mean {3} → {4}")
    @CsvSource(nullValues = "null", value = {
            // decided by the ruleset: the mean is not looked at
            "QUALIFIED,     75, 75, 10.00, PASS,          预计通过",
            "NOT_QUALIFIED, 40, 40, 30.00, FAIL,          预计不通过",
            "null,        null, null, null, NOT_EVALUATED, 未评估",
            // open, no panel yet
            "UNDETERMINED,  51, 100, null, OPEN,          待专家评分（得分区间 51–100）",
            "UNDETERMINED,  30, 68,  null, FAIL,          预计不通过（专家项满分仍不足71分）",
            "UNDETERMINED,  30, 70,  null, FAIL,          预计不通过（专家项满分仍不足71分）",
            // 51 + 28.5 = 79.5 > 70
            "UNDETERMINED,  51, 100, 28.50, PASS,         预计通过（专家均分 28.5，估算得分 ≥ 79.5）",
            // low 40 + 30 = 70 is not above 70; high 100 − (38 − 30) = 92: still open
            "UNDETERMINED,  40, 100, 30.00, OPEN,         待定（专家均分 30，估算得分 70–92，需 ≥ 71）",
            // 40 + 30.01 = 70.01 > 70
            "UNDETERMINED,  40, 100, 30.01, PASS,         预计通过（专家均分 30.01，估算得分 ≥ 70.01）",
            // high 80 − (38 − 28) = 70 ≤ 70
            "UNDETERMINED,  20, 80,  28.00, FAIL,         预计不通过（专家均分 28，估算得分 ≤ 70）",
            // high 80 − (38 − 28.5) = 70.5 > 70, low 48.5: open
            "UNDETERMINED,  20, 80,  28.50, OPEN,         待定（专家均分 28.5，估算得分 48.5–70.5，需 ≥ 71）",
    })
    void prediction(String outcome, Integer min, Integer max, BigDecimal mean, Kind kind, String zh) {
        HntePrediction.Prediction p = HntePrediction.of(outcome, min, max, mean, 38);
        assertThat(p.kind()).isEqualTo(kind);
        assertThat(p.zh()).isEqualTo(zh);
        assertThat(p.en()).isNotBlank();
    }
}
