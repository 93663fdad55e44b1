package org.innoladder.rules;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.ColumnType;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.EvaluationResult.Gap;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every gap reported on any built-in ruleset's test cases: applying it makes its criterion pass, and one
 * step short of it (every shipped lever moves in steps of 1) does not. This covers the rulesets whose facts
 * the random generator of {@link GapAnalysisTest} does not produce (valuations, Y−4 revenue, equity).
 */
class CaseGapsMinimalTest {

    @Test
    void everyCaseGapIsMinimal() {
        int checked = 0;
        for (CaseFile f : RulesetCasesTest.caseFiles()) {
            Ruleset rs = Rulesets.get(f.ruleset());
            for (CaseFile.Case c : f.cases()) {
                EvaluationResult result = rs.evaluate(c.rows(), c.year(), c.referenceDate());
                for (Gap g : result.gaps()) {
                    String where = f.file() + " '" + c.name() + "' " + g.criterion() + " via " + g.lever();
                    Column column = columnOf(rs, g.lever());
                    BigDecimal oneStep = g.delta().signum() > 0 ? BigDecimal.ONE : BigDecimal.ONE.negate();
                    assertThat(status(rs, c, column, g.required(), g.criterion())).as(where + " at " + g.required())
                            .isEqualTo(Status.PASS);
                    assertThat(status(rs, c, column, g.required().subtract(oneStep), g.criterion()))
                            .as(where + " one step short of " + g.required()).isNotEqualTo(Status.PASS);
                    checked++;
                }
            }
        }
        assertThat(checked).as("gaps checked").isGreaterThan(40);
    }

    private static Column columnOf(Ruleset rs, String lever) {
        return rs.criteria.stream().flatMap(c -> c.levers().stream()).filter(l -> l.id().equals(lever))
                .findFirst().orElseThrow().column();
    }

    private static Status status(Ruleset rs, CaseFile.Case c, Column column, BigDecimal value, String criterion) {
        List<FactRow> rows = new ArrayList<>();
        for (FactRow r : c.rows()) {
            if (r.year() != c.year()) {
                rows.add(r);
                continue;
            }
            FactRow.Builder b = FactRow.builder();
            r.asMap().forEach(b::set);
            b.set(column, column.type() == ColumnType.INT ? (Object) value.intValueExact() : value);
            rows.add(b.build());
        }
        return rs.evaluate(rows, c.year(), c.referenceDate()).criteria().stream()
                .filter(x -> x.id().equals(criterion)).findFirst().orElseThrow().status();
    }
}
