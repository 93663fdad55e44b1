package org.innoladder.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The batch program agrees with the CEL interpreter on expression forms the built-in rulesets never use. */
class BatchProgramEdgeTest {

    @Test
    void batchAndInterpreterAgreeOnEveryEdgeForm() throws Exception {
        Ruleset rs;
        try (InputStream in = getClass().getResourceAsStream("/rulesets-test/edge@1.yaml")) {
            rs = Ruleset.load("edge@1.yaml", in);
        }
        Population pop = Population.of(new Synthetic(2026, 0.15).population(5000, 2023), 2023);
        BatchResult batch = rs.evaluate(pop);
        BatchResult interpreted = rs.evaluateInterpreted(pop);
        Map<Outcome, Integer> seen = new EnumMap<>(Outcome.class);
        for (int i = 0; i < pop.size(); i++) {
            assertThat(batch.outcome(i)).as("row %d outcome", i).isEqualTo(interpreted.outcome(i));
            assertThat(batch.scoreMin(i)).as("row %d score min", i).isEqualTo(interpreted.scoreMin(i));
            assertThat(batch.scoreMax(i)).as("row %d score max", i).isEqualTo(interpreted.scoreMax(i));
            seen.merge(batch.outcome(i), 1, Integer::sum);
        }
        assertThat(seen).as("outcomes reached: %s", seen).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 0; i < 200; i++) {
            assertThat(rs.detail(pop, i, false)).as("row %d detail", i).isEqualTo(rs.detail(pop, i, true));
        }
    }
}
