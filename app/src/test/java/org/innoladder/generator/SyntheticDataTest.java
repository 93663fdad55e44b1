package org.innoladder.generator;

import org.innoladder.generator.internal.CellText;
import org.innoladder.generator.internal.ChangzhouRegions;
import org.innoladder.generator.internal.ErrorKind;
import org.innoladder.generator.internal.GenerationReport;
import org.innoladder.generator.internal.OutputRow;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.CreditCode;
import org.innoladder.rules.EvaluationResult;
import org.innoladder.rules.Outcome;
import org.innoladder.rules.Rulesets;
import org.innoladder.rules.Status;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.ladder.Tier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyntheticDataTest {
    private static final LocalDate TODAY = LocalDate.now();
    /** The default demo data set, generated once for the distribution tests. */
    private static List<SyntheticEnterprise> demo;

    @BeforeAll
    static void generateDemo() {
        demo = new SyntheticData(GeneratorSettings.demo()).enterprises().toList();
    }

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedDifferentOnes() throws IOException {
        GeneratorSettings settings = new GeneratorSettings(300, 2019, 2024, 42, true);
        byte[] first = csv(settings, OutputFormat.csv());
        byte[] again = csv(settings, OutputFormat.csv());
        byte[] other = csv(new GeneratorSettings(300, 2019, 2024, 43, true), OutputFormat.csv());
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void theDefaultLocaleDoesNotChangeTheBytes() throws IOException {
        GeneratorSettings settings = new GeneratorSettings(200, 2019, 2024, 8, true);
        SyntheticData data = new SyntheticData(settings);
        byte[] rows = csv(settings, OutputFormat.csv());
        ByteArrayOutputStream recognitions = new ByteArrayOutputStream();
        data.writeRecognitionsCsv(recognitions, OutputFormat.csv());
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("th-TH-u-nu-thai")); // Thai digits
            assertThat(csv(settings, OutputFormat.csv())).isEqualTo(rows);
            ByteArrayOutputStream again = new ByteArrayOutputStream();
            data.writeRecognitionsCsv(again, OutputFormat.csv());
            assertThat(again.toByteArray()).isEqualTo(recognitions.toByteArray());
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }

    @Test
    void anEnterpriseDoesNotDependOnTheOthers() {
        SyntheticData small = new SyntheticData(new GeneratorSettings(2000, 2019, 2024, 7, false));
        SyntheticEnterprise fromStream = small.enterprises().skip(1234).findFirst().orElseThrow();
        assertThat(small.enterprise(1234)).isEqualTo(fromStream);
        // generated in parallel, in any order, each enterprise is the same
        List<SyntheticEnterprise> parallel = java.util.stream.IntStream.range(0, 2000).parallel()
                .mapToObj(small::enterprise).toList();
        assertThat(parallel).isEqualTo(small.enterprises().toList());
    }

    @Test
    void everyCreditCodeIsValidAndUniqueAndNamesAreUnique() {
        // more enterprises than two-character name words, so both name forms are exercised
        SyntheticData big = new SyntheticData(new GeneratorSettings(12_000, 2022, 2024, 99, false));
        Set<String> codes = new HashSet<>();
        Set<String> names = new HashSet<>();
        big.enterprises().forEach(e -> {
            assertThat(CreditCode.check(e.creditCode())).as(e.creditCode()).isEmpty();
            assertThat(e.creditCode()).startsWith("91" + e.regionCode().substring(0, 6));
            assertThat(codes.add(e.creditCode())).as("duplicate code %s", e.creditCode()).isTrue();
            assertThat(names.add(e.name())).as("duplicate name %s", e.name()).isTrue();
            assertThat(e.name()).startsWith("常州").endsWith("有限公司");
        });
        assertThat(codes).hasSize(12_000);
    }

    @Test
    void regionCodesAreChangzhouTownsOrDistrictsWeightedRealistically() {
        Map<String, ChangzhouRegions.Region> table = ChangzhouRegions.get().regions();
        Map<String, Integer> byDistrict = new HashMap<>();
        int countyOnly = 0;
        for (SyntheticEnterprise e : demo) {
            ChangzhouRegions.Region r = table.get(e.regionCode());
            assertThat(r).as(e.regionCode()).isNotNull();
            assertThat(r.level()).isIn("county", "town");
            assertThat(r.name()).doesNotEndWith("监狱");
            if (r.level().equals("county")) countyOnly++;
            byDistrict.merge(e.regionCode().substring(0, 6), 1, Integer::sum);
            for (FactRow row : e.rows()) assertThat(row.text(Column.REGION_CODE)).isEqualTo(e.regionCode());
        }
        assertThat(countyOnly / (double) demo.size()).isBetween(0.03, 0.07);
        List<String> largest = byDistrict.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(2).map(Map.Entry::getKey).toList();
        assertThat(largest).containsExactlyInAnyOrder("320411", "320412"); // 新北区, 武进区
        assertThat(byDistrict).containsOnlyKeys("320402", "320404", "320411", "320412", "320413", "320481");
    }

    @Test
    void everyRowIsValidUnderTheDataDictionary() {
        for (SyntheticEnterprise e : demo) {
            int expectedYear = Math.max(2019, e.foundedOn().getYear());
            for (FactRow row : e.rows()) {
                List<String> cells = CellText.cells(row, false);
                assertThat(DictionaryRules.broken(cells, TODAY)).as("%s %d", e.creditCode(), row.year()).isEmpty();
                assertThat(row.year()).isEqualTo(expectedYear++);
                assertThat(row.integer(Column.TECH_STAFF)).isLessThanOrEqualTo(row.integer(Column.EMPLOYEES));
                assertThat(row.integer(Column.RD_STAFF)).isLessThanOrEqualTo(row.integer(Column.EMPLOYEES));
                assertThat(row.money(Column.TOTAL_INCOME)).isGreaterThanOrEqualTo(row.money(Column.SALES_REVENUE));
                assertThat(row.money(Column.RD_EXPENSE)).isLessThanOrEqualTo(
                        row.money(Column.SALES_REVENUE).multiply(new BigDecimal("0.1201")));
                assertThat(row.money(Column.TOTAL_COSTS).add(row.money(Column.NET_PROFIT)).subtract(row.money(Column.SALES_REVENUE)).abs())
                        .as("costs + profit ≈ sales").isLessThanOrEqualTo(row.money(Column.SALES_REVENUE).multiply(new BigDecimal("0.1")));
            }
            assertThat(expectedYear).isEqualTo(2025);
        }
    }

    @Test
    void distributionsArePlausible() {
        List<BigDecimal> lastSales = new ArrayList<>();
        int fast = 0, mature = 0, tech = 0, hnte = 0, rows = 0, expert = 0, badCredit = 0, incidents = 0, largeValuation = 0;
        for (SyntheticEnterprise e : demo) {
            List<FactRow> r = e.rows();
            FactRow last = r.get(r.size() - 1);
            lastSales.add(last.money(Column.SALES_REVENUE));
            if (e.techFirm()) {
                tech++;
                if (last.bool(Column.HNTE_CERTIFIED)) hnte++;
            }
            if (e.foundedOn().getYear() <= 2019) {
                mature++;
                double growth = StrictMath.sqrt(last.money(Column.SALES_REVENUE).doubleValue()
                        / r.get(r.size() - 3).money(Column.SALES_REVENUE).doubleValue()) - 1;
                if (growth >= 0.3) fast++;
            }
            boolean large = false;
            for (FactRow row : r) {
                rows++;
                if (row.has(Column.HNTE_TECH_ADVANCEMENT)) expert++;
                if (row.bool(Column.BAD_CREDIT)) badCredit++;
                if (row.bool(Column.MAJOR_INCIDENT)) incidents++;
                large |= row.has(Column.VALUATION_USD) && row.money(Column.VALUATION_USD).compareTo(BigDecimal.valueOf(100_000_000)) >= 0;
            }
            if (large) largeValuation++;
        }
        Collections.sort(lastSales);
        BigDecimal median = lastSales.get(lastSales.size() / 2);
        assertThat(median).isBetween(BigDecimal.valueOf(8_000_000), BigDecimal.valueOf(40_000_000)); // 800万–4,000万
        assertThat(fast / (double) mature).as("two-year CAGR ≥ 30%% share").isBetween(0.015, 0.06);
        assertThat(hnte / (double) tech).as("HNTE share of tech firms").isBetween(0.22, 0.38);
        assertThat(expert / (double) rows).as("expert columns filled").isBetween(0.08, 0.22); // pre-reviewed HNTE candidates and a few other tech firms
        assertThat(badCredit / (double) rows).isBetween(0.003, 0.03);
        assertThat(incidents / (double) rows).isLessThan(0.015);
        assertThat(largeValuation).as("potential unicorns ≥ US$100m").isBetween(2, 60);
        assertThat(demo.stream().filter(e -> e.growth() == SyntheticEnterprise.Growth.GAZELLE).count() / (double) demo.size())
                .isBetween(0.02, 0.04);
        assertThat(demo.stream().filter(e -> e.foundedOn().getYear() > 2019).count()).as("founded during the range").isPositive();
    }

    @Test
    void recognitionsMatchTheFacts() {
        Set<String> numbers = new HashSet<>();
        for (SyntheticEnterprise e : demo) {
            Map<Integer, FactRow> byYear = e.rows().stream().collect(Collectors.toMap(FactRow::year, r -> r));
            List<Recognition> hnte = e.recognitions().stream().filter(r -> r.kind() == Tier.HNTE).toList();
            for (FactRow row : e.rows()) {
                boolean covered = hnte.stream().anyMatch(r -> r.issuedOn().getYear() <= row.year() && row.year() <= r.issuedOn().getYear() + 2);
                assertThat(row.bool(Column.HNTE_CERTIFIED)).as("%s %d", e.creditCode(), row.year()).isEqualTo(covered);
            }
            for (Recognition r : e.recognitions()) {
                assertThat(r.creditCode()).isEqualTo(e.creditCode());
                assertThat(numbers.add(r.kind() + r.certificateNo())).as(r.certificateNo()).isTrue();
                assertThat(r.expiresOn()).isAfter(r.issuedOn());
                switch (r.kind()) {
                    case HNTE -> {
                        assertThat(r.certificateNo()).matches("GR" + r.issuedOn().getYear() + "32\\d{6}");
                        assertThat(r.expiresOn()).isEqualTo(r.issuedOn().plusYears(3).minusDays(1));
                        assertThat(r.issuer()).isEqualTo("江苏省科学技术厅 江苏省财政厅 国家税务总局江苏省税务局");
                    }
                    case TSME -> {
                        FactRow row = byYear.get(r.issuedOn().getYear());
                        assertThat(row).isNotNull();
                        assertThat(row.integer(Column.EMPLOYEES)).isLessThanOrEqualTo(500);
                        assertThat(row.money(Column.SALES_REVENUE)).isLessThanOrEqualTo(BigDecimal.valueOf(200_000_000));
                        assertThat(r.issuer()).isEqualTo("江苏省科学技术厅");
                    }
                    case INNOVATIVE_SME -> assertThat(r.expiresOn()).isEqualTo(r.issuedOn().plusYears(3).minusDays(1));
                    case SPECIALISED_SME -> {
                        assertThat(r.expiresOn()).isEqualTo(r.issuedOn().plusYears(3).minusDays(1));
                        if (r.certificateNo().startsWith("SZJTX")) {
                            // under the 2026 measures: the rows of the year before meet specialised_sme@2026's data conditions
                            EvaluationResult result = Rulesets.get("specialised_sme@2026").evaluate(e.rows(), r.issuedOn().getYear() - 1);
                            assertThat(result.outcome()).as("%s %s", e.creditCode(), r.certificateNo()).isEqualTo(Outcome.UNDETERMINED);
                            assertThat(result.criteria(Status.FAIL)).isSubsetOf("equity_2y", "ip_class1", "ip_exempt_rd_institution");
                        }
                    }
                    case LITTLE_GIANT -> {
                        // granted the year after the rows meet little_giant@2026's data conditions, to a holder of 专精特新
                        int y = r.issuedOn().getYear() - 1;
                        LocalDate end = LocalDate.of(y, 12, 31);
                        assertThat(e.recognitions()).as("holds 专精特新 on 31 December before")
                                .anyMatch(s -> s.kind() == Tier.SPECIALISED_SME && !s.issuedOn().isAfter(end) && !s.expiresOn().isBefore(end));
                        EvaluationResult result = Rulesets.get("little_giant@2026").evaluate(e.rows(), y);
                        assertThat(result.outcome()).as("%s %d", e.creditCode(), y).isEqualTo(Outcome.UNDETERMINED);
                        assertThat(result.criteria(Status.FAIL)).as("only the unused exemption fails").isSubsetOf("ip_exempt_award");
                        assertThat(r.expiresOn()).isEqualTo(r.issuedOn().plusYears(3).minusDays(1));
                    }
                    case GAZELLE -> {
                        // granted the year after the rows meet the Yancheng 2022 form: four-year multiple > 2.0736 from ≥ 1,000万
                        FactRow last = byYear.get(r.issuedOn().getYear() - 1), base = byYear.get(r.issuedOn().getYear() - 5);
                        assertThat(last).isNotNull();
                        assertThat(base).isNotNull();
                        assertThat(base.money(Column.SALES_REVENUE)).isGreaterThanOrEqualTo(BigDecimal.valueOf(10_000_000));
                        assertThat(last.money(Column.SALES_REVENUE).doubleValue() / base.money(Column.SALES_REVENUE).doubleValue())
                                .isGreaterThan(2.0736);
                    }
                    case SEED_UNICORN, POTENTIAL_UNICORN, UNICORN -> {
                        FactRow last = byYear.get(r.issuedOn().getYear() - 1);
                        assertThat(last.money(Column.VALUATION_USD)).as("a valuation stands behind a unicorn-ladder title").isNotNull();
                        assertThat(last.bool(Column.LISTED)).isFalse();
                    }
                }
            }
        }
        Map<Tier, Long> kinds = demo.stream().flatMap(e -> e.recognitions().stream())
                .collect(Collectors.groupingBy(Recognition::kind, Collectors.counting()));
        assertThat(kinds).containsKeys(Tier.values());
    }

    @Test
    void withErrorsEveryKindAppearsAtTheDocumentedFractionAndBreaksItsRule() {
        SyntheticData data = new SyntheticData(new GeneratorSettings(1500, 2019, 2024, 5, true));
        List<OutputRow> rows = data.outputRows(false).toList();
        Map<ErrorKind, Integer> counts = new HashMap<>();
        Set<String> keys = new HashSet<>();
        long blocks = 0;
        for (OutputRow row : rows) {
            if (row.index() % SyntheticData.ERROR_EVERY == 0) blocks++;
            Set<Column> broken = DictionaryRules.broken(row.cells(), TODAY);
            String key = row.cell(Column.CREDIT_CODE) + "/" + row.cell(Column.YEAR);
            boolean duplicate = !keys.add(key);
            if (row.valid()) {
                assertThat(broken).as("row %d", row.index()).isEmpty();
                assertThat(duplicate).as("row %d", row.index()).isFalse();
                continue;
            }
            counts.merge(row.error(), 1, Integer::sum);
            if (row.error() == ErrorKind.DUPLICATE_ROW) {
                assertThat(duplicate).as("row %d", row.index()).isTrue();
                assertThat(broken).isEmpty();
            } else {
                assertThat(broken).as("row %d %s", row.index(), row.error()).containsExactly(row.error().column());
            }
        }
        assertThat(counts).containsOnlyKeys(ErrorKind.values());
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        // exactly one per full block of 20 (the last, partial block may or may not hold one)
        assertThat(total).isBetween((int) (rows.size() / SyntheticData.ERROR_EVERY), (int) blocks);
        // cycling through the kinds: counts differ by at most one
        assertThat(Collections.max(counts.values()) - Collections.min(counts.values())).isLessThanOrEqualTo(1);
        // and the report of a written file says the same
        GenerationReport report = written(data);
        assertThat(report.rows()).isEqualTo(rows.size());
        assertThat(report.errorRows()).isEqualTo(total);
        for (ErrorKind k : ErrorKind.values()) assertThat(report.errors().get(k)).isEqualTo(counts.get(k).longValue());
    }

    @Test
    void unknownRegionCodesOfErrorRowsExistNowhere() {
        assertThat(DictionaryRules.NATIONAL_CODES).doesNotContain("320499")
                .contains("320412", "320412100");
        for (String d : ChangzhouRegions.get().districts()) assertThat(DictionaryRules.NATIONAL_CODES).doesNotContain(d + "999");
    }

    @Test
    void withoutErrorsNoRowIsReplaced() throws IOException {
        SyntheticData data = new SyntheticData(new GeneratorSettings(200, 2019, 2024, 5, false));
        assertThat(data.outputRows(false).allMatch(OutputRow::valid)).isTrue();
        GenerationReport report = written(data);
        assertThat(report.errorRows()).isZero();
        assertThat(report.rows()).isEqualTo(data.rows().count());
    }

    private static GenerationReport written(SyntheticData data) {
        try {
            return data.writeCsv(new ByteArrayOutputStream(), OutputFormat.csv());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] csv(GeneratorSettings settings, OutputFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SyntheticData(settings).writeCsv(out, format);
        return out.toByteArray();
    }
}
