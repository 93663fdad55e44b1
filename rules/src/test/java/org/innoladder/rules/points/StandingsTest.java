package org.innoladder.rules.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.innoladder.rules.points.PointsFixtures.YEAR;
import static org.innoladder.rules.points.PointsFixtures.population;

import java.util.ArrayList;
import java.util.List;

import org.innoladder.rules.facts.FactRow;
import org.junit.jupiter.api.Test;

/**
 * A run that scores parts of the population apart and counts the standings over the whole (the spark module) gets
 * the points {@link PointsModel#score} gives the whole population.
 */
class StandingsTest {
    private final PointsModel model = PointsModel.defaultModel();

    @Test
    void partsCompletedWithTheWholePopulationsStandingsEqualTheWholeScore() {
        List<FactRow> rows = population(17, 240, 0.15);
        PointsResult whole = model.score(rows, YEAR);
        List<FactRow> odd = new ArrayList<>(), even = new ArrayList<>();
        for (FactRow r : rows) (r.creditCode().hashCode() % 2 == 0 ? even : odd).add(r);
        List<EnterprisePoints> parts = new ArrayList<>(model.score(odd, YEAR).enterprises());
        parts.addAll(model.score(even, YEAR).enterprises());
        assertThat(parts).hasSameSizeAs(whole.enterprises());
        int differentBeforeCompletion = 0;
        for (EnterprisePoints part : parts) {
            EnterprisePoints expected = whole.get(part.creditCode());
            if (!part.equals(expected)) differentBeforeCompletion++;
            double[] standard = expected.indicators().stream().mapToDouble(IndicatorScore::standardScore).toArray();
            assertThat(Standings.complete(model, part, standard, expected.percentileInStage())).isEqualTo(expected);
        }
        assertThat(differentBeforeCompletion).as("scoring a part alone gives other points").isGreaterThan(100);
    }

    @Test
    void theFormulasAreTheModelsOwn() {
        assertThat(Standings.rank(0, 0)).isEqualTo(0.5);
        assertThat(Standings.rank(3, 1)).isEqualTo(0.75);
        assertThat(Standings.minmax(5, 5, 5, true)).isEqualTo(0.5);
        assertThat(Standings.minmax(4, 2, 10, true)).isEqualTo(0.25);
        assertThat(Standings.minmax(4, 2, 10, false)).isEqualTo(0.75);
        assertThat(Standings.percentile(0, 1)).isEqualTo(100.0);
        assertThat(Standings.percentile(2, 5)).isEqualTo(50.0);
        EnterprisePoints any = model.score(population(3, 5, 0), YEAR).enterprises().get(0);
        assertThatThrownBy(() -> Standings.complete(model, any, new double[1], 50)).hasMessageContaining("1 standard scores");
    }
}
