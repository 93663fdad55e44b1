package org.innoladder.rules;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The outcome and score range of every enterprise of a population, held in arrays; full results with
 * explanation and gaps are built on demand ({@link #result(int)}, {@link #results()}).
 */
public final class BatchResult {
    private final Ruleset ruleset;
    private final Population population;
    private final byte[] outcome;
    private final int[] scoreMin, scoreMax;

    BatchResult(Ruleset ruleset, Population population, byte[] outcome, int[] scoreMin, int[] scoreMax) {
        this.ruleset = ruleset;
        this.population = population;
        this.outcome = outcome;
        this.scoreMin = scoreMin;
        this.scoreMax = scoreMax;
    }

    public int size() { return outcome.length; }

    public Population population() { return population; }

    public Outcome outcome(int i) { return Outcome.values()[outcome[i]]; }

    /** Minimum attainable total score of row i; only for rulesets with scores. */
    public int scoreMin(int i) { return scoreMin[i]; }

    public int scoreMax(int i) { return scoreMax[i]; }

    public boolean hasScores() { return scoreMin != null; }

    /** How many rows have the outcome. */
    public long count(Outcome o) {
        return IntStream.range(0, outcome.length).filter(i -> outcome[i] == o.ordinal()).count();
    }

    /**
     * The full result of row i: criteria, items and gaps (re-evaluated through the compiled path). Thread-safe: rows may
     * be explained on several threads at once.
     */
    public EvaluationResult result(int i) {
        return ruleset.detail(population, i, false);
    }

    /** Every full result, built on all cores, in population order. */
    public List<EvaluationResult> results() {
        ruleset.prepareDetail(population);
        return IntStream.range(0, size()).parallel().mapToObj(this::result).toList();
    }
}
