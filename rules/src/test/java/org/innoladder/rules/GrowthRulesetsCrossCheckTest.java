package org.innoladder.rules;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.ColumnType;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.EvaluationResult.Gap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The growth-tier rulesets on random five-year histories: compiled, interpreted and batch paths agree, every
 * outcome is reached, and every gap is minimal (applying it passes its criterion, one step less does not).
 */
class GrowthRulesetsCrossCheckTest {
    private static final int Y = 2023;

    @ParameterizedTest
    @ValueSource(strings = {"gazelle@yancheng-2022", "gazelle@jinan-2016", "unicorn@jiangsu-2025",
            "potential_unicorn@jiangsu-2025", "seed_unicorn@changzhou-2024", "innovative_sme@2022"})
    void pathsAgreeAndGapsAreMinimal(String ref) {
        check(ref, Outcome.values());
    }

    /**
     * The MIIT upper rungs: each has conditions without a data column (the lower title, market share, the
     * development score), so data alone never makes them QUALIFIED; the other two outcomes are reached.
     */
    @ParameterizedTest
    @ValueSource(strings = {"specialised_sme@2026", "little_giant@2026"})
    void miitUpperRungsAgreeAndNeverQualifyFromDataAlone(String ref) {
        check(ref, Outcome.NOT_QUALIFIED, Outcome.UNDETERMINED);
    }

    private static void check(String ref, Outcome... reachable) {
        Ruleset rs = Rulesets.get(ref);
        Population pop = Population.of(new GrowthSynthetic(ref.hashCode(), 0.05).population(1000, Y), Y);
        BatchResult compiled = rs.evaluate(pop);
        BatchResult interpreted = rs.evaluateInterpreted(pop);
        Map<Outcome, Integer> seen = new EnumMap<>(Outcome.class);
        for (int i = 0; i < pop.size(); i++) {
            assertThat(compiled.outcome(i)).as("%s row %d outcome", ref, i).isEqualTo(interpreted.outcome(i));
            if (compiled.hasScores()) {
                assertThat(compiled.scoreMin(i)).as("%s row %d score min", ref, i).isEqualTo(interpreted.scoreMin(i));
                assertThat(compiled.scoreMax(i)).as("%s row %d score max", ref, i).isEqualTo(interpreted.scoreMax(i));
            }
            seen.merge(compiled.outcome(i), 1, Integer::sum);
        }
        assertThat(seen.keySet()).as("outcomes reached for %s: %s", ref, seen).containsExactlyInAnyOrder(reachable);

        GrowthSynthetic gen = new GrowthSynthetic(ref.hashCode() + 1, 0.03);
        int gaps = 0;
        for (int k = 0; k < 300; k++) {
            List<FactRow> history = gen.enterprise(k, Y);
            if (history.stream().noneMatch(r -> r.year() == Y)) continue;
            Population one = Population.of(history, Y);
            EvaluationResult result = rs.detail(one, 0, false);
            assertThat(rs.detail(one, 0, true)).as("%s enterprise %d interpreted", ref, k).isEqualTo(result);
            for (Gap g : result.gaps()) {
                Column column = rs.criteria.stream().flatMap(c -> c.levers().stream())
                        .filter(l -> l.id().equals(g.lever())).findFirst().orElseThrow().column();
                BigDecimal step = g.delta().signum() > 0 ? BigDecimal.ONE : BigDecimal.ONE.negate();
                assertThat(status(rs, history, column, g.required(), g.criterion()))
                        .as("%s %d: %s at %s", ref, k, g.criterion(), g.required()).isEqualTo(Status.PASS);
                assertThat(status(rs, history, column, g.required().subtract(step), g.criterion()))
                        .as("%s %d: %s one step short of %s", ref, k, g.criterion(), g.required()).isNotEqualTo(Status.PASS);
                gaps++;
            }
        }
        assertThat(gaps).as("gaps checked for %s", ref).isGreaterThan(10);
    }

    private static Status status(Ruleset rs, List<FactRow> history, Column column, BigDecimal value, String criterion) {
        List<FactRow> rows = new ArrayList<>();
        for (FactRow r : history) {
            if (r.year() != Y) {
                rows.add(r);
                continue;
            }
            FactRow.Builder b = FactRow.builder();
            r.asMap().forEach(b::set);
            b.set(column, column.type() == ColumnType.INT ? (Object) value.intValueExact() : value);
            rows.add(b.build());
        }
        return rs.evaluate(rows, Y).criteria().stream().filter(c -> c.id().equals(criterion)).findFirst()
                .orElseThrow().status();
    }
}
