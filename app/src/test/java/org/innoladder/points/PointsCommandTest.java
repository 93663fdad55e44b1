package org.innoladder.points;

import org.innoladder.rules.points.PointsModel;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.innoladder.cli.Cli;
import org.innoladder.rules.facts.CreditCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code ./innoladder points}: files in, points out, no database. */
class PointsCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String code(int k) {
        return CreditCode.complete(String.format("91320400%08d", k));
    }

    /** Three start-ups (2024 rows, 2023 rows for growth), Chinese headers, and one invalid row on line 8. */
    private Path smallCsv() throws Exception {
        Path csv = dir.resolve("small.csv");
        Files.writeString(csv, String.join("\n",
                "统一社会信用代码,企业名称,成立日期,年度,职工总数,研发人员数,销售收入,研发费用,Ⅰ类知识产权数,近五年国家科技奖励（前三）,失信或经营异常",
                code(1) + ",甲科技,2023-03-01,2024,20,5,10000000,1000000,2,是,否",
                code(1) + ",甲科技,2023-03-01,2023,10,2,5000000,300000,1,是,否",
                code(2) + ",乙科技,2023-05-01,2024,20,2,10000000,300000,1,否,否",
                code(2) + ",乙科技,2023-05-01,2023,20,2,10000000,300000,1,否,否",
                code(3) + ",丙科技,2024-01-10,2024,5,0,1000000,,0,否,是",
                code(3) + ",丙科技,2024-01-10,2023,5,0,1000000,,0,否,是",
                "913204000000000099,坏数据,2023-01-01,2024,10,1,1000000,10000,0,否,否",
                ""), StandardCharsets.UTF_8);
        return csv;
    }

    @Test
    void scoresACsvFileAsJsonAndReportsSkippedRowsOnStderr() throws Exception {
        int status = run("points", "--input", smallCsv().toString(), "--year", "2024");
        assertThat(status).as(err()).isZero();
        assertThat(err()).contains("line 8: skipped").contains("913204000000000099").contains("credit_code")
                .contains("3 enterprises scored for 2024").contains("1 skipped");
        JsonNode doc = JsonMapper.builder().build().readTree(out());
        assertThat(doc.get("model").get("id").asString()).isEqualTo("innoladder-default");
        assertThat(doc.get("model").get("notes").get(0).asString()).contains("project's model");
        JsonNode es = doc.get("enterprises");
        assertThat(es).hasSize(3);
        JsonNode a = es.get(0);
        assertThat(a.get("credit_code").asString()).isEqualTo(code(1));
        assertThat(a.get("name").asString()).isEqualTo("甲科技");
        assertThat(a.get("stage").asString()).isEqualTo("startup");
        assertThat(a.get("stage_zh").asString()).isEqualTo("初创期");
        // 甲 is best of the three start-ups on R&D intensity and Class I IP, and has the national award bonus.
        assertThat(a.get("percentile_in_stage").asDouble()).isEqualTo(100.0);
        assertThat(a.get("bonus").asDouble()).isEqualTo(10.0);
        JsonNode rd = a.get("indicators").get(0);
        assertThat(rd.get("id").asString()).isEqualTo("rd_intensity");
        assertThat(rd.get("value").asDouble()).isEqualTo(0.1);
        assertThat(rd.get("standard_score").asDouble()).isEqualTo(1.0);
        assertThat(rd.get("weight").asDouble()).isEqualTo(12.0);
        assertThat(rd.get("points").asDouble()).isEqualTo(12.0);
        assertThat(a.get("groups").get(0).get("zh").asString()).isEqualTo("技术创新");
        // 丙 has no R&D expense: missing, scored 0 and listed; its bad-credit deduction applies.
        JsonNode c = es.get(2);
        assertThat(c.get("missing").toString()).contains("rd_intensity");
        assertThat(c.get("indicators").get(0).get("missing").asBoolean()).isTrue();
        assertThat(c.get("indicators").get(0).get("value").isNull()).isTrue();
        assertThat(c.get("deduction").asDouble()).isEqualTo(20.0);
        assertThat(c.get("percentile_in_stage").asDouble()).isZero();
    }

    @Test
    void writesCsvToAFile() throws Exception {
        Path result = dir.resolve("points.csv");
        assertThat(run("points", "--input", smallCsv().toString(), "--year", "2024", "--format", "csv", "--out", result.toString()))
                .as(err()).isZero();
        assertThat(out()).isEmpty();
        List<CSVRecord> records;
        try (CSVParser p = CSVParser.parse(result, StandardCharsets.UTF_8, CSVFormat.DEFAULT.builder().setHeader().get())) {
            assertThat(p.getHeaderNames()).startsWith("credit_code", "name", "stage", "stage_zh", "stage_uncertain", "points", "percentile_in_stage")
                    .contains("group_tech", "rd_intensity_value", "rd_intensity_score", "rd_intensity_points", "missing");
            records = p.getRecords();
        }
        assertThat(records).hasSize(3);
        assertThat(records.get(0).get("credit_code")).isEqualTo(code(1));
        assertThat(records.get(0).get("adjustments_applied")).isEqualTo("national_award(+10)");
        assertThat(records.get(2).get("adjustments_applied")).isEqualTo("bad_credit(-20)");
        assertThat(records.get(2).get("rd_intensity_value")).isEmpty();
    }

    @Test
    void aRegionsModelReplacesTheDefaultAndABrokenOneIsNamed() throws Exception {
        Path model = dir.resolve("region.yaml");
        Files.writeString(model, """
                id: region-test
                version: "1"
                title: {zh: 测试, en: Test}
                stages:
                  - {id: all, zh: 全部, en: All}
                groups:
                  - id: ip
                    zh: 知识产权
                    en: IP
                    indicators:
                      - {id: ip1, zh: Ⅰ类, en: Class I, value: "e.ip_class1", weights: {all: 100}}
                """);
        assertThat(run("points", "--input", smallCsv().toString(), "--year", "2024", "--model", model.toString())).as(err()).isZero();
        JsonNode es = JsonMapper.builder().build().readTree(out()).get("enterprises");
        assertThat(es.get(0).get("stage").asString()).isEqualTo("all");
        assertThat(es.get(0).get("points").asDouble()).isEqualTo(100.0);   // 2 Class I items: the best
        assertThat(es.get(1).get("points").asDouble()).isEqualTo(50.0);    // 1: half of those differing are below
        assertThat(es.get(2).get("points").asDouble()).isZero();

        Files.writeString(model, Files.readString(model).replace("weights: {all: 100}", "weights: {every: 100}"));
        assertThat(run("points", "--input", smallCsv().toString(), "--year", "2024", "--model", model.toString())).isEqualTo(1);
        assertThat(err()).contains(model.toString()).contains("indicator 'ip1'").contains("no stage 'every'");
    }

    @Test
    void scoresTheGeneratorsDemoDataFromXlsx() throws Exception {
        Path xlsx = dir.resolve("demo.xlsx");
        assertThat(run("generate", "--enterprises", "300", "--years", "2022-2024", "--out", xlsx.toString())).isZero();
        out.reset();
        assertThat(run("points", "--input", xlsx.toString(), "--year", "2024")).as(err()).isZero();
        JsonNode es = JsonMapper.builder().build().readTree(out()).get("enterprises");
        assertThat(es.size()).isGreaterThan(250);
        for (JsonNode e : es) {
            assertThat(e.get("percentile_in_stage").asDouble()).isBetween(0.0, 100.0);
            assertThat(e.get("indicators")).hasSize(PointsModel.defaultModel().indicators().size());
        }
    }

    @Test
    void usageErrors() throws Exception {
        assertThat(run("points", "--input", smallCsv().toString())).isEqualTo(2);
        assertThat(err()).contains("--year is required").contains("usage: points --input");
        assertThat(run("points", "--input", smallCsv().toString(), "--year", "2024", "--format", "xml")).isEqualTo(2);
        assertThat(err()).contains("--format must be json or csv");
        assertThat(run("points", "--input", dir.resolve("absent.csv").toString(), "--year", "2024")).isEqualTo(1);
        assertThat(err()).contains("file not found");
        assertThat(run("points", "--input", smallCsv().toString(), "--year", "2019")).isEqualTo(1);
        assertThat(err()).contains("no enterprise has a valid row for year 2019");
    }
}
