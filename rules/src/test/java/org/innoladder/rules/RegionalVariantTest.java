package org.innoladder.rules;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.FactRow;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 瞪羚 is a regional parameter set: the same enterprise is judged by the default (Yancheng 2022) or by
 * another region's form (Jinan 2016) by choosing a ruleset ref or loading a region's own file — no Java.
 */
class RegionalVariantTest {
    private static final int Y = 2023;

    /** Revenue 1,200万 four years ago, then 1,500万, 2,000万, 2,600万, 3,000万: CAGR 25.7%, two-year 22.5%. */
    private static List<FactRow> history() {
        long[] revenue = {30_000_000, 26_000_000, 20_000_000, 15_000_000, 12_000_000};
        List<FactRow> rows = new ArrayList<>();
        for (int o = 0; o < revenue.length; o++) {
            rows.add(FactRow.builder().set(Column.CREDIT_CODE, "91110108551385082Q").set(Column.NAME, "区域")
                    .set(Column.YEAR, Y - o).set(Column.FOUNDED_ON, LocalDate.of(2016, 4, 1))
                    .set(Column.SALES_REVENUE, BigDecimal.valueOf(revenue[o]))
                    .set(Column.NET_PROFIT, BigDecimal.valueOf(1_000_000)).build());
        }
        return rows;
    }

    @Test
    void aRegionSwitchesTheGazelleFormByRef() {
        assertThat(Rulesets.get("gazelle").evaluate(history(), Y).outcome()).isEqualTo(Outcome.QUALIFIED);
        assertThat(Rulesets.get("gazelle@jinan-2016").evaluate(history(), Y).outcome()).isEqualTo(Outcome.QUALIFIED);
        // Drop Y-4: Yancheng needs it, Jinan does not.
        List<FactRow> noY4 = history().subList(0, 4);
        assertThat(Rulesets.get("gazelle").evaluate(noY4, Y).outcome()).isEqualTo(Outcome.UNDETERMINED);
        assertThat(Rulesets.get("gazelle@jinan-2016").evaluate(noY4, Y).outcome()).isEqualTo(Outcome.QUALIFIED);
    }

    @Test
    void aRegionsOwnThresholdsAreParametersOnly() throws IOException {
        String yaml;
        try (InputStream in = Rulesets.resource("gazelle@yancheng-2022.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // A hypothetical region asking for a four-year CAGR above 30%: one value changed, nothing else.
        String stricter = yaml.replaceFirst("(min_revenue_cagr:(?s:.*?)value: )0\\.20", "$10.30")
                .replace("version: \"yancheng-2022\"", "version: \"example-region\"");
        assertThat(stricter).isNotEqualTo(yaml);
        Ruleset regional = Ruleset.load("gazelle@example-region.yaml",
                new ByteArrayInputStream(stricter.getBytes(StandardCharsets.UTF_8)));
        EvaluationResult r = regional.evaluate(history(), Y);
        assertThat(r.outcome()).isEqualTo(Outcome.NOT_QUALIFIED);
        assertThat(r.criteria(Status.FAIL)).containsExactly("revenue_cagr");
        // 1,200万 × 1.3⁴ = 3,427.32万, strictly exceeded.
        assertThat(r.gaps()).singleElement().satisfies(g ->
                assertThat(g.required()).isEqualByComparingTo(new BigDecimal("34273201")));
    }

    private static String text(String file) throws IOException {
        try (InputStream in = Rulesets.resource(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Ruleset load(String file, String yaml) {
        return Ruleset.load(file, new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static FactRow.Builder row(int year, LocalDate founded) {
        return FactRow.builder().set(Column.CREDIT_CODE, "91110108551385082Q").set(Column.NAME, "区域")
                .set(Column.YEAR, year).set(Column.FOUNDED_ON, founded).set(Column.LISTED, false);
    }

    @Test
    void theSeedUnicornCagrWindowIsAParameter() throws IOException {
        String yaml = text("seed_unicorn@changzhou-2024.yaml");
        String threeIntervals = yaml.replaceFirst("(s2_cagr_intervals:(?s:.*?)value: )2", "$13");
        assertThat(threeIntervals).isNotEqualTo(yaml);
        Ruleset regional = load("seed_unicorn@changzhou-2024.yaml", threeIntervals);
        LocalDate founded = LocalDate.of(2019, 3, 1);
        long[] sales = {30_000_000, 25_000_000, 15_000_000, 14_000_000};
        List<FactRow> rows = new ArrayList<>();
        for (int o = 0; o < sales.length; o++) {
            FactRow.Builder b = row(Y - o, founded).set(Column.SALES_REVENUE, BigDecimal.valueOf(sales[o]));
            if (o == 0) b.set(Column.RD_EXPENSE, BigDecimal.valueOf(1_500_000)).set(Column.VALUATION_USD, BigDecimal.ZERO);
            rows.add(b.build());
        }
        // Y / Y-2 = 2.0 ≥ 1.3² by default; Y / Y-3 = 2.14 < 1.3³ = 2.197 with a three-interval window.
        assertThat(Rulesets.get("seed_unicorn").evaluate(rows, Y).outcome()).isEqualTo(Outcome.QUALIFIED);
        EvaluationResult r = regional.evaluate(rows, Y);
        assertThat(r.outcome()).isEqualTo(Outcome.NOT_QUALIFIED);
        assertThat(r.criteria(Status.FAIL)).contains("s2_sales_cagr");
        // Founded in 2021, it has Y-2 but not Y-3: the three-interval window fails it, the default does not.
        List<FactRow> young = rows.subList(0, 3).stream().map(f -> {
            FactRow.Builder b = FactRow.builder();
            f.asMap().forEach(b::set);
            return b.set(Column.FOUNDED_ON, LocalDate.of(2021, 1, 1)).build();
        }).toList();
        assertThat(Rulesets.get("seed_unicorn").evaluate(young, Y).outcome()).isEqualTo(Outcome.QUALIFIED);
        assertThat(regional.evaluate(young, Y).criteria(Status.FAIL)).contains("s2_sales_cagr");
    }

    @Test
    void theExchangeRateIsAParameter() throws IOException {
        String yaml = text("potential_unicorn@jiangsu-2025.yaml");
        String rate6 = yaml.replaceFirst("(cny_per_usd:(?s:.*?)value: )7\\.2", "$16.0");
        assertThat(rate6).isNotEqualTo(yaml);
        Ruleset regional = load("potential_unicorn@jiangsu-2025.yaml", rate6);
        List<FactRow> rows = List.of(row(2024, LocalDate.of(2021, 5, 1))
                .set(Column.VALUATION_USD, BigDecimal.valueOf(45_000_000)).set(Column.EQUITY_FINANCING, BigDecimal.ONE).build());
        // US$45m: ¥324m at 7.2 (meets ¥300m); ¥270m at 6.0, and below US$50m.
        assertThat(Rulesets.get("potential_unicorn").evaluate(rows, 2024).outcome()).isEqualTo(Outcome.QUALIFIED);
        EvaluationResult r = regional.evaluate(rows, 2024);
        assertThat(r.outcome()).isEqualTo(Outcome.NOT_QUALIFIED);
        assertThat(r.gaps()).singleElement().satisfies(g -> assertThat(g.required()).isEqualByComparingTo("50000000"));
        assertThat(Rulesets.get("potential_unicorn").parameters()).filteredOn(ParameterInfo::projectDefault)
                .extracting(ParameterInfo::name).containsExactly("cny_per_usd");
    }
}
