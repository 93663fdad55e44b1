package org.innoladder.rules.points;

import java.util.Map;

/**
 * One scored indicator: a CEL formula over the facts giving its raw value, whether higher or lower values
 * are better, its weight (the points a standard score of 1 is worth) in each stage, and what its value measures.
 */
public record Indicator(String id, String group, String zh, String en, String value, boolean higherIsBetter,
                        Map<String, Double> weights, String note, org.innoladder.rules.Unit unit) {
    /** The weight in a stage (every stage has one; the loader checks). */
    public double weight(String stage) {
        return weights.get(stage);
    }
}
