package org.innoladder.rules;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The compiled closures must agree with the CEL interpreter on every row, unknown facts included. */
class CompiledVsInterpretedTest {

    @ParameterizedTest
    @ValueSource(strings = {"tsme@2017", "hnte@2016"})
    void batchOutcomesAndScoresAgree(String ref) {
        Ruleset rs = Rulesets.get(ref);
        Population pop = Population.of(new Synthetic(42, 0.08).population(3000, 2023), 2023);
        BatchResult compiled = rs.evaluate(pop);
        BatchResult interpreted = rs.evaluateInterpreted(pop);
        Map<Outcome, Integer> seen = new EnumMap<>(Outcome.class);
        for (int i = 0; i < pop.size(); i++) {
            assertThat(compiled.outcome(i)).as("%s row %d outcome", ref, i).isEqualTo(interpreted.outcome(i));
            assertThat(compiled.scoreMin(i)).as("%s row %d score min", ref, i).isEqualTo(interpreted.scoreMin(i));
            assertThat(compiled.scoreMax(i)).as("%s row %d score max", ref, i).isEqualTo(interpreted.scoreMax(i));
            seen.merge(compiled.outcome(i), 1, Integer::sum);
        }
        // The generator must reach every outcome, or the comparison proves little.
        assertThat(seen.keySet()).as("outcomes reached for %s: %s", ref, seen).containsExactlyInAnyOrder(Outcome.values());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tsme@2017", "hnte@2016"})
    void fullResultsWithGapsAgree(String ref) {
        Ruleset rs = Rulesets.get(ref);
        Population pop = Population.of(new Synthetic(7, 0.05).population(150, 2022), 2022);
        for (int i = 0; i < pop.size(); i++) {
            EvaluationResult c = rs.detail(pop, i, false);
            EvaluationResult x = rs.detail(pop, i, true);
            assertThat(c).as("%s row %d", ref, i).isEqualTo(x);
        }
    }
}
