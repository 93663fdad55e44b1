package org.innoladder.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.innoladder.enterprise.Populations;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.importer.ImportOptions;
import org.innoladder.importer.ImportProgress;
import org.innoladder.importer.ImportReport;
import org.innoladder.importer.ImportService;
import org.innoladder.identity.Role;
import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.CreditCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The R&D platform registry as the source of {@code rd_institution_level}: a real XLSX register imported through the
 * API by a 武进区 bureau; the valid rows are kept, every bad row reported by line, field, value and rule (a host
 * outside the bureau's region is "not found" and changes nothing), the hosts' yearly rows as the rulesets read them
 * (through {@link Populations}) take the registry's level, and the file page shows the platform as the value's source.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformImportTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String HOST = code(1), OTHER = code(2), XINBEI = CreditCode.complete("91320411" + "55" + "000003");
    static final String UNKNOWN = code(99);
    /** HOST with a wrong check character. */
    static final String BAD_CHECK = HOST.substring(0, 17) + (HOST.charAt(17) == '0' ? '1' : '0');

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Populations populations;
    @Autowired
    ImportService importer;

    @TempDir
    Path dir;
    long hostId, otherId, xinbeiId, batchId;

    static String code(int n) {
        return CreditCode.complete("91320412" + "55" + String.format("%06d", n));
    }

    @BeforeAll
    void data() {
        for (String[] r : new String[][] {{"32", "江苏省", "province", null}, {"3204", "常州市", "city", "32"},
                {"320411", "新北区", "county", "3204"}, {"320412", "武进区", "county", "3204"},
                {"320411002", "三井街道", "town", "320411"}, {"320412100", "湖塘镇", "town", "320412"}}) {
            jdbc.sql("INSERT INTO region (code, name, level, parent_code) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(r[0], r[1], r[2], r[3]).update();
        }
        batchId = jdbc.sql("INSERT INTO import_batch (file_name, file_sha256, file_kind, status, finished_at)"
                + " VALUES ('facts-2024.csv', md5(random()::text), 'ENTERPRISE_YEAR', 'COMMITTED', now()) RETURNING id")
                .query(Long.class).single();
        hostId = enterprise(HOST, "平台测试精密机械有限公司", "320412100");
        otherId = enterprise(OTHER, "平台测试无平台有限公司", "320412100");
        xinbeiId = enterprise(XINBEI, "平台测试新北有限公司", "320411002");
        for (long id : new long[] {hostId, otherId, xinbeiId}) {
            for (int year = 2021; year <= 2024; year++) {
                // the imported value: none (the registry must win over it), with the batch as its source
                jdbc.sql("INSERT INTO enterprise_year (enterprise_id, year, employees, rd_institution_level, sources)"
                                + " VALUES (?, ?, 50, 'none', CAST(? AS jsonb))")
                        .params(id, year, "{\"employees\": " + batchId + ", \"rd_institution_level\": " + batchId + "}").update();
            }
        }
    }

    long enterprise(String code, String name, String region) {
        return jdbc.sql("INSERT INTO enterprise (credit_code, name, region_code, founded_on) VALUES (?, ?, ?, DATE '2012-01-01') RETURNING id")
                .params(code, name, region).query(Long.class).single();
    }

    static final List<Object> HEADER = List.of("依托单位统一社会信用代码", "平台类型", "平台名称", "级别", "认定文号", "认定年度");

    List<List<Object>> register() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(HEADER);
        rows.add(List.of(HOST, "企业技术中心", "平台测试市级企业技术中心", "市级", "常经信〔2022〕12号", 2022));           // line 2
        rows.add(List.of(HOST, "工程技术研究中心", "江苏省精密传动工程技术研究中心", "省级", "苏科技〔2023〕45号", 2023)); // line 3
        rows.add(List.of(XINBEI, "重点实验室", "新北重点实验室", "省级", "苏科技〔2023〕46号", 2023));                   // 4: out of scope
        rows.add(List.of(UNKNOWN, "重点实验室", "无此企业实验室", "省级", "苏科技〔2023〕47号", 2023));                 // 5: no such enterprise
        rows.add(List.of(OTHER, "孵化器", "平台测试孵化器", "省级", "苏科技〔2023〕48号", 2023));                      // 6: not a platform kind
        rows.add(List.of(OTHER, "重点实验室", "平台测试实验室", "县级", "苏科技〔2023〕49号", 2023));                   // 7: no such level
        rows.add(List.of(OTHER, "重点实验室", "平台测试实验室", "省级", "苏科技〔2023〕49号", "二〇二三"));             // 8: bad year
        rows.add(List.of(BAD_CHECK, "重点实验室", "平台测试实验室", "省级", "苏科技〔2023〕49号", 2023));     // 9: bad code
        rows.add(List.of(HOST, "工程中心", "江苏省精密传动工程技术研究中心", "省级", "苏科技〔2023〕45号", 2023));        // 10: duplicate of 3
        rows.add(List.of(OTHER, "重点实验室", "", "省级", "苏科技〔2023〕49号", 2023));                                 // 11: no name
        return rows;
    }

    @Test
    @Order(1)
    void registerSuppliesTheInstitutionLevelWithProvenanceAndReportsEveryRejectedRow() throws Exception {
        JsonNode report = upload(xlsx("platforms.xlsx", register()), district());
        assertThat(report.get("rows").asInt()).isEqualTo(10);
        assertThat(report.get("added").asInt()).isEqualTo(2);
        assertThat(report.get("rejected").asInt()).isEqualTo(8);
        Map<Integer, String> rejected = new TreeMap<>();
        for (JsonNode r : report.get("rejections")) {
            rejected.put(r.get("line").asInt(), r.get("field").asString() + " " + r.get("value").asString() + " " + r.get("problem").asString());
            assertThat(r.get("reasonZh").asString()).isNotBlank();
            assertThat(r.get("reasonEn").asString()).isNotBlank();
        }
        assertThat(rejected).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                4, "credit_code " + XINBEI + " NOT_FOUND",
                5, "credit_code " + UNKNOWN + " NOT_FOUND",
                6, "kind 孵化器 INVALID",
                7, "level 县级 INVALID",
                8, "year 二〇二三 INVALID",
                9, "credit_code " + BAD_CHECK + " INVALID",
                10, "name 江苏省精密传动工程技术研究中心 DUPLICATE",
                11, "name  INVALID")));

        // as the rulesets read it: 2021 none (no platform yet), 2022 city, 2023 and 2024 provincial
        assertThat(levels(hostId)).containsExactlyEntriesOf(new TreeMap<>(Map.of(2021, "none", 2022, "city", 2023, "provincial", 2024, "provincial")));
        assertThat(levels(otherId).values()).containsOnly("none");
        assertThat(levels(xinbeiId).values()).containsOnly("none");
        assertThat(jdbc.sql("SELECT count(*) FROM rd_platform WHERE enterprise_id = ?").param(xinbeiId).query(Long.class).single()).isZero();

        // the file page: the level links to the platform that supplied it, and lists the platforms hosted
        long provincial = jdbc.sql("SELECT id FROM rd_platform WHERE enterprise_id = ? AND level = 'PROVINCIAL'").param(hostId)
                .query(Long.class).single();
        String html = mvc.perform(get("/enterprises/" + HOST).with(town())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        String line = html.substring(html.indexOf("id=\"fact-rd_institution_level\""));
        line = line.substring(0, line.indexOf("</tr>"));
        assertThat(line).contains("href=\"/resources/platforms/" + provincial + "\"")
                .contains("研发平台登记 #" + provincial + "：省级工程技术研究中心“江苏省精密传动工程技术研究中心”（苏科技〔2023〕45号，2023年认定）");
        assertThat(html).contains("id=\"hosted-platforms\"").contains("平台测试市级企业技术中心").contains("常经信〔2022〕12号");
        // the imported value stays the source of 2021 (no platform then)
        assertThat(line).contains("来源：导入批次 #" + batchId);

        // the same file again changes nothing
        JsonNode again = upload(xlsx("platforms-again.xlsx", register()), district());
        assertThat(again.get("added").asInt()).isZero();
        assertThat(again.get("unchanged").asInt()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM rd_platform WHERE enterprise_id = ?").param(hostId).query(Long.class).single()).isEqualTo(2);

        // a later recognition year moves the level: the provincial centre now from 2024, so 2023 falls back to city
        List<List<Object>> moved = List.of(HEADER,
                List.of(HOST, "工程技术研究中心", "江苏省精密传动工程技术研究中心", "省级", "苏科技〔2024〕8号", 2024));
        JsonNode update = upload(xlsx("platforms-2024.xlsx", moved), district());
        assertThat(update.get("updated").asInt()).isEqualTo(1);
        assertThat(levels(hostId)).containsExactlyEntriesOf(new TreeMap<>(Map.of(2021, "none", 2022, "city", 2023, "city", 2024, "provincial")));
    }

    @Test
    @Order(2)
    void aLaterImportOfYearlyFactsDoesNotReplaceTheRegistersLevel() throws Exception {
        // after the first test: 2024 is provincial from the register; an import now says "none" for 2024
        Path csv = dir.resolve("facts-2024-again.csv");
        Files.writeString(csv, "统一社会信用代码,企业名称,所属区划代码,成立日期,年度,职工总数,研发机构级别\n"
                + HOST + ",平台测试精密机械有限公司,320412100,2012-01-01,2024,60,none\n");
        ImportReport r = importer.importFile(csv, "facts-2024-again.csv", new ImportOptions("upload", "wujin-test", "127.0.0.1",
                new DataScope.RegionSubtree("320412"), false, null), ImportProgress.NONE);
        assertThat(r.status()).as(r.message()).isEqualTo(ImportReport.Status.COMMITTED);
        // the module listens to the committed import and supplies the level again (after the import's transaction)
        String entry = null;
        for (int i = 0; i < 200; i++) {
            entry = jdbc.sql("SELECT y.sources -> 'rd_institution_level' ->> 'registry' FROM enterprise_year y"
                    + " WHERE y.enterprise_id = ? AND y.year = 2024").param(hostId).query(String.class).optional().orElse(null);
            if ("rd_platform".equals(entry)) break;
            Thread.sleep(50);
        }
        assertThat(entry).isEqualTo("rd_platform");
        assertThat(levels(hostId).get(2024)).isEqualTo("provincial");
        assertThat(levels(hostId).get(2024 - 1)).isEqualTo("city");
        // the imported value and its batch are kept aside, and the new number of employees is the import's
        Map<String, Object> kept = jdbc.sql("SELECT y.sources -> 'rd_institution_level' -> 'imported' ->> 'value' AS value,"
                + " y.sources -> 'rd_institution_level' -> 'imported' ->> 'batch' AS batch, y.employees FROM enterprise_year y"
                + " WHERE y.enterprise_id = ? AND y.year = 2024").param(hostId).query().singleRow();
        assertThat(kept.get("value")).isEqualTo("none");
        assertThat(kept.get("batch")).isEqualTo(String.valueOf(r.batchId()));
        assertThat(((Number) kept.get("employees")).intValue()).isEqualTo(60);
    }

    @Test
    void aFileOfOnlyOutOfScopeHostsStoresNothingAndAnUnreadableFileNamesTheMissingColumns() throws Exception {
        long imports = jdbc.sql("SELECT count(*) FROM resource_import").query(Long.class).single();
        JsonNode report = upload(xlsx("xinbei.xlsx", List.of(HEADER,
                List.of(XINBEI, "重点实验室", "新北重点实验室二", "国家级", "国科发〔2023〕1号", 2023))), district());
        assertThat(report.get("rejected").asInt()).isEqualTo(1);
        assertThat(report.get("importId").isNull()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM resource_import").query(Long.class).single()).isEqualTo(imports);
        assertThat(levels(xinbeiId).values()).containsOnly("none");

        String body = mvc.perform(multipart("/api/v1/resources/platforms/import")
                        .file(new MockMultipartFile("file", "bad.xlsx", "application/octet-stream",
                                Files.readAllBytes(xlsx("bad.xlsx", List.of(List.of("平台名称", "级别"), List.of("某中心", "省级"))))))
                        .with(district()).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(body).contains("依托单位统一社会信用代码").contains("credit_code").contains("认定年度");

        // a town officer reads registries but does not keep them
        mvc.perform(multipart("/api/v1/resources/platforms/import")
                        .file(new MockMultipartFile("file", "p.xlsx", "application/octet-stream", Files.readAllBytes(xlsx("p.xlsx", register()))))
                        .with(town()).with(csrf()))
                .andExpect(status().isForbidden());
    }

    @Test
    void listsAndApiKeepToTheCallersScope() throws Exception {
        upload(xlsx("platforms-scope.xlsx", register()), district());
        jdbc.sql("INSERT INTO rd_platform (enterprise_id, kind, level, name, document, recognised_year)"
                + " VALUES (?, 'KEY_LAB', 'NATIONAL', '新北国家重点实验室', '国科发〔2020〕3号', 2020) ON CONFLICT DO NOTHING").param(xinbeiId).update();
        long xinbeiPlatform = jdbc.sql("SELECT id FROM rd_platform WHERE enterprise_id = ?").param(xinbeiId).query(Long.class).single();
        String page = mvc.perform(get("/resources/platforms").with(town())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("江苏省精密传动工程技术研究中心").doesNotContain("新北国家重点实验室");
        mvc.perform(get("/api/v1/resources/platforms/" + xinbeiPlatform).with(district())).andExpect(status().isNotFound());
        mvc.perform(get("/resources/platforms/" + xinbeiPlatform).with(town())).andExpect(status().isNotFound());
        String city = mvc.perform(get("/api/v1/resources/platforms").param("q", "新北").with(user(AppUserDetails.of(
                new CurrentUser(993, "city-test", "城市", Role.BUREAU, "3204", null, null))))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(city).contains("新北国家重点实验室");
        // a region outside the scope is a bad parameter, named (Params.regionInScope)
        String refused = mvc.perform(get("/api/v1/resources/platforms").param("region", "320411").with(district()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("region").contains("320411");
    }

    /** rd_institution_level by year, read the way the rulesets read facts. */
    Map<Integer, String> levels(long enterpriseId) {
        Map<Integer, String> out = new TreeMap<>();
        populations.read(Populations.Query.of(2024, null), (id, row) -> {
            if (id == enterpriseId) out.put(row.year(), row.text(Column.RD_INSTITUTION_LEVEL));
        });
        return out;
    }

    JsonNode upload(Path file, RequestPostProcessor who) throws Exception {
        String body = mvc.perform(multipart("/api/v1/resources/platforms/import")
                        .file(new MockMultipartFile("file", file.getFileName().toString(), "application/octet-stream", Files.readAllBytes(file)))
                        .with(who).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return JSON.readTree(body);
    }

    Path xlsx(String name, List<List<Object>> rows) throws Exception {
        return writeXlsx(dir.resolve(name), rows);
    }

    /** A real XLSX file of these rows (numbers as numbers, the rest as text). */
    static Path writeXlsx(Path file, List<List<Object>> rows) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook wb = new Workbook(out, "InnoLadder test", "1.0");
            Worksheet ws = wb.newWorksheet("登记");
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Object v = rows.get(r).get(c);
                    if (v instanceof Number n) ws.value(r, c, n);
                    else ws.value(r, c, (String) v);
                }
            }
            wb.finish();
        }
        return file;
    }

    static RequestPostProcessor district() {
        return user(AppUserDetails.of(new CurrentUser(991, "wujin-test", "武进区科技局", Role.BUREAU, "320412", null, null)));
    }

    static RequestPostProcessor town() {
        return user(AppUserDetails.of(new CurrentUser(992, "hutang-test", "湖塘镇", Role.TOWN, "320412100", null, null)));
    }
}
