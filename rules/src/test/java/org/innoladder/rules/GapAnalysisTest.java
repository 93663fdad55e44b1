package org.innoladder.rules;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.ColumnType;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.EvaluationResult.Gap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Applying a gap makes its criterion pass; one step less does not. */
class GapAnalysisTest {
    private static final int YEAR = 2023;

    @ParameterizedTest
    @ValueSource(strings = {"tsme@2017", "hnte@2016"})
    void gapsAreMinimal(String ref) {
        Ruleset rs = Rulesets.get(ref);
        Synthetic gen = new Synthetic(11, 0.03);
        int checked = 0;
        for (int k = 0; k < 600; k++) {
            List<FactRow> history = gen.enterprise(k, YEAR);
            if (history.stream().noneMatch(r -> r.year() == YEAR)) continue;
            EvaluationResult result = rs.evaluate(history, YEAR);
            for (Gap g : result.gaps()) {
                Column column = Column.ofKey(g.lever());
                assertThat(g.delta()).isEqualByComparingTo(g.required().subtract(g.current()));
                assertThat(g.delta().signum()).isPositive();
                assertThat(status(rs, with(history, column, g.required()), g.criterion()))
                        .as("%s %s: %s at %s", ref, result.creditCode(), g.criterion(), g.required()).isEqualTo(Status.PASS);
                assertThat(status(rs, with(history, column, g.required().subtract(BigDecimal.ONE)), g.criterion()))
                        .as("%s %s: %s one step below %s", ref, result.creditCode(), g.criterion(), g.required())
                        .isNotEqualTo(Status.PASS);
                checked++;
            }
        }
        assertThat(checked).as("gaps checked").isGreaterThan(50);
    }

    @Test
    void scoreGapNamesTheLeverThatReachesThePassMark() {
        Ruleset rs = Rulesets.get("tsme");
        FactRow row = FactRow.builder().set(Column.CREDIT_CODE, "91110108551385082Q").set(Column.NAME, "示例")
                .set(Column.YEAR, YEAR).set(Column.FOUNDED_ON, java.time.LocalDate.of(2018, 1, 1))
                .set(Column.EMPLOYEES, 100).set(Column.TECH_STAFF, 8)
                .set(Column.SALES_REVENUE, new BigDecimal("40000000")).set(Column.TOTAL_ASSETS, new BigDecimal("30000000"))
                .set(Column.TOTAL_COSTS, new BigDecimal("36000000")).set(Column.RD_EXPENSE, new BigDecimal("1200000"))
                .set(Column.IP_CLASS1, 0).set(Column.IP_CLASS2, 2)
                .set(Column.MAJOR_INCIDENT, false).set(Column.BAD_CREDIT, false).set(Column.HNTE_CERTIFIED, false)
                .set(Column.NATIONAL_AWARD_5Y, false).set(Column.LED_STANDARD_5Y, false)
                .set(Column.RD_INSTITUTION_LEVEL, "none").build();
        EvaluationResult r = rs.evaluate(List.of(row), YEAR);
        // 8% S&T staff scores 0, 3% R&D scores 20, two Class II items score 12: 32 points.
        assertThat(r.outcome()).isEqualTo(Outcome.NOT_QUALIFIED);
        assertThat(r.score()).isEqualTo(new EvaluationResult.ScoreRange(32, 32));
        assertThat(r.gaps()).extracting(g -> g.criterion() + " " + g.lever() + " " + g.current().toPlainString()
                        + " -> " + g.required().toPlainString() + " (+" + g.delta().toPlainString() + ")")
                .containsExactly(
                        "tech_staff_nonzero tech_staff 8 -> 10 (+2)",
                        // S&T staff alone reaches at most 52 and IP at most 50; R&D at 6% of sales gives 62.
                        "score_pass rd_expense 1200000 -> 2400000 (+1200000)");
    }

    private static Status status(Ruleset rs, List<FactRow> history, String criterion) {
        return rs.evaluate(history, YEAR).criteria().stream().filter(c -> c.id().equals(criterion)).findFirst()
                .orElseThrow().status();
    }

    private static List<FactRow> with(List<FactRow> history, Column column, BigDecimal value) {
        List<FactRow> out = new ArrayList<>();
        for (FactRow r : history) {
            if (r.year() != YEAR) {
                out.add(r);
                continue;
            }
            FactRow.Builder b = FactRow.builder();
            r.asMap().forEach(b::set);
            b.set(column, column.type() == ColumnType.INT ? (Object) value.intValueExact() : value);
            out.add(b.build());
        }
        return out;
    }
}
