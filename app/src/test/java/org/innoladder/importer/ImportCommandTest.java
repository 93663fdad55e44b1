package org.innoladder.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.innoladder.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code innoladder import --dry-run}: no database, exit codes, the rejected-rows report. */
class ImportCommandTest {
    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    String out() { return out.toString(StandardCharsets.UTF_8); }

    String err() { return err.toString(StandardCharsets.UTF_8); }

    @Test
    void dryRunValidatesAndWritesTheRejectedRowsAsAnExcelFriendlyCsv() throws Exception {
        String ok = ImportFiles.newCode();
        String bad = ImportFiles.newCode();
        Path file = ImportFiles.csv(dir, "data.csv", StandardCharsets.UTF_8, false, List.of(
                List.of("统一社会信用代码", "企业名称", "成立日期", "年度", "职工总数", "科技人员数"),
                List.of(ok, "甲", "2010-01-01", "2024", "10", "3"),
                List.of(bad, "乙", "2010-01-01", "2024", "10", "12"),
                List.of("123", "", "2010-01-01", "2024", "", "")));
        Path report = dir.resolve("rejected.csv");

        int code = run("import", file.toString(), "--dry-run", "--report", report.toString());

        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("validated (nothing imported): 3 rows read, 1 valid, 2 rejected", "VALIDATED");
        assertThat(err()).contains("3 rows in");
        byte[] bytes = Files.readAllBytes(report);
        assertThat(bytes[0] & 0xff).isEqualTo(0xEF);
        assertThat(bytes[1] & 0xff).isEqualTo(0xBB);
        assertThat(bytes[2] & 0xff).isEqualTo(0xBF);
        List<CSVRecord> records = CSVFormat.DEFAULT.parse(new java.io.StringReader(
                new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8))).getRecords();
        assertThat(records.get(0).values()).containsExactly("行号/line", "列/column", "值/value", "原因/reason", "reason_en");
        assertThat(records).hasSize(4);
        assertThat(records.get(1).values()).containsExactly("3", "tech_staff", "12", "科技人员数 12 大于职工总数 10",
                "tech_staff 12 exceeds employees 10");
        assertThat(records.get(2).get(0)).isEqualTo("4");
        assertThat(records.get(2).get(1)).isEqualTo("credit_code");
        assertThat(records.get(3).values()).containsExactly("4", "name", "", "企业名称为必填项，不能为空",
                "name is required and must not be empty");
    }

    @Test
    void withoutDryRunItImportsIntoTheDatabaseAndASecondRunChangesNothing() throws Exception {
        String code = ImportFiles.newCode();
        Path file = ImportFiles.csv(dir, "cli.csv", StandardCharsets.UTF_8, false, List.of(
                List.of("credit_code", "name", "region_code", "founded_on", "year", "employees"),
                List.of(code, "命令行导入有限公司", "320412", "2010-01-01", "2024", "10")));
        String[] database = {"--innoladder.database.embedded.data-dir=" + dir.resolve("pg"),
                "--innoladder.database.embedded.port=0", "--innoladder.database.embedded.clean=false"};
        List<String> first = new java.util.ArrayList<>(List.of("import", file.toString(), "--source", "tax"));
        first.addAll(List.of(database));

        assertThat(run(first.toArray(String[]::new))).as(err()).isZero();
        assertThat(out()).contains("batch / 批次:     1 COMMITTED", "inserted 1, updated 0, unchanged 0");
        out.reset();
        assertThat(run(first.toArray(String[]::new))).as(err()).isZero();
        assertThat(out()).contains("already imported as batch 1", "UNCHANGED");
    }

    @Test
    void aMissingFileExitsNonZeroWithOneLine() {
        int code = run("import", dir.resolve("nope.csv").toString(), "--dry-run");
        assertThat(code).isEqualTo(1);
        assertThat(err().strip()).contains("file not found").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void aFileThatIsNeitherCsvNorXlsxIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("report.pdf"), "%PDF-1.7");
        assertThat(run("import", file.toString(), "--dry-run")).isEqualTo(1);
        assertThat(err()).contains("not a CSV or XLSX file: report.pdf");
    }

    @Test
    void anEmptyFileHasNoHeader() throws Exception {
        Path file = Files.writeString(dir.resolve("empty.csv"), "");
        assertThat(run("import", file.toString(), "--dry-run")).isEqualTo(1);
        assertThat(err()).contains("the file has no header row");
    }

    @Test
    void missingRequiredColumnsAreNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("cols.csv"), "credit_code,name\n91320412000000000X,甲\n");
        assertThat(run("import", file.toString(), "--dry-run")).isEqualTo(1);
        assertThat(err()).contains("missing required columns: founded_on (成立日期), year (年度)");
        assertThat(err().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void aWrongCommandLineIsAUsageError() {
        assertThat(run("import", "--dry-run")).isEqualTo(2);
        assertThat(err()).contains("exactly one FILE is needed", "usage: import FILE");
    }

    @Test
    void anXlsxFileIsValidatedToo() throws Exception {
        Path file = ImportFiles.xlsx(dir, "data.xlsx", List.of(
                List.<Object>of("credit_code", "name", "founded_on", "year"),
                List.<Object>of(ImportFiles.newCode(), "甲", java.time.LocalDate.of(2011, 1, 1), 2024)));
        assertThat(run("import", file.toString(), "--dry-run")).isZero();
        assertThat(out()).contains("1 rows read, 1 valid, 0 rejected", "XLSX");
    }
}
