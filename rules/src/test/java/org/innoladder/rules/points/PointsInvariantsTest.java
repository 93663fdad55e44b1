package org.innoladder.rules.points;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.FactRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.innoladder.rules.points.PointsFixtures.YEAR;
import static org.innoladder.rules.points.PointsFixtures.code;
import static org.innoladder.rules.points.PointsFixtures.defaultYaml;
import static org.innoladder.rules.points.PointsFixtures.load;
import static org.innoladder.rules.points.PointsFixtures.population;

class PointsInvariantsTest {
    private final PointsModel model = PointsModel.defaultModel();

    /** Whether a is no better than b on every indicator (missing = worst) and on bonuses and deductions. */
    private static boolean dominatedBy(PointsModel m, EnterprisePoints a, EnterprisePoints b) {
        if (!a.stage().equals(b.stage())) return false;
        for (Indicator ind : m.indicators()) {
            IndicatorScore x = a.indicator(ind.id()), y = b.indicator(ind.id());
            if (x.missing()) continue;
            if (y.missing()) return false;
            if (ind.higherIsBetter() ? x.value() > y.value() : x.value() < y.value()) return false;
        }
        return a.bonus() <= b.bonus() && a.deduction() >= b.deduction();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rank", "minmax"})
    void aDominatedEnterpriseNeverOutScoresTheOneThatDominatesIt(String method) {
        PointsModel m = method.equals("rank") ? model
                : load("minmax.yaml", defaultYaml().replace("method: rank", "method: minmax"));
        assertThat(m.method().name()).isEqualToIgnoringCase(method);
        int pairs = 0;
        for (long seed = 1; seed <= 4; seed++) {
            PointsResult r = m.score(PointsFixtures.withDominatedTwins(population(seed, 150, 0.05), seed), YEAR);
            List<EnterprisePoints> es = r.enterprises();
            for (EnterprisePoints a : es) {
                for (EnterprisePoints b : es) {
                    if (a == b || !dominatedBy(m, a, b)) continue;
                    pairs++;
                    assertThat(a.points()).as("%s dominated by %s", a.creditCode(), b.creditCode())
                            .isLessThanOrEqualTo(b.points());
                    assertThat(a.percentileInStage()).isLessThanOrEqualTo(b.percentileInStage());
                }
            }
        }
        // The property must have been exercised, not vacuously true.
        assertThat(pairs).isGreaterThan(200);
    }

    @Test
    void loweringAnEnterprisesFactsNeverRaisesItsPoints() {
        List<FactRow> rows = population(7, 120, 0.0);
        PointsResult before = model.score(rows, YEAR);
        // Enterprise 0 loses IP, conversions, equity financing and R&D expense in Y; nothing else changes.
        List<FactRow> changed = new ArrayList<>();
        for (FactRow row : rows) {
            if (!row.creditCode().equals(code(0)) || row.year() != YEAR) {
                changed.add(row);
                continue;
            }
            FactRow.Builder b = FactRow.builder();
            row.asMap().forEach(b::set);
            b.set(Column.IP_CLASS1, 0).set(Column.IP_CLASS2, 0).set(Column.CONVERSIONS, 0)
                    .set(Column.EQUITY_FINANCING, BigDecimal.ZERO).set(Column.RD_EXPENSE, BigDecimal.ZERO);
            changed.add(b.build());
        }
        PointsResult after = model.score(changed, YEAR);
        assertThat(after.get(code(0)).stage()).isEqualTo(before.get(code(0)).stage());
        assertThat(after.get(code(0)).points()).isLessThanOrEqualTo(before.get(code(0)).points());
    }

    @Test
    void doublingOneWeightAddsExactlyThatIndicatorsPoints() {
        String yaml = defaultYaml();
        String weights = "weights: {startup: 12, growth: 10, stable: 8}";
        assertThat(yaml.indexOf(weights)).isEqualTo(yaml.lastIndexOf(weights)).isPositive();
        PointsModel doubled = load("doubled.yaml", yaml.replace(weights, "weights: {startup: 24, growth: 20, stable: 16}"));
        List<FactRow> rows = population(11, 200, 0.05);
        PointsResult base = model.score(rows, YEAR), changed = doubled.score(rows, YEAR);
        assertThat(changed.enterprises()).hasSameSizeAs(base.enterprises());
        for (EnterprisePoints b : base.enterprises()) {
            EnterprisePoints c = changed.get(b.creditCode());
            IndicatorScore s = b.indicator("rd_intensity");
            assertThat(c.indicator("rd_intensity").weight()).isEqualTo(2 * s.weight());
            assertThat(c.points() - b.points()).as(b.creditCode()).isCloseTo(s.points(), within(1e-9));
            assertThat(c.group("tech").points() - b.group("tech").points()).isCloseTo(s.points(), within(1e-9));
            assertThat(c.group("operations").points()).isEqualTo(b.group("operations").points());
            for (IndicatorScore other : b.indicators()) {
                assertThat(c.indicator(other.id()).standardScore()).isEqualTo(other.standardScore());
            }
        }
    }

    @Test
    void settingAWeightToZeroRemovesThatIndicatorsPoints() {
        String yaml = defaultYaml().replace("weights: {startup: 10, growth: 9, stable: 8}", "weights: {startup: 0, growth: 0, stable: 0}");
        PointsModel zero = load("zero.yaml", yaml);
        List<FactRow> rows = population(12, 100, 0.0);
        PointsResult base = model.score(rows, YEAR), changed = zero.score(rows, YEAR);
        for (EnterprisePoints b : base.enterprises()) {
            assertThat(b.points() - changed.get(b.creditCode()).points())
                    .isCloseTo(b.indicator("ip_class1").points(), within(1e-9));
            assertThat(changed.get(b.creditCode()).indicator("ip_class1").points()).isZero();
        }
    }

    @Test
    void percentilesWithinStageAreBetweenZeroAndHundredAndMonotoneInPoints() {
        PointsResult r = model.score(population(3, 300, 0.1), YEAR);
        for (Stage s : model.stages()) {
            List<EnterprisePoints> stage = r.enterprises().stream().filter(e -> e.stage().equals(s.id())).toList();
            assertThat(stage).as(s.id()).hasSizeGreaterThan(10);
            for (EnterprisePoints a : stage) {
                assertThat(a.percentileInStage()).isBetween(0.0, 100.0);
                for (EnterprisePoints b : stage) {
                    if (a.points() < b.points()) assertThat(a.percentileInStage()).isLessThan(b.percentileInStage());
                    if (a.points() == b.points()) assertThat(a.percentileInStage()).isEqualTo(b.percentileInStage());
                }
            }
            double max = stage.stream().mapToDouble(EnterprisePoints::points).max().orElseThrow();
            double min = stage.stream().mapToDouble(EnterprisePoints::points).min().orElseThrow();
            stage.stream().filter(e -> e.points() == max).forEach(e -> assertThat(e.percentileInStage()).isEqualTo(100.0));
            stage.stream().filter(e -> e.points() == min).forEach(e -> assertThat(e.percentileInStage()).isZero());
        }
    }

    @Test
    void standardScoresAreBetweenZeroAndOne() {
        PointsResult r = model.score(population(5, 200, 0.1), YEAR);
        for (EnterprisePoints e : r.enterprises()) {
            for (IndicatorScore s : e.indicators()) {
                assertThat(s.standardScore()).isBetween(0.0, 1.0);
                assertThat(s.points()).isBetween(0.0, s.weight());
                if (s.missing()) assertThat(s.standardScore()).isZero();
            }
        }
    }

    @Test
    void resultsAreDeterministicAndIndependentOfRowOrder() {
        List<FactRow> rows = population(9, 200, 0.1);
        PointsResult first = model.score(rows, YEAR);
        assertThat(model.score(rows, YEAR)).isEqualTo(first);
        List<FactRow> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(42));
        PointsResult other = model.score(shuffled, YEAR);
        assertThat(other.enterprises()).hasSameSizeAs(first.enterprises());
        for (EnterprisePoints e : first.enterprises()) assertThat(other.get(e.creditCode())).isEqualTo(e);
    }

    @Test
    void theStageIsTheReferenceGroupUnlessConfiguredOtherwise() {
        PointsModel whole = load("population.yaml", defaultYaml().replace("reference: stage", "reference: population"));
        assertThat(whole.reference()).isEqualTo(PointsModel.Reference.POPULATION);
        List<FactRow> rows = population(13, 200, 0.0);
        PointsResult byStage = model.score(rows, YEAR), byPopulation = whole.score(rows, YEAR);
        // Compared with the whole population, the largest R&D expense overall scores 1 whatever its stage.
        double maxRd = byPopulation.enterprises().stream().mapToDouble(e -> e.indicator("rd_expense").value()).max().orElseThrow();
        byPopulation.enterprises().stream().filter(e -> e.indicator("rd_expense").value() == maxRd)
                .forEach(e -> assertThat(e.indicator("rd_expense").standardScore()).isEqualTo(1.0));
        // Within stages, each stage's own maximum scores 1.
        for (Stage s : model.stages()) {
            double stageMax = byStage.enterprises().stream().filter(e -> e.stage().equals(s.id()))
                    .mapToDouble(e -> e.indicator("rd_expense").value()).max().orElseThrow();
            byStage.enterprises().stream().filter(e -> e.stage().equals(s.id()) && e.indicator("rd_expense").value() == stageMax)
                    .forEach(e -> assertThat(e.indicator("rd_expense").standardScore()).isEqualTo(1.0));
        }
        assertThat(byStage).isNotEqualTo(byPopulation);
    }
}
