package org.innoladder.rules.points;

/**
 * One indicator of one enterprise.
 *
 * @param value         the raw value of the indicator's formula, null when it is unknown
 * @param standardScore 0..1 relative to the reference group (see {@link PointsModel}); 0 when missing
 * @param weight        the indicator's weight in the enterprise's stage
 * @param points        weight × standard score
 * @param missing       true when the value is unknown (a fact it needs is absent) and scored 0 for that reason
 */
public record IndicatorScore(String id, String group, Double value, double standardScore, double weight,
                             double points, boolean missing) {
}
