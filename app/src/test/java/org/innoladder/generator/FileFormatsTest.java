package org.innoladder.generator;

import org.innoladder.generator.internal.GenerationReport;
import org.innoladder.generator.internal.OutputRow;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.ColumnType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFormatsTest {
    private static final GeneratorSettings SMALL = new GeneratorSettings(150, 2019, 2024, 11, true);

    @TempDir
    Path dir;

    @Test
    void utf8CsvStartsWithABomAndHasTheEnglishKeysInColumnOrder() throws IOException {
        byte[] bytes = SyntheticDataTest.csv(SMALL, OutputFormat.csv());
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        List<CSVRecord> records = parse(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
        assertThat(records.get(0).toList()).containsExactlyElementsOf(Arrays.stream(Column.values()).map(Column::key).toList());
        List<OutputRow> rows = new SyntheticData(SMALL).outputRows(false).toList();
        assertThat(records).hasSize(rows.size() + 1);
        for (int i = 0; i < rows.size(); i++) assertThat(records.get(i + 1).toList()).isEqualTo(rows.get(i).cells());
    }

    @Test
    void chineseHeadersComeWithChineseBooleans() throws IOException {
        byte[] bytes = SyntheticDataTest.csv(SMALL.withErrors(false), OutputFormat.csv().withChineseHeaders(true));
        List<CSVRecord> records = parse(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
        assertThat(records.get(0).get(0)).isEqualTo("统一社会信用代码");
        assertThat(records.get(0).get(Column.IP_CLASS1.ordinal())).isEqualTo("Ⅰ类知识产权数");
        assertThat(records.get(1).get(Column.LISTED.ordinal())).isIn("是", "否");
    }

    @Test
    void gbkCsvHasNoBomAndTheSameText() throws IOException {
        Charset gbk = Charset.forName("GBK");
        OutputFormat chinese = OutputFormat.csv().withChineseHeaders(true);
        byte[] utf8 = SyntheticDataTest.csv(SMALL, chinese);
        byte[] gbkBytes = SyntheticDataTest.csv(SMALL, chinese.withCharset(gbk));
        byte[] gb18030 = SyntheticDataTest.csv(SMALL, chinese.withCharset(Charset.forName("GB18030")));
        assertThat(gbkBytes[0]).isNotEqualTo((byte) 0xEF);
        String expected = new String(utf8, 3, utf8.length - 3, StandardCharsets.UTF_8);
        assertThat(new String(gbkBytes, gbk)).isEqualTo(expected);
        assertThat(new String(gb18030, Charset.forName("GB18030"))).isEqualTo(expected);
        assertThat(OutputFormat.charsetNamed("GBK")).isEqualTo(gbk);
        assertThat(OutputFormat.charsetNamed("latin1")).isNull();
    }

    @Test
    void xlsxReadsBackWithNumbersAsNumbersAndIsByteIdenticalForTheSameSeed() throws IOException {
        SyntheticData data = new SyntheticData(SMALL);
        Path first = dir.resolve("a.xlsx");
        Path second = dir.resolve("b.xlsx");
        GenerationReport report = data.writeXlsx(first, OutputFormat.csv());
        new SyntheticData(SMALL).writeXlsx(second, OutputFormat.csv());
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.xlsx", "b.xlsx"); // no temp files left
        }

        // a sound zip: every entry inflates with a matching CRC, the creation date is the fixed one
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(first.toFile())) {
            for (java.util.zip.ZipEntry e : java.util.Collections.list(zip.entries())) {
                try (java.io.InputStream in = zip.getInputStream(e)) {
                    assertThat(in.readAllBytes()).as(e.getName()).hasSize((int) e.getSize());
                }
            }
            try (java.io.InputStream in = zip.getInputStream(zip.getEntry("docProps/core.xml"))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains(">2025-01-01T00:00:00.000Z</dcterms:created>");
            }
        }

        List<OutputRow> rows = data.outputRows(false).toList();
        assertThat(report.rows()).isEqualTo(rows.size());
        try (ReadableWorkbook wb = new ReadableWorkbook(first.toFile())) {
            List<Row> sheet = wb.getFirstSheet().read();
            assertThat(sheet).hasSize(rows.size() + 1);
            assertThat(sheet.get(0).getCellText(0)).isEqualTo("credit_code");
            assertThat(sheet.get(0).getCellText(Column.values().length - 1)).isEqualTo("hnte_standards_bonus");
            int numbers = 0;
            for (int i = 0; i < rows.size(); i++) {
                Row row = sheet.get(i + 1);
                OutputRow expected = rows.get(i);
                for (Column c : Column.values()) {
                    String text = expected.cell(c);
                    if (text.isEmpty()) {
                        assertThat(row.getOptionalCell(c.ordinal()).map(x -> x.getText()).orElse("")).isEmpty();
                    } else if ((c.type() == ColumnType.INT || c.type() == ColumnType.MONEY) && text.matches("-?\\d+(\\.\\d+)?")) {
                        assertThat(row.getCellAsNumber(c.ordinal())).as("%d %s", i, c).contains(new BigDecimal(text));
                        numbers++;
                    } else {
                        assertThat(row.getCellText(c.ordinal())).as("%d %s", i, c).isEqualTo(text);
                    }
                }
            }
            assertThat(numbers).isGreaterThan(rows.size() * 10);
        }
    }

    @Test
    void recognitionsCsvHasItsColumns() throws IOException {
        Path file = dir.resolve("rec.csv");
        SyntheticData data = new SyntheticData(SMALL);
        long n = data.writeRecognitionsCsv(file, OutputFormat.csv());
        byte[] bytes = Files.readAllBytes(file);
        List<CSVRecord> records = parse(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
        assertThat(records.get(0).toList()).containsExactly("credit_code", "kind", "certificate_no", "issued_on", "expires_on", "issuer");
        assertThat(records).hasSize((int) n + 1);
        assertThat(n).isEqualTo(data.recognitions().count()).isPositive();
        Recognition r = data.recognitions().findFirst().orElseThrow();
        assertThat(records.get(1).toList()).containsExactly(r.creditCode(), r.kind().name(), r.certificateNo(),
                r.issuedOn().toString(), r.expiresOn().toString(), r.issuer());
    }

    private static List<CSVRecord> parse(String text) throws IOException {
        return CSVFormat.DEFAULT.parse(new StringReader(text)).getRecords();
    }
}
