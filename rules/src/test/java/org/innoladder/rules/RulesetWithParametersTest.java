package org.innoladder.rules;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.FactRow;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What-if thresholds: a ruleset with overridden numeric parameters, through the row and the batch paths. */
class RulesetWithParametersTest {
    /** The tsme@2017 test base: full marks, 100 employees. */
    static FactRow row() {
        return FactRow.builder().set(Column.CREDIT_CODE, "91110108551385082Q").set(Column.NAME, "测试").set(Column.YEAR, 2023)
                .set(Column.FOUNDED_ON, LocalDate.of(2015, 3, 1)).set(Column.HNTE_DOMAIN, "01").set(Column.EMPLOYEES, 100)
                .set(Column.TECH_STAFF, 30).set(Column.SALES_REVENUE, new BigDecimal("50000000"))
                .set(Column.TOTAL_ASSETS, new BigDecimal("80000000")).set(Column.TOTAL_COSTS, new BigDecimal("40000000"))
                .set(Column.RD_EXPENSE, new BigDecimal("3000000")).set(Column.IP_CLASS1, 1).set(Column.IP_CLASS2, 0)
                .set(Column.MAJOR_INCIDENT, false).set(Column.BAD_CREDIT, false).set(Column.HNTE_CERTIFIED, false)
                .set(Column.NATIONAL_AWARD_5Y, false).set(Column.RD_INSTITUTION_LEVEL, "none").set(Column.LED_STANDARD_5Y, false)
                .build();
    }

    @Test
    void aLoweredThresholdChangesTheOutcomeAndLeavesTheLoadedRulesetAlone() {
        Ruleset tsme = Rulesets.get("tsme@2017");
        Ruleset strict = tsme.withParameters(Map.of("max_employees", 50.0));
        assertThat(tsme.evaluate(List.of(row()), 2023).outcome()).isEqualTo(Outcome.QUALIFIED);
        assertThat(strict.evaluate(List.of(row()), 2023).outcome()).isEqualTo(Outcome.NOT_QUALIFIED);
        assertThat(strict.evaluate(Population.of(List.of(row()), 2023)).outcome(0)).isEqualTo(Outcome.NOT_QUALIFIED);
        assertThat(tsme.evaluate(Population.of(List.of(row()), 2023)).outcome(0)).isEqualTo(Outcome.QUALIFIED);
        assertThat(strict.numericParameters(LocalDate.of(2023, 12, 31))).containsEntry("max_employees", 50.0);
        assertThat(tsme.numericParameters(LocalDate.of(2023, 12, 31))).containsEntry("max_employees", 500.0);
    }

    @Test
    void unknownAndNonNumericParametersAreRefused() {
        Ruleset tsme = Rulesets.get("tsme@2017");
        assertThatThrownBy(() -> tsme.withParameters(Map.of("nope", 1.0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tsme.withParameters(Map.of("tech_staff_bands", 1.0))).isInstanceOf(IllegalArgumentException.class);
    }
}
