package org.innoladder.importer;

import org.innoladder.importer.internal.ImportSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.innoladder.importer.ImportFiles.newCode;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.sql.DataSource;

import org.innoladder.importer.ImportReport.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.unit.DataSize;

/**
 * Issue 9, findings 2 and 7: hostile files, built in the test as an attacker builds them, are refused or rejected
 * row by row with a message naming the limit and its value; nothing of a refused file is stored.
 */
@SpringBootTest
@ActiveProfiles("test")
class ImportLimitsTest {
    static final List<String> HEADER = List.of("credit_code", "name", "region_code", "founded_on", "year", "employees");

    @Autowired
    ImportService importer;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path dir;

    @BeforeEach
    void regions() {
        ImportFiles.regions(jdbc);
    }

    ImportService with(ImportSettings.Limits limits) {
        return new ImportService(dataSource, transactions, null, Clock.system(ZoneId.of("Asia/Shanghai")), limits);
    }

    static ImportSettings.Limits limits(DataSize uncompressed, Integer rows, Integer stored) {
        return new ImportSettings.Limits(uncompressed, null, null, rows, null, null, stored, null, null);
    }

    ImportReport load(ImportService service, Path file) {
        return service.importFile(file, file.getFileName().toString(), ImportOptions.everything("test", "admin"), ImportProgress.NONE);
    }

    List<String> row(String code, String name) {
        return List.of(code, name, "320412100", "2015-01-01", "2024", "10");
    }

    long stored(String... codes) {
        return jdbc.sql("SELECT count(*) FROM enterprise WHERE credit_code IN (:codes)").param("codes", List.of(codes))
                .query(Long.class).single();
    }

    long rejectionsOf(Long batchId) {
        return jdbc.sql("SELECT count(*) FROM import_rejection WHERE batch_id = ?").param(batchId).query(Long.class).single();
    }

    @Test
    void aWorkbookBuiltByHandImportsSoTheRefusalsBelowAreTheLimitsDoing() throws Exception {
        String code = newCode();
        Path file = HostileFiles.xlsx(dir.resolve("plain.xlsx"), out -> {
            HostileFiles.row(out, 1, HEADER);
            HostileFiles.row(out, 2, row(code, "常州手工工作簿有限公司"));
        });
        ImportReport r = load(importer, file);
        assertThat(r.status()).as(r.message()).isEqualTo(Status.COMMITTED);
        assertThat(r.rowsInserted()).isEqualTo(1);
    }

    @Test
    void aZipBombIsRefusedFromItsDeclaredSizesWithoutUnpackingIt() throws Exception {
        // 200 MB of empty rows pack into a few hundred kilobytes (the bomb: 6.25 MB → 2.1 GB)
        Path file = HostileFiles.xlsx(dir.resolve("bomb.xlsx"), out -> {
            HostileFiles.row(out, 1, HEADER);
            for (int i = 0; i < 33_000_000; i++) out.write("<row/>");
        });
        assertThat(Files.size(file)).isLessThan(1_000_000);

        ImportReport r = load(importer, file);

        assertThat(r.status()).isEqualTo(Status.UNREADABLE);
        assertThat(r.message()).contains("压缩比", "innoladder.import.limits.max-xlsx-compression-ratio = 100", "疑似压缩炸弹",
                "looks like a zip bomb");
        assertThat(jdbc.sql("SELECT status FROM import_batch WHERE id = ?").param(r.batchId()).query(String.class).single())
                .isEqualTo("FAILED");
        assertThat(rejectionsOf(r.batchId())).isZero();
    }

    @Test
    void aBombThatUnderstatesItsSizeIsRefusedAsSoonAsItUnpacksMore() throws Exception {
        Path file = HostileFiles.xlsx(dir.resolve("liar.xlsx"), out -> {
            HostileFiles.row(out, 1, HEADER);
            for (int i = 0; i < 5_000_000; i++) out.write("<row/>");
        });
        HostileFiles.declareSize(file, HostileFiles.SHEET, 1000);

        ImportReport r = load(importer, file);

        assertThat(r.status()).isEqualTo(Status.UNREADABLE);
        assertThat(r.message()).contains(HostileFiles.SHEET + " 解压后大于其声明的大小", "unpacks to more than its declared size");
    }

    @Test
    void aWorkbookLargerUnpackedThanTheLimitIsRefused() throws Exception {
        Random random = new Random(9);
        Path file = HostileFiles.xlsx(dir.resolve("large.xlsx"), out -> {
            HostileFiles.row(out, 1, HEADER);
            for (int i = 2; i < 400; i++) HostileFiles.row(out, i, row(newCode(), randomText(random, 3000)));
        });
        ImportReport r = load(with(limits(DataSize.ofKilobytes(512), null, null)), file);
        assertThat(r.status()).isEqualTo(Status.UNREADABLE);
        assertThat(r.message()).contains("innoladder.import.limits.max-xlsx-uncompressed-size = 524,288");
    }

    @Test
    void anXlsxCellLongerThanExcelAllowsIsRefusedBeforeTheReaderHoldsIt() throws Exception {
        Random random = new Random(2);
        String huge = randomText(random, 1_000_000);
        Path file = HostileFiles.xlsx(dir.resolve("cell.xlsx"), out -> {
            HostileFiles.row(out, 1, HEADER);
            HostileFiles.row(out, 2, row(newCode(), huge));
        });
        ImportReport r = load(importer, file);
        assertThat(r.status()).isEqualTo(Status.UNREADABLE);
        assertThat(r.message()).contains("innoladder.import.limits.max-cell-chars = 32,767", "Excel 本身也不能保存更长的单元格");
    }

    @Test
    void anXlsxCellReferenceBeyondExcelsLastColumnIsRefused() throws Exception {
        // fastexcel would size the row for column 321,272,406 and run out of memory
        Path file = HostileFiles.xlsx(dir.resolve("wide.xlsx"), out -> {
            HostileFiles.row(out, 1, HEADER);
            out.write("<row r=\"2\"><c r=\"ZZZZZZ2\" t=\"inlineStr\"><is><t>x</t></is></c></row>");
        });
        ImportReport r = load(importer, file);
        assertThat(r.status()).isEqualTo(Status.UNREADABLE);
        assertThat(r.message()).contains("超出 Excel 的最大列 XFD");
    }

    @Test
    void aTenMegabyteNameInACsvRejectsItsRowAndTheRestIsImported() throws Exception {
        String big = newCode();
        String ok = newCode();
        Path file = dir.resolve("names.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(String.join(",", HEADER) + "\n");
            w.write(big + ",\"" + "名".repeat(10 * 1024 * 1024) + "\",320412100,2015-01-01,2024,10\n");
            w.write(String.join(",", row(ok, "常州正常有限公司")) + "\n");
        }
        ImportReport r = load(importer, file);

        assertThat(r.status()).as(r.message()).isEqualTo(Status.COMMITTED);
        assertThat(r.rowsRejected()).isEqualTo(1);
        assertThat(r.rowsInserted()).isEqualTo(1);
        Rejection rejected = r.rejections().get(0);
        assertThat(rejected.line()).isEqualTo(2);
        assertThat(rejected.column()).isEqualTo("name");
        assertThat(rejected.value()).hasSize(41);
        assertThat(rejected.reasonZh()).isEqualTo("企业名称超过单元格长度上限（innoladder.import.limits.max-cell-chars = 32,767 个字符），未读取该单元格");
        assertThat(stored(big)).isZero();
        assertThat(stored(ok)).isOne();
        assertThat(jdbc.sql("SELECT max(length(value) + length(reason_zh)) FROM import_rejection WHERE batch_id = ?")
                .param(r.batchId()).query(Integer.class).single()).isLessThan(200);
    }

    @Test
    void aNameLongerThanTheColumnsMaximumIsARowLevelRejectionInCsvAndXlsx() throws Exception {
        String csvCode = newCode();
        String xlsxCode = newCode();
        String keep = newCode();
        Path csv = ImportFiles.csv(dir, "long-name.csv", StandardCharsets.UTF_8, false, List.of(HEADER,
                row(csvCode, "长".repeat(5000)), row(keep, "常州保留有限公司")));
        Path xlsx = HostileFiles.xlsx(dir.resolve("long-name.xlsx"), out -> {
            HostileFiles.row(out, 1, HEADER);
            HostileFiles.row(out, 2, row(xlsxCode, "长".repeat(300)));
        });

        ImportReport fromCsv = load(importer, csv);
        ImportReport fromXlsx = load(importer, xlsx);

        assertThat(fromCsv.status()).isEqualTo(Status.COMMITTED);
        assertThat(fromCsv.rejections()).singleElement().satisfies(x -> {
            assertThat(x.column()).isEqualTo("name");
            assertThat(x.reasonZh()).isEqualTo("企业名称长度为 5,000 个字符，超过上限 200 个字符");
        });
        assertThat(fromXlsx.status()).isEqualTo(Status.COMMITTED);
        assertThat(fromXlsx.rejections()).singleElement().satisfies(x ->
                assertThat(x.reasonEn()).isEqualTo("name is 300 characters long, more than the maximum of 200"));
        assertThat(stored(csvCode, xlsxCode)).isZero();
        assertThat(stored(keep)).isOne();
    }

    @Test
    void aCsvLineLongerThanTheLimitRejectsItsRowAndReadingGoesOnAtTheNextLine() throws Exception {
        String longLine = newCode();
        String next = newCode();
        Path file = dir.resolve("line.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(String.join(",", HEADER) + ",note\n");
            // 40 cells of 10,000 characters, each within the cell limit, 400,000 together; a quoted one holds a line break
            w.write(String.join(",", row(longLine, "常州长行有限公司")));
            for (int i = 0; i < 40; i++) w.write(",\"" + "x".repeat(5000) + "\n\"\"" + "y".repeat(4996) + "\"");
            w.write("\n" + String.join(",", row(next, "常州下一行有限公司")) + ",\n");
        }
        ImportReport r = load(importer, file);

        assertThat(r.status()).as(r.message()).isEqualTo(Status.COMMITTED);
        assertThat(r.rowsRead()).isEqualTo(2);
        assertThat(r.rejections()).filteredOn(x -> x.severity() == Rejection.Severity.ERROR).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(2);
            assertThat(x.reasonZh()).isEqualTo("第 2 行超过行长度上限（innoladder.import.limits.max-line-chars = 262,144 个字符），未读取该行");
        });
        assertThat(stored(longLine)).isZero();
        assertThat(stored(next)).isOne();
    }

    @Test
    void aFileWithMoreRowsThanTheLimitFailsWholeAndStoresNothing() throws Exception {
        List<List<String>> rows = new ArrayList<>(List.of(HEADER));
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            codes.add(newCode());
            rows.add(i == 0 ? row(codes.get(i), "") : row(codes.get(i), "常州行数有限公司" + i));
        }
        Path file = ImportFiles.csv(dir, "rows.csv", StandardCharsets.UTF_8, false, rows);

        ImportReport r = load(with(limits(null, 5, null)), file);

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.message()).isEqualTo("导入失败，未写入任何数据：文件超过行数上限（innoladder.import.limits.max-rows = 5 行），未导入任何数据"
                + " / import failed, nothing was stored: the file has more rows than the limit (innoladder.import.limits.max-rows = 5);"
                + " nothing was imported");
        assertThat(stored(codes.toArray(String[]::new))).isZero();
        assertThat(rejectionsOf(r.batchId())).as("the first row's rejection went with the rollback").isZero();
        assertThat(jdbc.sql("SELECT status || ' ' || (finished_at IS NOT NULL) FROM import_batch WHERE id = ?").param(r.batchId())
                .query(String.class).single()).isEqualTo("FAILED true");
    }

    @Test
    void problemsBeyondTheStoredLimitAreCountedAndTheReportSaysHowMany() throws Exception {
        List<List<String>> rows = new ArrayList<>(List.of(HEADER));
        for (int i = 0; i < 10; i++) rows.add(List.of(newCode(), "常州坏行有限公司" + i, "320412100", "2015-01-01", "2024", "-1"));
        String good = newCode();
        rows.add(row(good, "常州好行有限公司"));
        Path file = ImportFiles.csv(dir, "many-bad.csv", StandardCharsets.UTF_8, false, rows);
        List<Rejection> seen = new ArrayList<>();

        ImportReport r = with(limits(null, null, 3)).importFile(file, "many-bad.csv", ImportOptions.everything("test", "admin"),
                ImportProgress.NONE, seen::add);

        assertThat(r.status()).isEqualTo(Status.COMMITTED);
        assertThat(r.rowsRejected()).isEqualTo(10);
        assertThat(seen).as("the command line's report gets every problem").hasSize(10);
        assertThat(rejectionsOf(r.batchId())).isEqualTo(3);
        assertThat(r.message()).contains("另有 7 条问题超过每批保存上限（innoladder.import.limits.max-stored-rejections = 3），只计数未保存",
                "7 more problems beyond the stored limit");
        assertThat(jdbc.sql("SELECT rejections_unstored FROM import_batch WHERE id = ?").param(r.batchId()).query(Integer.class)
                .single()).isEqualTo(7);
        assertThat(stored(good)).isOne();
    }

    static String randomText(Random random, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) b.append((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : 0x4E00 + random.nextInt(2000)));
        return b.toString();
    }
}
