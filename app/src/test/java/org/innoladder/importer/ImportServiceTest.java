package org.innoladder.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.innoladder.importer.ImportFiles.newCode;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.innoladder.importer.ImportReport.Status;
import org.innoladder.importer.Rejection.Severity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest
@ActiveProfiles("test")
class ImportServiceTest {
    static final ImportOptions OPTIONS = new ImportOptions("tax", "bureau", "127.0.0.1", new org.innoladder.identity.DataScope.All(), false, null);
    static final List<String> HEADER = List.of("credit_code", "name", "region_code", "founded_on", "year", "employees",
            "tech_staff", "sales_revenue");

    @Autowired
    ImportService importer;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path dir;

    @BeforeEach
    void regions() {
        ImportFiles.regions(jdbc);
    }

    ImportReport load(Path file) {
        return importer.importFile(file, file.getFileName().toString(), OPTIONS, ImportProgress.NONE);
    }

    Map<String, Object> year(String code, int year) {
        return jdbc.sql("SELECT y.*, y.sources::text AS src FROM enterprise_year y JOIN enterprise e ON e.id = y.enterprise_id"
                + " WHERE e.credit_code = ? AND y.year = ?").params(code, year).query().singleRow();
    }

    Map<String, Object> enterprise(String code) {
        return jdbc.sql("SELECT e.*, e.sources::text AS src FROM enterprise e WHERE credit_code = ?").param(code).query().singleRow();
    }

    List<String> audit(long batchId) {
        return jdbc.sql("SELECT action || '|' || actor || '|' || coalesce(source_ip, '') FROM audit_log WHERE target = ? ORDER BY id")
                .param("import_batch:" + batchId).query(String.class).list();
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    void importsAGbkCsvWithChineseHeadersAsExcelSavesIt() throws Exception {
        String a = newCode();
        String b = newCode();
        Path file = ImportFiles.csv(dir, "企业数据.csv", Charset.forName("GBK"), false, List.of(
                List.of("统一社会信用代码", "企业名称", "所属区划代码", "行业代码", "高新技术领域", "成立日期", "是否上市", "年度",
                        "职工总数", "科技人员数", "销售收入", "研发费用", "研发机构级别", "高新技术产品(服务)收入", "总收入"),
                List.of(a, "常州甲科技有限公司", "320412100", "C3911", "01", "2015/3/8", "否", "2024", "120", "30",
                        "12,345,678.90", "800000", "省级", "9000000", "12345678.90"),
                List.of(a, "常州甲科技有限公司", "320412100", "C3911", "01", "2015/3/8", "否", "2025", "130", "35",
                        "15000000", "900000", "省级", "", ""),
                List.of(b, "常州乙智能装备有限公司", "320412", "C34", "08", "2019-11-20", "是", "2025", "45", "12",
                        "3200000.5", "", "无", "", "")));

        ImportReport r = load(file);

        assertThat(r.status()).as(r.message()).isEqualTo(Status.COMMITTED);
        assertThat(r.format()).isEqualTo("CSV (GB18030)");
        assertThat(r.kind()).isEqualTo(FileKind.ENTERPRISE_YEAR);
        assertThat(r.rowsRead()).isEqualTo(3);
        assertThat(r.rowsValid()).isEqualTo(3);
        assertThat(r.rowsInserted()).isEqualTo(3);
        assertThat(r.rejections()).isEmpty();
        Map<String, Object> ea = enterprise(a);
        assertThat(ea.get("name")).isEqualTo("常州甲科技有限公司");
        assertThat(ea.get("region_code")).isEqualTo("320412100");
        assertThat(ea.get("town_code")).isEqualTo("320412100");
        assertThat(ea.get("hnte_domain")).isEqualTo("01");
        assertThat(ea.get("listed")).isEqualTo(false);
        assertThat(enterprise(b).get("listed")).isEqualTo(true);
        Map<String, Object> y = year(a, 2024);
        assertThat(y.get("employees")).isEqualTo(120);
        assertThat((BigDecimal) y.get("sales_revenue")).isEqualByComparingTo("12345678.90");
        assertThat(y.get("rd_institution_level")).isEqualTo("provincial");
        assertThat(y.get("rd_staff")).as("absent column stays unknown").isNull();
        assertThat((String) y.get("src")).contains("\"employees\": " + r.batchId())
                .as("an absent column has no provenance").doesNotContain("rd_staff");
        assertThat(year(a, 2025).get("hightech_income")).as("empty cell is unknown, not zero").isNull();
        assertThat((String) year(a, 2025).get("src")).as("an empty cell has no provenance").doesNotContain("hightech_income");
        Map<String, Object> batch = jdbc.sql("SELECT * FROM import_batch WHERE id = ?").param(r.batchId()).query().singleRow();
        assertThat(batch.get("status")).isEqualTo("COMMITTED");
        assertThat(batch.get("file_name")).isEqualTo("企业数据.csv");
        assertThat(batch.get("file_sha256")).isEqualTo(ImportService.sha256(file)).isEqualTo(r.sha256());
        assertThat(batch.get("rows_inserted")).isEqualTo(3);
        assertThat(batch.get("started_by")).isEqualTo("bureau");
        assertThat(batch.get("source")).isEqualTo("tax");
        assertThat(audit(r.batchId())).containsExactly("import.commit|bureau|127.0.0.1");
    }

    @Test
    void importsAUtf8CsvWithByteOrderMark() throws Exception {
        String a = newCode();
        Path file = ImportFiles.csv(dir, "bom.csv", StandardCharsets.UTF_8, true, List.of(
                List.of("Credit_Code", "Name", "Founded_On", "Year", "net_profit", "备注"),
                List.of(a.toLowerCase(), "常州丙新材料有限公司", "2020-01-02", "2024", "-12,000.50", "随便写")));

        ImportReport r = load(file);

        assertThat(r.status()).as(r.message()).isEqualTo(Status.COMMITTED);
        assertThat(r.format()).isEqualTo("CSV (UTF-8)");
        assertThat(r.rowsInserted()).isEqualTo(1);
        assertThat(r.warnings()).isEqualTo(1);
        assertThat(r.rejections()).singleElement().satisfies(w -> {
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.line()).isEqualTo(1);
            assertThat(w.reasonEn()).contains("unknown header '备注'");
        });
        assertThat(enterprise(a).get("name")).isEqualTo("常州丙新材料有限公司");
        assertThat((BigDecimal) year(a, 2024).get("net_profit")).isEqualByComparingTo("-12000.50");
    }

    @Test
    void importsAnXlsxWithNumbersAndExcelDates() throws Exception {
        String a = newCode();
        Path file = ImportFiles.xlsx(dir, "data.xlsx", List.of(
                List.of("统一社会信用代码", "企业名称", "所属区划代码", "成立日期", "年度", "职工总数", "研发费用", "境内研发费用", "是否上市"),
                List.of(a, "常州丁生物医药有限公司", 320412, LocalDate.of(2012, 5, 17), 2024, 88, 1234.5, 1000, "N"),
                List.of(a, "常州丁生物医药有限公司", 320412, "2012-05-17", 2023, 80, 1000, 1000.01, "N")));

        ImportReport r = load(file);

        assertThat(r.status()).as(r.message()).isEqualTo(Status.COMMITTED);
        assertThat(r.format()).isEqualTo("XLSX");
        assertThat(r.rowsValid()).isEqualTo(1);
        assertThat(r.rowsRejected()).isEqualTo(1);
        assertThat(r.rejections()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.reasonEn()).isEqualTo("rd_expense_domestic 1000.01 exceeds rd_expense 1000");
        });
        Map<String, Object> e = enterprise(a);
        assertThat(e.get("founded_on")).isEqualTo(java.sql.Date.valueOf("2012-05-17"));
        assertThat(e.get("region_code")).isEqualTo("320412");
        assertThat((BigDecimal) year(a, 2024).get("rd_expense")).isEqualByComparingTo("1234.50");
    }

    @Test
    void rejectsEveryKindOfInvalidRowWithLineColumnValueAndReasonAndKeepsTheValidRows() throws Exception {
        String ok1 = newCode();
        String ok2 = newCode();
        String[] c = new String[12];
        for (int i = 0; i < c.length; i++) c[i] = newCode();
        String badCheck = c[0].substring(0, 17) + (c[0].charAt(17) == '0' ? '1' : '0');
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("credit_code", "name", "region_code", "industry_code", "hnte_domain", "founded_on", "listed", "year",
                "employees", "tech_staff", "rd_staff", "sales_revenue", "main_business_revenue", "rd_institution_level",
                "hnte_rd_management"));
        rows.add(List.of(ok1, "好企业一", "320412", "C3911", "01", "2010-01-01", "Y", "2024", "10", "10", "5", "100", "100", "national", "20"));
        rows.add(List.of(badCheck, "坏校验位", "320412", "", "", "2010-01-01", "", "2024", "", "", "", "", "", "", ""));    // 3
        rows.add(List.of(c[1], "", "320412", "", "", "2010-01-01", "", "2024", "", "", "", "", "", "", ""));             // 4 name
        rows.add(List.of(c[2], "区划", "3204", "", "", "2010-01-01", "", "2024", "", "", "", "", "", "", ""));            // 5 region format
        rows.add(List.of(c[3], "区划不存在", "320499", "", "", "2010-01-01", "", "2024", "", "", "", "", "", "", ""));     // 6 region missing
        rows.add(List.of(c[4], "行业", "320412", "39111", "", "2010-01-01", "", "2024", "", "", "", "", "", "", ""));     // 7 industry
        rows.add(List.of(c[5], "领域", "320412", "", "09", "2010-01-01", "", "2024", "", "", "", "", "", "", ""));        // 8 domain
        rows.add(List.of(c[6], "未来", "320412", "", "", "2999-01-01", "", "2024", "", "", "", "", "", "", ""));          // 9 future
        rows.add(List.of(c[7], "布尔", "320412", "", "", "2010-01-01", "maybe", "1989", "", "", "", "", "", "", ""));     // 10 bool+year
        rows.add(List.of(c[8], "人数", "320412", "", "", "2010-01-01", "", "2024", "10", "12", "-1", "", "", "", ""));    // 11 staff
        rows.add(List.of(c[9], "金额", "320412", "", "", "2010-01-01", "", "2024", "", "", "", "100.001", "", "", ""));   // 12 decimals
        rows.add(List.of(c[10], "收入", "320412", "", "", "2010-01-01", "", "2024", "", "", "", "100", "200", "county", "21")); // 13
        rows.add(List.of(ok2, "好企业二", "320412100", "", "", "2020/2/29", "0", "2023", "", "", "", "", "", "", ""));
        Path file = ImportFiles.csv(dir, "invalid.csv", StandardCharsets.UTF_8, false, rows);

        ImportReport r = load(file);

        assertThat(r.status()).as(r.message()).isEqualTo(Status.COMMITTED);
        assertThat(r.rowsRead()).isEqualTo(13);
        assertThat(r.rowsValid()).isEqualTo(2);
        assertThat(r.rowsRejected()).isEqualTo(11);
        assertThat(r.rowsInserted()).isEqualTo(2);
        List<String> found = r.rejections().stream().map(x -> x.line() + "|" + x.column() + "|" + x.value()).toList();
        assertThat(found).containsExactly(
                "3|credit_code|" + badCheck,
                "4|name|null",
                "5|region_code|3204",
                "6|region_code|320499",
                "7|industry_code|39111",
                "8|hnte_domain|09",
                "9|founded_on|2999-01-01",
                "10|listed|maybe", "10|year|1989",
                "11|rd_staff|-1", "11|tech_staff|12",
                "12|sales_revenue|100.001",
                "13|rd_institution_level|county", "13|hnte_rd_management|21", "13|main_business_revenue|200");
        assertThat(r.rejections()).allSatisfy(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.reasonZh()).isNotBlank();
            assertThat(x.reasonEn()).startsWith(x.column());
        });
        assertThat(r.rejections()).anySatisfy(x -> assertThat(x.reason())
                .isEqualTo("科技人员数 12 大于职工总数 10 / tech_staff 12 exceeds employees 10"));
        assertThat(r.rejections()).anySatisfy(x -> assertThat(x.reasonEn())
                .isEqualTo("region_code '320499' does not exist in the region table"));
        assertThat(count("SELECT count(*) FROM import_rejection WHERE batch_id = ? AND severity = 'ERROR'", r.batchId())).isEqualTo(15);
        assertThat(jdbc.sql("SELECT line_no || '|' || column_name || '|' || reason_en FROM import_rejection WHERE batch_id = ?"
                + " AND line_no = 12").param(r.batchId()).query(String.class).single())
                .isEqualTo("12|sales_revenue|sales_revenue '100.001' has more than 2 decimals");
        assertThat(enterprise(ok1).get("name")).isEqualTo("好企业一");
        assertThat(year(ok2, 2023)).isNotNull();
        for (String bad : c) {
            assertThat(count("SELECT count(*) FROM enterprise WHERE credit_code = ?", bad)).isZero();
        }
    }

    @Test
    void duplicateRowsAreBothRejectedEachNamingTheOther() throws Exception {
        String a = newCode();
        String b = newCode();
        Path file = ImportFiles.csv(dir, "dup.csv", StandardCharsets.UTF_8, false, List.of(HEADER,
                List.of(a, "甲", "320412", "2010-01-01", "2024", "10", "1", "100"),
                List.of(b, "乙", "320412", "2010-01-01", "2024", "10", "1", "100"),
                List.of(a, "甲", "320412", "2010-01-01", "2024", "11", "1", "100"),
                List.of(a, "甲", "320412", "2010-01-01", "2023", "11", "1", "100")));

        ImportReport r = load(file);

        assertThat(r.rowsValid()).isEqualTo(2);
        assertThat(r.rowsRejected()).isEqualTo(2);
        assertThat(r.rejections()).extracting(Rejection::line, Rejection::reasonEn).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(2, "credit_code " + a + " and year 2024 duplicate line 4"),
                org.assertj.core.groups.Tuple.tuple(4, "credit_code " + a + " and year 2024 duplicate line 2"));
        assertThat(count("SELECT count(*) FROM enterprise_year y JOIN enterprise e ON e.id = y.enterprise_id"
                + " WHERE e.credit_code = ?", a)).isEqualTo(1);
        assertThat(year(a, 2023).get("employees")).isEqualTo(11);
        assertThat(count("SELECT count(*) FROM import_rejection WHERE batch_id = ?", r.batchId())).isEqualTo(2);
    }

    @Test
    void reimportingTheSameFileChangesNothingAndTheSameValuesInAnotherFileLeaveRowsUnchanged() throws Exception {
        String a = newCode();
        String b = newCode();
        Path file = ImportFiles.csv(dir, "first.csv", StandardCharsets.UTF_8, false, List.of(HEADER,
                List.of(a, "甲", "320412", "2010-01-01", "2024", "10", "1", "100"),
                List.of(b, "乙", "320412", "2011-01-01", "2024", "20", "2", "200.5")));
        ImportReport first = load(file);
        assertThat(first.status()).isEqualTo(Status.COMMITTED);
        Object stamp = year(a, 2024).get("updated_at");

        ImportReport again = load(file);

        assertThat(again.status()).isEqualTo(Status.UNCHANGED);
        assertThat(again.batchId()).isNotEqualTo(first.batchId());
        assertThat(again.message()).contains("作为第 " + first.batchId() + " 批导入，未做任何更改")
                .contains("already imported as batch " + first.batchId());
        assertThat(year(a, 2024).get("updated_at")).isEqualTo(stamp);
        assertThat(jdbc.sql("SELECT status FROM import_batch WHERE id = ?").param(again.batchId()).query(String.class).single())
                .isEqualTo("UNCHANGED");
        assertThat(audit(again.batchId())).containsExactly("import.unchanged|bureau|127.0.0.1");

        // same values, other layout: different bytes, so a new batch, but no row changes
        Path other = ImportFiles.csv(dir, "second.csv", StandardCharsets.UTF_8, false, List.of(
                List.of("year", "sales_revenue", "credit_code", "name", "founded_on", "employees"),
                List.of("2024", "200.50", b, "乙", "2011-01-01", "20"),
                List.of("2024", "100", a, "甲", "2010-01-01", "10")));
        ImportReport second = load(other);

        assertThat(second.status()).as(second.message()).isEqualTo(Status.COMMITTED);
        assertThat(second.rowsUnchanged()).isEqualTo(2);
        assertThat(second.rowsInserted()).isZero();
        assertThat(second.rowsUpdated()).isZero();
        assertThat(year(a, 2024).get("updated_at")).isEqualTo(stamp);
        assertThat((String) year(b, 2024).get("src")).contains("\"sales_revenue\": " + first.batchId())
                .doesNotContain(String.valueOf(second.batchId()));
        assertThat((String) enterprise(b).get("src")).contains("\"name\": " + first.batchId());
    }

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    @Test
    void aConcurrentUploadOfTheSameFileThatCommitsFirstMakesThisOneUnchanged() throws Exception {
        String a = newCode();
        Path file = ImportFiles.csv(dir, "twice.csv", StandardCharsets.UTF_8, false, List.of(HEADER,
                List.of(a, "甲", "320412", "2010-01-01", "2024", "10", "1", "100")));
        String sha = ImportService.sha256(file);
        var other = new org.springframework.transaction.support.TransactionTemplate(transactions);
        other.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        long[] otherBatch = new long[1];

        // while this import reads, "another upload" of the same bytes commits
        ImportReport r = importer.importFile(file, "twice.csv", OPTIONS, new ImportProgress() {
            @Override
            public void rows(long rowsRead, long bytesRead, long bytesTotal) {
                otherBatch[0] = other.execute(s -> jdbc.sql("INSERT INTO import_batch (file_name, file_sha256, file_kind,"
                        + " status, finished_at) VALUES ('twice.csv', ?, 'ENTERPRISE_YEAR', 'COMMITTED', now()) RETURNING id")
                        .param(sha).query(Long.class).single());
            }
        });

        assertThat(r.status()).isEqualTo(Status.UNCHANGED);
        assertThat(r.message()).contains("already imported as batch " + otherBatch[0]);
        assertThat(count("SELECT count(*) FROM enterprise WHERE credit_code = ?", a)).isZero();
        assertThat(jdbc.sql("SELECT status FROM import_batch WHERE id = ?").param(r.batchId()).query(String.class).single())
                .isEqualTo("UNCHANGED");
        assertThat(audit(r.batchId())).containsExactly("import.unchanged|bureau|127.0.0.1");
    }

    @Test
    void missingColumnsAndEmptyCellsLeaveStoredValuesAndTheirSourcesAlone() throws Exception {
        String a = newCode();
        ImportReport first = load(ImportFiles.csv(dir, "p1.csv", StandardCharsets.UTF_8, false, List.of(HEADER,
                List.of(a, "甲", "320412", "2010-01-01", "2024", "10", "1", "100"))));
        ImportReport second = load(ImportFiles.csv(dir, "p2.csv", StandardCharsets.UTF_8, false, List.of(
                List.of("credit_code", "name", "founded_on", "year", "employees", "rd_expense"),
                List.of(a, "甲", "2010-01-01", "2024", "", "55"))));

        assertThat(second.rowsUpdated()).isEqualTo(1);
        Map<String, Object> y = year(a, 2024);
        assertThat(y.get("employees")).isEqualTo(10);
        assertThat((BigDecimal) y.get("sales_revenue")).isEqualByComparingTo("100");
        assertThat((BigDecimal) y.get("rd_expense")).isEqualByComparingTo("55");
        String src = (String) y.get("src");
        assertThat(src).contains("\"employees\": " + first.batchId(), "\"sales_revenue\": " + first.batchId(),
                "\"rd_expense\": " + second.batchId());
        assertThat(enterprise(a).get("region_code")).isEqualTo("320412");
    }

    @Test
    void enterpriseLevelDifferencesAreWarnedAndTheLatestYearWins() throws Exception {
        String a = newCode();
        ImportReport r = load(ImportFiles.csv(dir, "names.csv", StandardCharsets.UTF_8, false, List.of(HEADER,
                List.of(a, "常州旧名有限公司", "320412", "2010-01-01", "2023", "10", "1", "100"),
                List.of(a, "常州新名有限公司", "320412100", "2010-01-01", "2024", "10", "1", "100"))));

        assertThat(r.status()).isEqualTo(Status.COMMITTED);
        assertThat(r.rowsValid()).isEqualTo(2);
        assertThat(r.warnings()).isEqualTo(2);
        assertThat(r.rejections()).extracting(Rejection::line, Rejection::column, Rejection::severity).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(2, "name", Severity.WARNING),
                org.assertj.core.groups.Tuple.tuple(2, "region_code", Severity.WARNING));
        assertThat(r.rejections()).anySatisfy(w -> assertThat(w.reasonEn())
                .isEqualTo("name '常州旧名有限公司' differs from the latest year's value '常州新名有限公司'; the latest year wins"));
        assertThat(enterprise(a).get("name")).isEqualTo("常州新名有限公司");
        assertThat(enterprise(a).get("region_code")).isEqualTo("320412100");
        assertThat(count("SELECT count(*) FROM import_rejection WHERE batch_id = ? AND severity = 'WARNING'", r.batchId())).isEqualTo(2);
    }

    @Test
    void aFailureInTheMiddleOfABatchLeavesTheDatabaseAsBefore() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            String code = newCode();
            codes.add(code);
            rows.add(List.of(code, "企业" + i, "320412", "2010-01-01", "2024", "10", "1", "100"));
        }
        Path file = ImportFiles.csv(dir, "crash.csv", StandardCharsets.UTF_8, false, rows);
        long enterprisesBefore = count("SELECT count(*) FROM enterprise");
        long yearsBefore = count("SELECT count(*) FROM enterprise_year");

        ImportReport r = importer.importFile(file, "crash.csv", OPTIONS, (read, bytes, total) -> {
            if (read >= 3000) throw new IllegalStateException("disk on fire after " + read + " rows");
        });

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.message()).contains("disk on fire after 3000 rows");
        assertThat(count("SELECT count(*) FROM enterprise")).isEqualTo(enterprisesBefore);
        assertThat(count("SELECT count(*) FROM enterprise_year")).isEqualTo(yearsBefore);
        assertThat(count("SELECT count(*) FROM enterprise WHERE credit_code = ANY (?)", (Object) codes.toArray(String[]::new))).isZero();
        assertThat(jdbc.sql("SELECT status FROM import_batch WHERE id = ?").param(r.batchId()).query(String.class).single())
                .isEqualTo("FAILED");
        assertThat(audit(r.batchId())).as("the commit entry was rolled back with the data")
                .containsExactly("import.failed|bureau|127.0.0.1");

        // the same file can be imported afterwards: a failed batch does not count as imported
        ImportReport retry = load(file);
        assertThat(retry.status()).isEqualTo(Status.COMMITTED);
        assertThat(retry.rowsInserted()).isEqualTo(5000);
    }

    @Test
    void importsRecognitionsWithChineseKindsAndTheHnteDefaultExpiry() throws Exception {
        String a = newCode();
        String unknown = newCode();
        load(ImportFiles.csv(dir, "base.csv", StandardCharsets.UTF_8, false, List.of(HEADER,
                List.of(a, "甲", "320412", "2010-01-01", "2024", "10", "1", "100"))));
        Path file = ImportFiles.csv(dir, "certs.csv", Charset.forName("GBK"), false, List.of(
                List.of("统一社会信用代码", "类别", "证书编号", "发证日期", "有效期至", "发证机关"),
                List.of(a, "高新技术企业", "GR202332001234", "2023/11/6", "", "江苏省科学技术厅"),
                List.of(a, "科技型中小企业", "202432041200123", "2024-05-01", "2024-12-31", ""),
                List.of(a, "金牌企业", "X1", "2024-05-01", "", ""),
                List.of(unknown, "TSME", "T1", "2024-05-01", "", "")));

        ImportReport r = load(file);

        assertThat(r.kind()).isEqualTo(FileKind.RECOGNITION);
        assertThat(r.status()).as(r.message()).isEqualTo(Status.COMMITTED);
        assertThat(r.rowsRead()).isEqualTo(4);
        assertThat(r.rowsValid()).isEqualTo(2);
        assertThat(r.rowsRejected()).isEqualTo(2);
        assertThat(r.rowsInserted()).isEqualTo(2);
        assertThat(r.rejections()).extracting(Rejection::line).containsExactlyInAnyOrder(4, 5);
        assertThat(r.rejections()).anySatisfy(x -> assertThat(x.reasonEn()).contains(unknown, "no such enterprise"));
        Map<String, Object> hnte = jdbc.sql("SELECT r.* FROM recognition r JOIN enterprise e ON e.id = r.enterprise_id"
                + " WHERE e.credit_code = ? AND kind = 'HNTE'").param(a).query().singleRow();
        assertThat(hnte.get("expires_on")).isEqualTo(java.sql.Date.valueOf("2026-11-06"));
        assertThat(hnte.get("issuer")).isEqualTo("江苏省科学技术厅");
        assertThat(hnte.get("batch_id")).isEqualTo(r.batchId());
        assertThat(count("SELECT count(*) FROM import_rejection WHERE batch_id = ?", r.batchId())).isEqualTo(2);
    }

    @Test
    void aFileWithoutRequiredColumnsIsUnreadableAndSaysWhich() throws Exception {
        Path file = ImportFiles.csv(dir, "partial.csv", StandardCharsets.UTF_8, false, List.of(
                List.of("统一社会信用代码", "企业名称", "职工总数"), List.of(newCode(), "甲", "10")));

        ImportReport r = load(file);

        assertThat(r.status()).isEqualTo(Status.UNREADABLE);
        assertThat(r.readable()).isFalse();
        assertThat(r.message()).contains("缺少必填列：成立日期(founded_on)、年度(year)")
                .contains("missing required columns: founded_on (成立日期), year (年度)");
        assertThat(jdbc.sql("SELECT status FROM import_batch WHERE id = ?").param(r.batchId()).query(String.class).single())
                .isEqualTo("FAILED");
    }
}
