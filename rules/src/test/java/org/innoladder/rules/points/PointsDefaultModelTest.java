package org.innoladder.rules.points;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.FactRow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.innoladder.rules.points.PointsFixtures.YEAR;
import static org.innoladder.rules.points.PointsFixtures.code;
import static org.innoladder.rules.points.PointsFixtures.money;
import static org.innoladder.rules.points.PointsFixtures.row;

class PointsDefaultModelTest {
    private final PointsModel model = PointsModel.defaultModel();

    @Test
    void theDefaultIsTheProjectsModelInTheThreeOfficialGroupsAndStages() {
        assertThat(model.groups()).extracting(Group::zh).containsExactly("技术创新", "成长经营", "辅助");
        assertThat(model.stages()).extracting(Stage::zh).containsExactlyInAnyOrder("初创期", "成长期", "稳定期");
        assertThat(model.titleZh()).contains("项目自定");
        assertThat(model.notes().get(0)).contains("project's model").contains("not public");
        assertThat(model.adjustments()).extracting(Adjustment::id)
                .contains("national_award", "led_standard", "national_rd_institution", "bad_credit", "major_incident");
        assertThat(model.method()).isEqualTo(PointsModel.Method.RANK);
        assertThat(model.reference()).isEqualTo(PointsModel.Reference.STAGE);
    }

    @Test
    void weightsOfEveryStageSumToOneHundred() {
        for (Stage s : model.stages()) {
            double sum = model.indicators().stream().mapToDouble(i -> i.weight(s.id())).sum();
            assertThat(sum).as(s.id()).isEqualTo(100.0);
        }
    }

    @Test
    void stageRulesByAgeAndRevenue() {
        List<FactRow> rows = List.of(
                money(row(1, YEAR, 2), Column.SALES_REVENUE, 10_000_000).build(),     // young, small: start-up
                money(row(2, YEAR, 2), Column.SALES_REVENUE, 30_000_000).build(),     // young, ≥ 2,000万: growth
                money(row(3, YEAR, 12), Column.SALES_REVENUE, 5_000_000).build(),     // 12 years: stable
                money(row(4, YEAR, 5), Column.SALES_REVENUE, 500_000_000).build(),    // ≥ 4亿: stable
                money(row(5, YEAR, 5), Column.SALES_REVENUE, 50_000_000).build(),     // growth
                row(6, YEAR, 1).build(),                                             // revenue unknown
                money(row(7, YEAR, 3), Column.SALES_REVENUE, 1_000_000).build());     // 3 full years: no longer start-up
        PointsResult r = model.score(rows, YEAR);
        assertThat(r.enterprises()).extracting(EnterprisePoints::stage)
                .containsExactly("startup", "growth", "stable", "stable", "growth", "growth", "growth");
        assertThat(r.enterprises()).extracting(EnterprisePoints::stageUncertain)
                .containsExactly(false, false, false, false, false, true, false);
    }

    @Test
    void breakdownIsWeightTimesRankWithinTheStage() {
        // Four start-ups with R&D intensity 1%, 5%, 5%, 10% — ranks 0, 0.5, 0.5, 1 (ties share, best is 1).
        double[] rd = {100_000, 500_000, 500_000, 1_000_000};
        List<FactRow> rows = new java.util.ArrayList<>();
        for (int k = 0; k < rd.length; k++) {
            FactRow.Builder b = money(row(k, YEAR, 1), Column.SALES_REVENUE, 10_000_000);
            rows.add(money(b, Column.RD_EXPENSE, rd[k]).build());
        }
        PointsResult r = model.score(rows, YEAR);
        double[] expected = {0, 0.5, 0.5, 1};
        for (int k = 0; k < rd.length; k++) {
            EnterprisePoints e = r.get(code(k));
            assertThat(e.stage()).isEqualTo("startup");
            IndicatorScore s = e.indicator("rd_intensity");
            assertThat(s.value()).isCloseTo(rd[k] / 10_000_000, within(1e-12));
            assertThat(s.standardScore()).isEqualTo(expected[k]);
            assertThat(s.weight()).isEqualTo(12.0);
            assertThat(s.points()).isEqualTo(12.0 * expected[k]);
            assertThat(s.missing()).isFalse();
            // Every indicator equal across the stage scores 0.5 — sales revenue here.
            assertThat(e.indicator("sales_revenue").standardScore()).isEqualTo(0.5);
            double groups = e.groups().stream().mapToDouble(GroupSubtotal::points).sum();
            double indicators = e.indicators().stream().mapToDouble(IndicatorScore::points).sum();
            assertThat(groups).isCloseTo(indicators, within(1e-9));
            assertThat(e.indicatorPoints()).isCloseTo(indicators, within(1e-9));
            assertThat(e.points()).isCloseTo(e.indicatorPoints() + e.bonus() - e.deduction(), within(1e-9));
        }
        assertThat(r.get(code(0)).group("tech").zh()).isEqualTo("技术创新");
    }

    @Test
    void aMissingFactScoresZeroIsFlaggedAndDoesNotShiftTheOthers() {
        List<FactRow> rows = List.of(
                money(money(row(1, YEAR, 1), Column.SALES_REVENUE, 10_000_000), Column.RD_EXPENSE, 100_000).build(),
                money(money(row(2, YEAR, 1), Column.SALES_REVENUE, 10_000_000), Column.RD_EXPENSE, 900_000).build(),
                money(row(3, YEAR, 1), Column.SALES_REVENUE, 10_000_000).build());   // R&D expense unknown
        PointsResult r = model.score(rows, YEAR);
        IndicatorScore missing = r.get(code(3)).indicator("rd_intensity");
        assertThat(missing.missing()).isTrue();
        assertThat(missing.value()).isNull();
        assertThat(missing.standardScore()).isZero();
        assertThat(missing.points()).isZero();
        assertThat(r.get(code(3)).missing()).contains("rd_intensity", "rd_expense", "ip_class1");
        assertThat(r.get(code(1)).indicator("rd_intensity").standardScore()).isZero();
        assertThat(r.get(code(2)).indicator("rd_intensity").standardScore()).isEqualTo(1.0);
        // Growth needs a Y−1 row: none here, so it is missing for everyone.
        assertThat(r.get(code(1)).indicator("revenue_growth").missing()).isTrue();
    }

    @Test
    void lowerIsBetterIndicatorsRankTheOtherWay() {
        List<FactRow> rows = List.of(
                money(money(row(1, YEAR, 12), Column.TOTAL_ASSETS, 10_000_000), Column.TOTAL_LIABILITIES, 2_000_000).build(),
                money(money(row(2, YEAR, 12), Column.TOTAL_ASSETS, 10_000_000), Column.TOTAL_LIABILITIES, 8_000_000).build());
        PointsResult r = model.score(rows, YEAR);
        assertThat(r.get(code(1)).indicator("debt_ratio").standardScore()).isEqualTo(1.0);
        assertThat(r.get(code(2)).indicator("debt_ratio").standardScore()).isEqualTo(0.0);
        assertThat(r.get(code(1)).indicator("debt_ratio").points()).isEqualTo(8.0);
    }

    @Test
    void bonusesAreCappedDeductionsSubtractedUnknownConditionsReported() {
        FactRow all = row(1, YEAR, 12).set(Column.NATIONAL_AWARD_5Y, true).set(Column.LED_STANDARD_5Y, true)
                .set(Column.RD_INSTITUTION_LEVEL, "national").set(Column.BAD_CREDIT, false).set(Column.MAJOR_INCIDENT, false).build();
        FactRow bad = row(2, YEAR, 12).set(Column.NATIONAL_AWARD_5Y, false).set(Column.LED_STANDARD_5Y, true)
                .set(Column.RD_INSTITUTION_LEVEL, "provincial").set(Column.BAD_CREDIT, true).build();
        PointsResult r = model.score(List.of(all, bad), YEAR);
        EnterprisePoints a = r.get(code(1));
        assertThat(a.bonus()).isEqualTo(20.0);   // 10 + 5 + 8 = 23, capped at 20
        assertThat(a.deduction()).isZero();
        assertThat(a.adjustments()).filteredOn(x -> x.id().equals("national_award")).singleElement()
                .satisfies(x -> {
                    assertThat(x.status()).isEqualTo(AdjustmentResult.Status.APPLIED);
                    assertThat(x.points()).isEqualTo(10.0);
                });
        EnterprisePoints b = r.get(code(2));
        assertThat(b.bonus()).isEqualTo(10.0);   // led standard 5 + provincial institution 5
        assertThat(b.deduction()).isEqualTo(20.0);
        assertThat(b.points()).isCloseTo(b.indicatorPoints() + 10 - 20, within(1e-9));
        assertThat(b.adjustments()).filteredOn(x -> x.id().equals("major_incident")).singleElement()
                .satisfies(x -> {
                    assertThat(x.status()).isEqualTo(AdjustmentResult.Status.UNKNOWN);
                    assertThat(x.points()).isZero();
                });
        assertThat(b.adjustments()).filteredOn(x -> x.id().equals("bad_credit")).singleElement()
                .satisfies(x -> assertThat(x.points()).isEqualTo(-20.0));
    }

    @Test
    void growthUsesLastYearsRow() {
        List<FactRow> rows = List.of(
                money(row(1, YEAR, 5), Column.SALES_REVENUE, 60_000_000).build(),
                money(row(1, YEAR - 1, 5), Column.SALES_REVENUE, 40_000_000).build(),
                money(row(2, YEAR, 5), Column.SALES_REVENUE, 30_000_000).build(),
                money(row(2, YEAR - 1, 5), Column.SALES_REVENUE, 30_000_000).build(),
                money(row(3, YEAR - 1, 5), Column.SALES_REVENUE, 30_000_000).build());   // no row for Y: not scored
        PointsResult r = model.score(rows, YEAR);
        assertThat(r.enterprises()).hasSize(2);
        assertThat(r.get(code(1)).indicator("revenue_growth").value()).isCloseTo(0.5, within(1e-12));
        assertThat(r.get(code(2)).indicator("revenue_growth").value()).isZero();
        assertThat(r.get(code(1)).indicator("revenue_growth").standardScore()).isEqualTo(1.0);
        assertThat(r.get(code(3))).isNull();
    }
}
