package org.innoladder.credit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The white list's memo gives, for every enterprise, exactly the outcome of evaluating every criterion afresh — for
 * criteria naming their fields, for ones reaching a variable otherwise ({@code credit["overdue"]},
 * {@code size(points)}), with and without points — while evaluating each criterion once per distinct input.
 */
class WhiteListMemoTest {
    static WhiteListRule rule() {
        return WhiteListRule.of(List.of(
                new ProductRule.Criterion("percentile", "前 40%", "top 40%", "points.percentile >= 60.0"),
                new ProductRule.Criterion("tech", "科技型", "tech", "'HNTE' in tiers || 'TSME' in qualified"),
                new ProductRule.Criterion("npl", "无不良", "no NPL", "credit.non_performing == 0.0 && credit[\"overdue\"] < 2.0"),
                new ProductRule.Criterion("scored", "有积分", "scored", "points.stage == 'growth'"),
                new ProductRule.Criterion("debt", "余额", "outstanding", "credit.outstanding <= 1000000.0 || credit.loans == 0.0")));
    }

    @Test
    void theMemoAgreesWithEvaluatingAfreshAndSavesEvaluations() {
        WhiteListRule rule = rule();
        WhiteListMemo memo = new WhiteListMemo(rule, WhiteListComputation::tiers);
        Random rnd = new Random(12);
        String[] stages = {"startup", "growth", "stable"};
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            boolean scored = rnd.nextInt(5) > 0;
            WhiteListMemo.Inputs in = new WhiteListMemo.Inputs(scored ? (double) rnd.nextInt(100) : null, rnd.nextInt(101),
                    stages[rnd.nextInt(3)], rnd.nextInt(8), rnd.nextInt(4), rnd.nextInt(3), rnd.nextInt(3), rnd.nextInt(2),
                    rnd.nextInt(4) * 500_000.0);
            Map<String, Object> points = new HashMap<>();
            if (in.total() != null) {
                points.put("total", in.total());
                points.put("percentile", in.percentile());
                points.put("stage", in.stage());
            }
            Map<String, Object> credit = Map.of("loans", (double) in.loans(), "overdue", (double) in.overdue(),
                    "non_performing", (double) in.npl(), "outstanding", in.outstanding());
            WhiteListRule.Outcome fresh = rule.evaluate(WhiteListRule.input(points, WhiteListComputation.tiers(in.held()),
                    WhiteListComputation.tiers(in.qualified()), credit));
            assertThat(memo.evaluate(in)).as("enterprise %d: %s", i, in).isEqualTo(fresh);
        }
        // 5 criteria × 20,000 enterprises evaluated afresh would be 100,000 evaluations
        assertThat(memo.evaluations()).isLessThan(500);
    }

    @Test
    void aCriterionReadsTheFieldsItNamesAndAllOfAVariableItReachesOtherwise() {
        List<String> percentile = new ArrayList<>();
        for (Object f : WhiteListMemo.reads("points.percentile >= 60.0")) percentile.add(f.toString());
        assertThat(percentile).containsExactly("SCORED", "PERCENTILE");
        List<String> all = new ArrayList<>();
        for (Object f : WhiteListMemo.reads("size(points) > 2")) all.add(f.toString());
        assertThat(all).containsExactly("SCORED", "TOTAL", "PERCENTILE", "STAGE");
        List<String> credit = new ArrayList<>();
        for (Object f : WhiteListMemo.reads("credit[\"overdue\"] == 0.0")) credit.add(f.toString());
        assertThat(credit).containsExactly("LOANS", "OVERDUE", "NPL", "OUTSTANDING");
        List<String> tiers = new ArrayList<>();
        for (Object f : WhiteListMemo.reads("'HNTE' in tiers")) tiers.add(f.toString());
        assertThat(tiers).containsExactly("TIERS");
    }
}
