package org.innoladder.rules.points;

import java.util.List;

/**
 * The innovation points of one enterprise in one year.
 *
 * @param stage             the life-cycle stage id
 * @param stageUncertain    true when a stage condition before the chosen one was unknown (a fact it needs is
 *                          absent), so the enterprise fell through to a later stage
 * @param points            indicatorPoints + bonus − deduction
 * @param indicatorPoints   Σ indicator points (the weighted standard scores)
 * @param bonus             bonus points after the model's bonus cap
 * @param deduction         deduction points (positive number, subtracted) after the model's deduction cap
 * @param percentileInStage 0..100: the share of the other enterprises of the same stage with fewer points
 * @param missing           ids of the indicators whose value is unknown
 */
public record EnterprisePoints(String creditCode, String name, String stage, boolean stageUncertain,
                               double points, double indicatorPoints, double bonus, double deduction,
                               double percentileInStage, List<GroupSubtotal> groups,
                               List<IndicatorScore> indicators, List<AdjustmentResult> adjustments,
                               List<String> missing) {
    /** The score of one indicator, or null. */
    public IndicatorScore indicator(String id) {
        for (IndicatorScore s : indicators) {
            if (s.id().equals(id)) return s;
        }
        return null;
    }

    /** The subtotal of one group, or null. */
    public GroupSubtotal group(String id) {
        for (GroupSubtotal g : groups) {
            if (g.id().equals(id)) return g;
        }
        return null;
    }

    /** Everything but the percentile, which needs the whole stage's points first. */
    record Builder(String creditCode, String name, String stage, boolean stageUncertain, double points,
                   double indicatorPoints, double bonus, double deduction, List<GroupSubtotal> groups,
                   List<IndicatorScore> indicators, List<AdjustmentResult> adjustments, List<String> missing) {
        EnterprisePoints build(double percentileInStage) {
            return new EnterprisePoints(creditCode, name, stage, stageUncertain, points, indicatorPoints, bonus,
                    deduction, percentileInStage, groups, indicators, adjustments, missing);
        }
    }
}
