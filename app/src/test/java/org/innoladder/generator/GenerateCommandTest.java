package org.innoladder.generator;

import org.innoladder.generator.internal.ErrorKind;
import org.innoladder.generator.internal.GenerationReport;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.innoladder.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenerateCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesCsvAndRecognitionsAndSummarisesErrorsOnStderr() throws Exception {
        Path csv = dir.resolve("demo.csv");
        Path rec = dir.resolve("rec.csv");
        int status = run("generate", "--enterprises", "120", "--years", "2019-2024", "--seed", "3", "--out", csv.toString(),
                "--with-errors", "--recognitions", rec.toString());
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("120 synthetic enterprises");
        GenerationReport expected = new SyntheticData(new GeneratorSettings(120, 2019, 2024, 3, true))
                .writeCsv(new ByteArrayOutputStream(), OutputFormat.csv());
        assertThat(err()).contains("invalid rows: " + expected.errorRows() + " of " + expected.rows());
        for (ErrorKind k : ErrorKind.values()) {
            if (expected.errors().get(k) > 0) assertThat(err()).containsPattern(k.name() + "\\s+" + expected.errors().get(k));
        }
        assertThat(Files.readAllBytes(csv)).isEqualTo(SyntheticDataTest.csv(new GeneratorSettings(120, 2019, 2024, 3, true), OutputFormat.csv()));
        assertThat(Files.readAllLines(rec, StandardCharsets.UTF_8).get(0)).endsWith("credit_code,kind,certificate_no,issued_on,expires_on,issuer");
    }

    @Test
    void writesXlsxByExtensionAndGbkOnRequest() throws Exception {
        assertThat(run("generate", "--enterprises", "30", "--out", dir.resolve("d.xlsx").toString())).isZero();
        assertThat(Files.readAllBytes(dir.resolve("d.xlsx"))).startsWith(0x50, 0x4B); // a zip
        assertThat(run("generate", "--enterprises", "30", "--chinese-headers", "--encoding", "gbk",
                "--out", dir.resolve("g.csv").toString())).isZero();
        String text = Files.readString(dir.resolve("g.csv"), java.nio.charset.Charset.forName("GBK"));
        assertThat(text).startsWith("统一社会信用代码,企业名称,");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--enterprises abc --out X.csv|--enterprises must be a whole number",
            "--enterprises 0 --out X.csv|--enterprises must be 1..",
            "--years 2024-2019 --out X.csv|the first year is after the last",
            "--years 19-24 --out X.csv|--years must be YYYY or YYYY-YYYY",
            "--years 1980-1985 --out X.csv|years start at 1990",
            "--years 2019-2999 --out X.csv|may not be later than the current year",
            "--seed x --out X.csv|--seed must be a whole number",
            "--out X.txt|--out must end in .csv or .xlsx",
            "--enterprises 5|option --out is required",
            "--out X.csv --encoding latin1|--encoding must be utf-8, gbk or gb18030",
            "--out X.csv --recognitions R.txt|--recognitions must end in .csv",
            "--out X.csv --colour red|unknown option --colour",
            "--out MISSING/X.csv|does not exist",
            "--out X.csv stray|unexpected argument 'stray'"})
    void badArgumentsExitNonZeroWithOneLineReason(String args, String reason) {
        String[] split = ("generate " + args.replace("X.csv", dir.resolve("X.csv").toString())
                .replace("X.txt", dir.resolve("X.txt").toString())
                .replace("MISSING/", dir.resolve("missing").toString() + "/")).split(" ");
        int status = run(split);
        assertThat(status).isEqualTo(2);
        String[] lines = err().split("\\R");
        assertThat(lines[0]).startsWith("innoladder generate: ").contains(reason);
        assertThat(lines[1]).startsWith("usage: generate");
        assertThat(Files.exists(dir.resolve("X.csv"))).isFalse();
    }

    @Test
    void theLastYearMayBeTheCurrentYearOnceItsFirstQuarterIsOver() {
        int year = LocalDate.now().getYear();
        boolean allowed = !LocalDate.of(year, 3, 31).isAfter(LocalDate.now());
        int status = run("generate", "--enterprises", "5", "--years", (year - 1) + "-" + year, "--out", dir.resolve("y.csv").toString());
        assertThat(status).isEqualTo(allowed ? 0 : 2);
    }
}
