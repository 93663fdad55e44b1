package org.innoladder.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.innoladder.importer.internal.ImportJobs;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Finding 4 of issue 9: uploaded text that a spreadsheet would run as a formula ({@code =1+1}, {@code @SUM(1+1)},
 * {@code =HYPERLINK(…)}, {@code +cmd}, {@code -2+3}) comes back neutralised — a leading single quote — in the
 * rejected-rows CSV and in an Excel export, while numbers stay numeric cells.
 */
@SpringBootTest
@ActiveProfiles("test")
@AutoConfigureMockMvc
class FormulaInjectionExportTest {
    static final String HYPERLINK = "=HYPERLINK(\"http://x\",\"y\")";

    @Autowired
    MockMvc mvc;
    @Autowired
    ImportJobs jobs;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path dir;

    @BeforeEach
    void regions() {
        ImportFiles.regions(jdbc);
    }

    @Test
    void rejectionsCsvAndExcelExportNeutraliseUploadedFormulas() throws Exception {
        String marker = "FX" + System.nanoTime() % 100_000_000;
        List<String> header = List.of("credit_code", "name", "region_code", "industry_code", "founded_on", "year",
                "employees", "tech_staff", "sales_revenue");
        Map<String, String> names = Map.of("=1+1", "=1+1" + marker, "@SUM(1+1)", "@SUM(1+1)" + marker,
                HYPERLINK, HYPERLINK + marker, "+cmd", "+cmd" + marker, "-2+3", "-2+3" + marker);
        List<List<String>> rows = new ArrayList<>(List.of(header));
        for (String name : names.values()) {
            rows.add(List.of(ImportFiles.newCode(), name, "320412100", "C3421", "2015-01-01", "2024", "10", "2", "1234567.5"));
        }
        // rejected rows: the hostile text in columns whose rule it breaks
        rows.add(List.of(ImportFiles.newCode(), "拒绝行一" + marker, "=1+1", "C3421", "2015-01-01", "2024", "10", "2", ""));
        rows.add(List.of(ImportFiles.newCode(), "拒绝行二" + marker, "320412100", "@SUM(1+1)", "2015-01-01", "2024", "10", "2", ""));
        rows.add(List.of(ImportFiles.newCode(), "拒绝行三" + marker, "320412100", "C3421", "-2+3", "2024", "10", "2", ""));
        rows.add(List.of(ImportFiles.newCode(), "拒绝行四" + marker, "320412100", "C3421", "2015-01-01", "2024", "+cmd", "2", ""));
        rows.add(List.of(ImportFiles.newCode(), "拒绝行五" + marker, "320412100", "C3421", "2015-01-01", "2024", "10", HYPERLINK, ""));
        Path file = ImportFiles.csv(dir, "公式.csv", StandardCharsets.UTF_8, true, rows);

        String location = mvc.perform(multipart("/imports").file(new MockMultipartFile("file", "公式.csv", "text/csv",
                        Files.readAllBytes(file))).with(ImportWebTest.as(ImportWebTest.BUREAU)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        ImportJobs.Job job = jobs.find(location.substring("/imports/jobs/".length())).orElseThrow();
        for (int i = 0; i < 600 && !job.done(); i++) Thread.sleep(100);
        assertThat(job.done()).isTrue();

        byte[] csv = mvc.perform(get("/imports/" + job.batchId() + "/rejections.csv").with(ImportWebTest.as(ImportWebTest.BUREAU)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        List<CSVRecord> records = CSVFormat.DEFAULT.builder().setSkipHeaderRecord(true).setHeader().get()
                .parse(new StringReader(new String(csv, StandardCharsets.UTF_8).substring(1))).getRecords();
        List<String> values = records.stream().map(r -> r.get(2)).toList();
        assertThat(values).as("the offending values, as the report gives them")
                .contains("'=1+1", "'@SUM(1+1)", "'-2+3", "'+cmd", "'" + HYPERLINK);
        for (CSVRecord r : records) {
            for (String cell : r.toList()) assertThat(startsAFormula(cell)).as("cell %s of line %s", cell, r.get(0)).isFalse();
        }

        byte[] xlsx = mvc.perform(get("/enterprises/export.xlsx").param("q", marker).with(ImportWebTest.as(ImportWebTest.BUREAU)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        Map<String, Row> byName;
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            byName = wb.getFirstSheet().read().stream().skip(1).filter(r -> r.getCellText(1).contains(marker))
                    .collect(Collectors.toMap(r -> r.getCellText(1), r -> r));
        }
        assertThat(byName.keySet()).as("the accepted rows, every name neutralised")
                .containsExactlyInAnyOrderElementsOf(names.values().stream().map(n -> "'" + n).toList());
        for (Row row : byName.values()) {
            for (Cell cell : row) {
                if (cell != null && cell.getType() == CellType.STRING) {
                    assertThat(startsAFormula(cell.asString())).as("cell %s", cell.asString()).isFalse();
                }
            }
            // the revenue (万元) stays a number
            assertThat(row.getCell(10).getType()).isEqualTo(CellType.NUMBER);
            assertThat(row.getCell(10).asNumber()).isEqualByComparingTo("123.46");
        }
    }

    private static boolean startsAFormula(String cell) {
        return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0
                && !cell.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    }
}
