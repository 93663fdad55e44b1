package org.innoladder.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.innoladder.enterprise.Populations;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.identity.Role;
import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.importer.ImportOptions;
import org.innoladder.importer.ImportProgress;
import org.innoladder.importer.ImportReport;
import org.innoladder.importer.ImportService;
import org.innoladder.rules.EvaluationResult;
import org.innoladder.rules.Rulesets;
import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.CreditCode;
import org.innoladder.rules.facts.FactRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
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

/**
 * The technology-contract register as a source of {@code conversions}: a seller's registered transfers and licences
 * of a year become its yearly count, with the contracts as provenance; the greater of the imported and the register's
 * count holds (the register's on a tie); the HNTE ruleset's conversion score moves with it; a later import of yearly
 * facts does not silently replace a larger register count; a transfer sold by an enterprise outside the uploader's
 * scope is refused (it would change that enterprise's facts).
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConversionsFromContractsTest {
    static final String SELLER = CreditCode.complete("91330106" + "58" + "000001");
    static final String OTHER = CreditCode.complete("91330105" + "58" + "000002");
    static final List<Object> HEADER = List.of("合同编号", "合同类型", "买方名称", "买方统一社会信用代码", "买方所在地区代码", "卖方名称",
            "卖方统一社会信用代码", "卖方所在地区代码", "合同金额（万元）", "技术交易额（万元）", "签订日期");

    static final RequestPostProcessor BUREAU = user(AppUserDetails.of(new CurrentUser(981, "xihu-test", "西湖区科技局", Role.BUREAU, "330106", null, null)));
    static final RequestPostProcessor TOWN = user(AppUserDetails.of(new CurrentUser(982, "beishan-test", "北山街道", Role.TOWN, "330106001", null, null)));

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
    long sellerId, batchId;

    @BeforeAll
    void data() {
        // regions of their own, so the contracts change no other test's hand-computed figures (the database is shared)
        for (String[] r : new String[][] {{"33", "浙江省", "province", null}, {"3301", "杭州市", "city", "33"},
                {"330105", "拱墅区", "county", "3301"}, {"330106", "西湖区", "county", "3301"},
                {"330105001", "米市巷街道", "town", "330105"}, {"330106001", "北山街道", "town", "330106"}}) {
            jdbc.sql("INSERT INTO region (code, name, level, parent_code) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(r[0], r[1], r[2], r[3]).update();
        }
        batchId = jdbc.sql("INSERT INTO import_batch (file_name, file_sha256, file_kind, status, finished_at)"
                + " VALUES ('facts-conversions.csv', md5(random()::text), 'ENTERPRISE_YEAR', 'COMMITTED', now()) RETURNING id")
                .query(Long.class).single();
        sellerId = jdbc.sql("INSERT INTO enterprise (credit_code, name, region_code, founded_on, hnte_domain)"
                        + " VALUES (?, '转化测试智能装备有限公司', '330106001', DATE '2012-01-01', '08') RETURNING id")
                .param(SELLER).query(Long.class).single();
        jdbc.sql("INSERT INTO enterprise (credit_code, name, region_code, founded_on) VALUES (?, '转化测试拱墅有限公司', '330105001', DATE '2012-01-01')")
                .param(OTHER).update();
        // imported conversions: 0 in 2022, 1 in 2023, 5 in 2024, each with the batch as its source
        int[] imported = {0, 1, 5};
        for (int i = 0; i < 3; i++) {
            jdbc.sql("INSERT INTO enterprise_year (enterprise_id, year, employees, conversions, sources) VALUES (?, ?, 80, ?, CAST(? AS jsonb))")
                    .params(sellerId, 2022 + i, imported[i], "{\"employees\": " + batchId + ", \"conversions\": " + batchId + "}").update();
        }
    }

    List<List<Object>> register() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(HEADER);
        rows.add(sold("ZH2022-01", "技术转让", "2022-03-01"));
        rows.add(sold("ZH2022-02", "技术转让", "2022-09-30"));
        rows.add(sold("ZH2023-01", "技术转让", "2023-01-15"));
        rows.add(sold("ZH2023-02", "技术许可", "2023-06-01"));
        rows.add(sold("ZH2023-03", "技术许可", "2023-12-31"));
        rows.add(sold("ZH2023-04", "技术开发", "2023-05-05"));       // development: not a conversion
        rows.add(List.of("ZH2023-05", "技术转让", "转化测试智能装备有限公司", SELLER, "330106001", "拱墅某大学", "", "330105", 50, 50,
                "2023-07-01"));                                       // bought, not sold: not the enterprise's conversion
        for (int i = 1; i <= 4; i++) rows.add(sold("ZH2024-0" + i, "技术许可", "2024-0" + (i + 1) + "-01"));
        // line 13: a transfer sold by an enterprise of 拱墅区 to a buyer in 西湖区: it would change 拱墅's facts
        rows.add(List.of("ZH2024-09", "技术转让", "北山某公司", "", "330106001", "转化测试拱墅有限公司", OTHER, "330105001", 30, 30, "2024-08-01"));
        return rows;
    }

    static List<Object> sold(String no, String kind, String date) {
        return List.of(no, kind, "拱墅某研究院", "", "330105", "转化测试智能装备有限公司", SELLER, "330106001", 100, 90, date);
    }

    @Test
    @Order(1)
    void theSellersTransfersAndLicencesBecomeItsConversionsWithTheContractsAsProvenance() throws Exception {
        EvaluationResult before = hnte();
        // imported only: (0 + 1 + 5) / 3 = 2 a year, band D (7–12)
        assertThat(conversionItem(before)).isEqualTo("D 7-12");

        Path file = PlatformImportTest.writeXlsx(dir.resolve("contracts.xlsx"), register());
        JsonNode report = PlatformImportTest.JSON.readTree(mvc.perform(multipart("/api/v1/resources/contracts/import")
                        .file(new MockMultipartFile("file", "contracts.xlsx", "application/octet-stream", Files.readAllBytes(file)))
                        .with(BUREAU).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(report.get("added").asInt()).isEqualTo(11);
        assertThat(report.get("rejections")).hasSize(1);
        JsonNode refused = report.get("rejections").get(0);
        assertThat(refused.get("line").asInt()).isEqualTo(13);
        assertThat(refused.get("field").asString()).isEqualTo("seller_credit_code");
        assertThat(refused.get("value").asString()).isEqualTo(OTHER);
        assertThat(refused.get("reasonZh").asString()).contains("科技成果转化数");

        // the register: 2 in 2022, 3 in 2023 (the development contract and the purchase do not count), 4 in 2024;
        // the greater holds: 2022 max(0, 2) = 2 and 2023 max(1, 3) = 3 from the register, 2024 max(5, 4) = 5 imported
        assertThat(conversions()).containsExactlyEntriesOf(new TreeMap<>(Map.of(2022, 2, 2023, 3, 2024, 5)));
        Map<String, Object> y2023 = jdbc.sql("SELECT y.sources -> 'conversions' ->> 'registry' AS registry, y.sources -> 'conversions' ->> 'zh' AS zh,"
                + " y.sources -> 'conversions' ->> 'href' AS href, y.sources -> 'conversions' -> 'imported' ->> 'value' AS kept,"
                + " y.sources -> 'conversions' -> 'imported' ->> 'batch' AS batch FROM enterprise_year y WHERE y.enterprise_id = ? AND y.year = 2023")
                .param(sellerId).query().singleRow();
        assertThat(y2023.get("registry")).isEqualTo("tech_contract");
        assertThat((String) y2023.get("zh")).contains("ZH2023-01", "ZH2023-02", "ZH2023-03", "3 份").doesNotContain("ZH2023-04", "ZH2023-05");
        assertThat(y2023.get("href")).isEqualTo("/resources/contracts?year=2023&q=" + SELLER);
        assertThat(y2023).containsEntry("kept", "1").containsEntry("batch", String.valueOf(batchId));
        // 2024: the imported 5 is greater, so its batch stays the source
        assertThat(jdbc.sql("SELECT y.sources ->> 'conversions' FROM enterprise_year y WHERE y.enterprise_id = ? AND y.year = 2024")
                .param(sellerId).query(String.class).single()).isEqualTo(String.valueOf(batchId));

        // the ruleset reads it: (2 + 3 + 5) / 3 = 3.33 a year, band C (13–18)
        assertThat(conversionItem(hnte())).isEqualTo("C 13-18");

        // the file page links the 2023 count to the contracts and names them
        String html = mvc.perform(get("/enterprises/" + SELLER).with(TOWN)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        String line = html.substring(html.indexOf("id=\"fact-conversions\""));
        line = line.substring(0, line.indexOf("</tr>"));
        assertThat(line).contains("href=\"/resources/contracts?year=2023&amp;q=" + SELLER + "\"")
                .contains("技术合同登记：2023年作为卖方的技术转让、技术许可合同 3 份（ZH2023-01、ZH2023-02、ZH2023-03）")
                .contains("来源：导入批次 #" + batchId);

        // the same file again changes nothing
        JsonNode again = PlatformImportTest.JSON.readTree(mvc.perform(multipart("/api/v1/resources/contracts/import")
                        .file(new MockMultipartFile("file", "contracts-again.xlsx", "application/octet-stream", Files.readAllBytes(file)))
                        .with(BUREAU).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(again.get("unchanged").asInt()).isEqualTo(11);
        assertThat(conversions()).containsExactlyEntriesOf(new TreeMap<>(Map.of(2022, 2, 2023, 3, 2024, 5)));

        // a contract turned from a transfer into a development contract leaves 2022 with one conversion
        Path changed = PlatformImportTest.writeXlsx(dir.resolve("changed.xlsx"), List.of(HEADER, sold("ZH2022-02", "技术开发", "2022-09-30")));
        mvc.perform(multipart("/api/v1/resources/contracts/import")
                        .file(new MockMultipartFile("file", "changed.xlsx", "application/octet-stream", Files.readAllBytes(changed)))
                        .with(BUREAU).with(csrf()))
                .andExpect(status().isOk());
        assertThat(conversions().get(2022)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT y.sources -> 'conversions' ->> 'zh' FROM enterprise_year y WHERE y.enterprise_id = ? AND y.year = 2022")
                .param(sellerId).query(String.class).single()).contains("ZH2022-01").doesNotContain("ZH2022-02");
    }

    @Test
    @Order(2)
    void aLaterImportKeepsTheGreaterCount() throws Exception {
        // the import now says 2 for 2023 (below the register's 3) and 9 for 2022 (above the register's 1)
        Path csv = dir.resolve("facts-again.csv");
        Files.writeString(csv, "统一社会信用代码,企业名称,所属区划代码,成立日期,年度,职工总数,科技成果转化数\n"
                + SELLER + ",转化测试智能装备有限公司,330106001,2012-01-01,2023,80,2\n"
                + SELLER + ",转化测试智能装备有限公司,330106001,2012-01-01,2022,80,9\n");
        ImportReport r = importer.importFile(csv, "facts-again.csv", new ImportOptions("upload", "xihu-test", "127.0.0.1",
                new DataScope.RegionSubtree("330106"), false, null), ImportProgress.NONE);
        assertThat(r.status()).as(r.message()).isEqualTo(ImportReport.Status.COMMITTED);
        // the module listens to the committed import and supplies the counts again (after the import's transaction)
        String registry = null;
        for (int i = 0; i < 200; i++) {
            registry = jdbc.sql("SELECT y.sources -> 'conversions' ->> 'registry' FROM enterprise_year y WHERE y.enterprise_id = ? AND y.year = 2023")
                    .param(sellerId).query(String.class).optional().orElse(null);
            if ("tech_contract".equals(registry)) break;
            Thread.sleep(50);
        }
        assertThat(registry).isEqualTo("tech_contract");
        assertThat(conversions()).containsExactlyEntriesOf(new TreeMap<>(Map.of(2022, 9, 2023, 3, 2024, 5)));
        assertThat(jdbc.sql("SELECT y.sources -> 'conversions' -> 'imported' ->> 'batch' FROM enterprise_year y"
                + " WHERE y.enterprise_id = ? AND y.year = 2023").param(sellerId).query(String.class).single()).isEqualTo(String.valueOf(r.batchId()));
        assertThat(jdbc.sql("SELECT y.sources ->> 'conversions' FROM enterprise_year y WHERE y.enterprise_id = ? AND y.year = 2022")
                .param(sellerId).query(String.class).single()).isEqualTo(String.valueOf(r.batchId()));
    }

    @Test
    @Order(3)
    void theBuyersBureauCannotTurnTheSellersLicenceIntoSomethingElse() throws Exception {
        // the buyer of ZH2024-01 lies in 拱墅区: its bureau may see the contract, but changing the licence's kind would
        // change the 西湖区 seller's conversions
        RequestPostProcessor gongshu = user(AppUserDetails.of(new CurrentUser(983, "gongshu-test", "拱墅区科技局", Role.BUREAU, "330105", null, null)));
        Path changed = PlatformImportTest.writeXlsx(dir.resolve("gongshu.xlsx"), List.of(HEADER, sold("ZH2024-01", "技术开发", "2024-02-01")));
        JsonNode report = PlatformImportTest.JSON.readTree(mvc.perform(multipart("/api/v1/resources/contracts/import")
                        .file(new MockMultipartFile("file", "gongshu.xlsx", "application/octet-stream", Files.readAllBytes(changed)))
                        .with(gongshu).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(report.get("rejections")).hasSize(1);
        assertThat(report.get("rejections").get(0).get("field").asString()).isEqualTo("seller_credit_code");
        assertThat(report.get("rejections").get(0).get("problem").asString()).isEqualTo("NOT_FOUND");
        assertThat(jdbc.sql("SELECT kind FROM tech_contract WHERE contract_no = 'ZH2024-01'").query(String.class).single()).isEqualTo("LICENSING");
    }

    /** conversions by year, read the way the rulesets read facts. */
    Map<Integer, Integer> conversions() {
        Map<Integer, Integer> out = new TreeMap<>();
        for (FactRow row : history()) {
            Object v = row.get(Column.CONVERSIONS);
            out.put(row.year(), v == null ? null : ((Number) v).intValue());
        }
        return out;
    }

    List<FactRow> history() {
        List<FactRow> rows = new ArrayList<>();
        populations.read(Populations.Query.of(2024, null), (id, row) -> {
            if (id == sellerId) rows.add(row);
        });
        return rows;
    }

    EvaluationResult hnte() {
        return Rulesets.get("hnte@2016").evaluate(history(), 2024);
    }

    static String conversionItem(EvaluationResult r) {
        return r.items().stream().filter(i -> i.id().equals("conversion")).map(i -> i.band() + " " + i.min() + "-" + i.max())
                .findFirst().orElseThrow();
    }
}
