package org.innoladder.rules.points;

/**
 * A bonus (加分项) or deduction (扣分项): a fixed number of points added or taken away when its CEL
 * condition holds.
 *
 * @param points positive; a deduction subtracts it
 */
public record Adjustment(String id, Kind kind, String zh, String en, String condition, double points) {
    public enum Kind { BONUS, DEDUCTION }
}
