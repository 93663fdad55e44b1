package org.innoladder.rules.points;

/**
 * A bonus or deduction item for one enterprise.
 *
 * @param status APPLIED when its condition holds, NOT_APPLIED when it does not, UNKNOWN when a fact it needs
 *               is absent (then it is not applied, and says so)
 * @param points the points it adds (bonus, positive) or takes away (deduction, negative); 0 unless applied
 */
public record AdjustmentResult(String id, Adjustment.Kind kind, Status status, double points) {
    public enum Status { APPLIED, NOT_APPLIED, UNKNOWN }
}
