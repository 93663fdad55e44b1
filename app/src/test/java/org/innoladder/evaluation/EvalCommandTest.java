package org.innoladder.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.innoladder.cli.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code innoladder evaluate} and {@code innoladder rulesets}: no database, a real generated file with errors. */
class EvalCommandTest {
    @TempDir
    static Path dir;
    static Path file;
    static Path xlsx;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void generate() {
        file = dir.resolve("gen.csv");
        xlsx = dir.resolve("gen.xlsx");
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(new Cli(sink, sink).run(new String[]{"generate", "--out", file.toString(), "--enterprises", "300",
                "--years", "2022-2024", "--with-errors", "--seed", "7"})).isZero();
        assertThat(new Cli(sink, sink).run(new String[]{"generate", "--out", xlsx.toString(), "--enterprises", "50",
                "--years", "2023-2024", "--seed", "8"})).isZero();
    }

    int run(String... args) {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    String out() { return out.toString(StandardCharsets.UTF_8); }

    String err() { return err.toString(StandardCharsets.UTF_8); }

    @Test
    void jsonIsAnArrayOfExplainedResultsAndRejectedRowsAreNamedOnStderr() throws Exception {
        int code = run("evaluate", "--input", file.toString(), "--ruleset", "hnte", "--year", "2024");

        assertThat(code).as(err()).isZero();
        JsonNode array = JsonMapper.builder().build().readTree(out());
        assertThat(array.isArray()).isTrue();
        assertThat(array.size()).isGreaterThan(200);
        JsonNode first = array.get(0);
        assertThat(names(first)).containsExactly("credit_code", "name", "ruleset", "version", "year", "outcome", "score",
                "criteria", "items", "gaps");
        assertThat(first.get("ruleset").asString()).isEqualTo("hnte");
        assertThat(first.get("version").asString()).isEqualTo("2016");
        assertThat(first.get("year").asInt()).isEqualTo(2024);
        assertThat(Set.of("QUALIFIED", "NOT_QUALIFIED", "UNDETERMINED")).contains(first.get("outcome").asString());
        assertThat(names(first.get("score"))).containsExactly("min", "max");
        assertThat(names(first.get("criteria").get(0))).containsExactly("id", "status", "value", "threshold", "reference");
        assertThat(first.get("criteria").get(0).get("reference").asString()).contains("国科发火〔2016〕32号");
        assertThat(names(first.get("items").get(0))).containsExactly("id", "band", "min", "max");
        boolean anyGap = false;
        for (JsonNode r : array) {
            if (!r.get("gaps").isEmpty()) {
                anyGap = true;
                assertThat(names(r.get("gaps").get(0))).containsExactly("criterion", "lever", "current", "required", "delta");
            }
        }
        assertThat(anyGap).isTrue();
        // the generator injected invalid rows: each is named with its line, column and reason, then skipped
        assertThat(err()).containsPattern("line \\d+ column credit_code value \"[^\"]+\": 统一社会信用代码");
        assertThat(err()).contains("— skipped / 已跳过").containsPattern("\\d+ rejected");
    }

    @Test
    void csvHasOneRowPerEnterpriseWithOutcomeScoresFailingCriteriaAndGaps() throws Exception {
        Path target = dir.resolve("tsme.csv");
        int code = run("evaluate", "--input", file.toString(), "--ruleset", "tsme@2017", "--year", "2024",
                "--format", "csv", "--out", target.toString());

        assertThat(code).as(err()).isZero();
        List<CSVRecord> rows = CSVFormat.DEFAULT.parse(new StringReader(Files.readString(target))).getRecords();
        assertThat(rows.get(0).values()).containsExactly("credit_code", "name", "ruleset", "version", "year", "outcome",
                "score_min", "score_max", "failing_criteria", "gaps");
        assertThat(rows.size()).isGreaterThan(200);
        List<String> codes = rows.stream().skip(1).map(r -> r.get(0)).toList();
        assertThat(codes).doesNotHaveDuplicates();
        assertThat(rows.stream().skip(1).map(r -> r.get(2) + "@" + r.get(3) + "/" + r.get(4)).distinct())
                .containsExactly("tsme@2017/2024");
        assertThat(rows.stream().skip(1).map(r -> r.get(5)).distinct()).contains("QUALIFIED", "NOT_QUALIFIED");
        assertThat(rows.stream().skip(1).map(r -> r.get(9))).anyMatch(g -> g.matches(".*(需增加 [0-9.]+ (人|万元|件)).*"));
        // the JSON of the same run names the same enterprises
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new Cli(new PrintStream(json, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()))
                .run(new String[]{"evaluate", "--input", file.toString(), "--ruleset", "tsme", "--year", "2024"});
        JsonNode array = JsonMapper.builder().build().readTree(json.toString(StandardCharsets.UTF_8));
        assertThat(array.size()).isEqualTo(rows.size() - 1);
    }

    @Test
    void readsXlsxToo() throws Exception {
        int code = run("evaluate", "--input", xlsx.toString(), "--ruleset", "tsme", "--year", "2023");
        assertThat(code).as(err()).isZero();
        // every generated enterprise founded by 2023 has a 2023 row
        assertThat(JsonMapper.builder().build().readTree(out()).size()).isBetween(40, 50);
        assertThat(err()).contains("0 rejected");
    }

    @Test
    void unknownRulesetExitsTwoListingTheAvailableOnes() {
        int code = run("evaluate", "--input", file.toString(), "--ruleset", "sme@1999", "--year", "2024");

        assertThat(code).isEqualTo(2);
        assertThat(err().strip().lines()).hasSize(1);
        assertThat(err()).contains("sme@1999", "hnte@2016", "tsme@2017");
        assertThat(out()).isEmpty();
    }

    @Test
    void missingFileExitsOne() {
        assertThat(run("evaluate", "--input", dir.resolve("none.csv").toString(), "--ruleset", "tsme", "--year", "2024")).isEqualTo(1);
        assertThat(err()).contains("none.csv");
    }

    @Test
    void rulesetsListsVersionsTitlesReferencesAndDates() {
        int code = run("rulesets");

        assertThat(code).isZero();
        assertThat(out()).contains("tsme@2017", "科技型中小企业评价", "Technology-based SME evaluation", "国科发政〔2017〕115号",
                "2017-05-03", "hnte@2016", "高新技术企业认定", "国科发火〔2016〕32号", "trust: official");
    }

    private static List<String> names(JsonNode node) {
        return List.copyOf(node.propertyNames());
    }
}
