package org.innoladder.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.innoladder.rules.facts.CreditCode;
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

import tools.jackson.databind.JsonNode;

/**
 * The carrier register and its tenants: real XLSX files imported through the API by a 武进区 bureau, every bad row
 * reported (a region, carrier or enterprise outside the bureau's scope is "not found"), and a year's figures computed
 * by hand: tenants at year end by their tier that day, new HNTE among the year's tenants, graduates.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CarrierImportTest {
    static final String HNTE = code(1), TSME = code(2), GRADUATE = code(3), XINBEI = CreditCode.complete("91320411" + "56" + "000004");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;
    long graduateId;

    static String code(int n) {
        return CreditCode.complete("91320412" + "56" + String.format("%06d", n));
    }

    @BeforeAll
    void data() {
        for (String[] r : new String[][] {{"32", "江苏省", "province", null}, {"3204", "常州市", "city", "32"},
                {"320411", "新北区", "county", "3204"}, {"320412", "武进区", "county", "3204"},
                {"320411002", "三井街道", "town", "320411"}, {"320412100", "湖塘镇", "town", "320412"}}) {
            jdbc.sql("INSERT INTO region (code, name, level, parent_code) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(r[0], r[1], r[2], r[3]).update();
        }
        long hnte = enterprise(HNTE, "载体测试高企有限公司", "320412100");
        long tsme = enterprise(TSME, "载体测试科小有限公司", "320412100");
        graduateId = enterprise(GRADUATE, "载体测试毕业有限公司", "320412100");
        enterprise(XINBEI, "载体测试新北有限公司", "320411002");
        // an HNTE certificate issued in 2024 over an earlier TSME one; a TSME valid through 2024; the graduate holds none
        recognition(hnte, "TSME", "2022320412000101", LocalDate.of(2022, 5, 1), LocalDate.of(2025, 4, 30));
        recognition(hnte, "HNTE", "GR202432001234", LocalDate.of(2024, 11, 19), LocalDate.of(2027, 11, 18));
        recognition(tsme, "TSME", "2024320412000102", LocalDate.of(2024, 4, 1), LocalDate.of(2025, 3, 31));
    }

    long enterprise(String code, String name, String region) {
        return jdbc.sql("INSERT INTO enterprise (credit_code, name, region_code, founded_on) VALUES (?, ?, ?, DATE '2018-01-01') RETURNING id")
                .params(code, name, region).query(Long.class).single();
    }

    void recognition(long id, String kind, String no, LocalDate issued, LocalDate expires) {
        jdbc.sql("INSERT INTO recognition (enterprise_id, kind, certificate_no, issued_on, expires_on, issuer, source)"
                + " VALUES (?, ?, ?, ?, ?, '江苏省科学技术厅', 'upload')").params(id, kind, no, issued, expires).update();
    }

    static final List<Object> CARRIER_HEADER = List.of("载体名称", "载体类型", "级别", "所在地区代码", "运营单位", "面积（平方米）", "认定文号", "认定年度");
    static final List<Object> TENANT_HEADER = List.of("载体名称", "企业统一社会信用代码", "入驻日期", "迁出日期", "毕业日期");

    @Test
    @Order(1)
    void carriersAndTenantsImportWithTheirReportsAndTheYearsFiguresAreAsComputedByHand() throws Exception {
        JsonNode carriers = upload("/api/v1/resources/carriers/import", xlsx("carriers.xlsx", List.of(CARRIER_HEADER,
                List.of("湖塘科技企业孵化器", "孵化器", "国家级", "320412100", "湖塘科创发展有限公司", 12000.5, "国科发区〔2021〕12号", 2021), // 2
                List.of("武进智造众创空间", "众创空间", "省级", "320412", "", "", "苏科高发〔2022〕3号", 2022),                          // 3
                List.of("新北孵化器", "孵化器", "国家级", "320411", "", "", "国科发区〔2021〕13号", 2021),                               // 4 out of scope
                List.of("不存在地区孵化器", "孵化器", "省级", "320499", "", "", "苏科高发〔2022〕4号", 2022),                             // 5 no region
                List.of("产业园", "产业园", "省级", "320412", "", "", "苏科高发〔2022〕5号", 2022),                                       // 6 bad kind
                List.of("负面积孵化器", "孵化器", "省级", "320412", "", -5, "苏科高发〔2022〕6号", 2022),                                // 7 bad area
                List.of("湖塘科技企业孵化器", "加速器", "省级", "320412100", "", "", "苏科高发〔2022〕7号", 2022))));                      // 8 duplicate
        assertThat(carriers.get("added").asInt()).isEqualTo(2);
        assertThat(rejected(carriers)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                4, "region 320411 NOT_FOUND", 5, "region 320499 INVALID", 6, "carrier_kind 产业园 INVALID",
                7, "area -5 INVALID", 8, "carrier 湖塘科技企业孵化器 DUPLICATE")));

        JsonNode tenants = upload("/api/v1/resources/carriers/tenants/import", xlsx("tenants.xlsx", List.of(TENANT_HEADER,
                List.of("湖塘科技企业孵化器", HNTE, "2021-05-01", "", ""),                          // 2
                List.of("湖塘科技企业孵化器", TSME, "2022-01-10", "", ""),                          // 3
                List.of("湖塘科技企业孵化器", GRADUATE, "2020-03-01", "2024-07-01", "2024-06-30"),  // 4 graduated in 2024
                List.of("武进智造众创空间", HNTE, "2019-01-01", "2020-12-31", ""),                  // 5 left before the HNTE centre
                List.of("湖塘科技企业孵化器", XINBEI, "2022-01-01", "", ""),                        // 6 enterprise out of scope
                List.of("新北孵化器", TSME, "2022-01-01", "", ""),                                  // 7 no such carrier
                List.of("武进智造众创空间", TSME, "2023-05-01", "2023-04-01", ""),                  // 8 out before in
                List.of("湖塘科技企业孵化器", TSME, "2022-01-10", "", ""),                          // 9 duplicate of 3
                List.of("武进智造众创空间", TSME, "2023年5月", "", ""))));                          // 10 bad date
        assertThat(tenants.get("added").asInt()).isEqualTo(4);
        assertThat(rejected(tenants)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                6, "credit_code " + XINBEI + " NOT_FOUND", 7, "carrier 新北孵化器 NOT_FOUND", 8, "moved_out 2023-04-01 INVALID",
                9, "credit_code " + TSME + " DUPLICATE", 10, "moved_in 2023年5月 INVALID")));

        // 2024, 湖塘科技企业孵化器: at year end the HNTE and the TSME (the graduate left on 1 July); one new HNTE, one graduate
        JsonNode list = json(get("/api/v1/resources/carriers").param("year", "2024").param("q", "湖塘科技"));
        JsonNode hutang = list.get("items").get(0);
        assertThat(hutang.get("tenants").asLong()).isEqualTo(2);
        assertThat(hutang.get("tenantsByTier").get("NONE").asLong()).isZero();
        assertThat(hutang.get("tenantsByTier").get("TSME").asLong()).isEqualTo(1);
        assertThat(hutang.get("tenantsByTier").get("HNTE").asLong()).isEqualTo(1);
        assertThat(hutang.get("newHnte").asLong()).isEqualTo(1);
        assertThat(hutang.get("graduates").asLong()).isEqualTo(1);
        // 2023: three tenants at year end, the HNTE one still TSME, the graduate without a tier; nothing new
        JsonNode y2023 = json(get("/api/v1/resources/carriers").param("year", "2023").param("q", "湖塘科技")).get("items").get(0);
        assertThat(y2023.get("tenants").asLong()).isEqualTo(3);
        assertThat(y2023.get("tenantsByTier").get("TSME").asLong()).isEqualTo(1);
        assertThat(y2023.get("tenantsByTier").get("NONE").asLong()).isEqualTo(2);
        assertThat(y2023.get("newHnte").asLong()).isZero();
        assertThat(y2023.get("graduates").asLong()).isZero();
        // per region of the district (towns): the makerspace lies in the district itself, its 2020 stay ended
        JsonNode figures = json(get("/api/v1/resources/carriers/figures").param("year", "2024").param("region", "320412"));
        assertThat(figures.get("total").get("tenants").asLong()).isEqualTo(2);
        assertThat(figures.get("byRegion").get(0).get("regionCode").asString()).isEqualTo("320412100");
        JsonNode y2020 = json(get("/api/v1/resources/carriers/figures").param("year", "2020"));
        // 2020: the makerspace stay ended on 31 December, so only the graduate-to-be is a tenant at year end
        assertThat(y2020.get("total").get("tenants").asLong()).isEqualTo(1);
        assertThat(y2020.get("total").get("tenantsByTier").get("NONE").asLong()).isEqualTo(1);

        // the same files again change nothing
        JsonNode again = upload("/api/v1/resources/carriers/tenants/import", xlsx("tenants-again.xlsx", List.of(TENANT_HEADER,
                List.of("湖塘科技企业孵化器", HNTE, "2021-05-01", "", ""))));
        assertThat(again.get("unchanged").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM carrier_tenant").query(Long.class).single()).isEqualTo(4);
    }

    @Test
    @Order(2)
    void pagesShowTheFiguresWithinTheScopeAndTheFileShowsTheStays() throws Exception {
        String page = mvc.perform(get("/resources/carriers").param("year", "2024").with(PlatformImportTest.town()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("湖塘科技企业孵化器").contains("2024 年在孵企业").contains("高新技术企业")
                .doesNotContain("武进智造众创空间"); // it lies in the district, outside the town's scope
        long id = jdbc.sql("SELECT id FROM carrier WHERE name = '湖塘科技企业孵化器'").query(Long.class).single();
        String one = mvc.perform(get("/resources/carriers/" + id).param("year", "2024").with(PlatformImportTest.town()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(one).contains("载体测试毕业有限公司").contains("2024-06-30").contains("12,000.50 平方米");
        long makerspace = jdbc.sql("SELECT id FROM carrier WHERE name = '武进智造众创空间'").query(Long.class).single();
        mvc.perform(get("/resources/carriers/" + makerspace).with(PlatformImportTest.town())).andExpect(status().isNotFound());
        String file = mvc.perform(get("/enterprises/" + GRADUATE).with(PlatformImportTest.town())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(file).contains("id=\"carrier-stays\"").contains("湖塘科技企业孵化器").contains("2024-07-01");
        mvc.perform(get("/resources/carriers/export.xlsx").param("year", "2024").with(PlatformImportTest.district()))
                .andExpect(status().isOk());
    }

    Map<Integer, String> rejected(JsonNode report) {
        Map<Integer, String> out = new TreeMap<>();
        for (JsonNode r : report.get("rejections")) {
            out.put(r.get("line").asInt(), r.get("field").asString() + " " + r.get("value").asString() + " " + r.get("problem").asString());
        }
        return out;
    }

    JsonNode json(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) throws Exception {
        return PlatformImportTest.JSON.readTree(mvc.perform(request.with(PlatformImportTest.district())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }

    JsonNode upload(String path, Path file) throws Exception {
        String body = mvc.perform(multipart(path)
                        .file(new MockMultipartFile("file", file.getFileName().toString(), "application/octet-stream", Files.readAllBytes(file)))
                        .with(PlatformImportTest.district()).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return PlatformImportTest.JSON.readTree(body);
    }

    Path xlsx(String name, List<List<Object>> rows) throws Exception {
        return PlatformImportTest.writeXlsx(dir.resolve(name), rows);
    }
}
