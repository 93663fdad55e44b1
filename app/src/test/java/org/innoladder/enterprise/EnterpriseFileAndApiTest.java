package org.innoladder.enterprise;

import org.innoladder.enterprise.internal.EnterpriseQueries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.innoladder.enterprise.EnterpriseFixtures.code;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Year;
import java.util.LinkedHashMap;
import java.util.Map;

import org.innoladder.rules.facts.Column;
import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.identity.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The enterprise file page (一企一档), the REST API's answers and errors, and the OpenAPI description. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class EnterpriseFileAndApiTest {
    static final int TAG = 33;
    static final String F1 = code("320412", TAG, 1);
    static final String EMPTY = code("320412", TAG, 2);
    static final String NOWHERE = code("320412", TAG, 99);

    static long batchId;

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;

    @BeforeEach
    void data() {
        EnterpriseFixtures.regions(jdbc);
        if (batchId == 0) batchId = EnterpriseFixtures.batch(jdbc, "wujin-2024.csv");
        long id = EnterpriseFixtures.enterprise(jdbc, F1, "档案测试精密机械有限公司", "320412100", "C3421", "08",
                LocalDate.of(2010, 5, 20), false);
        jdbc.sql("UPDATE enterprise SET sources = CAST(:s AS jsonb) WHERE id = :id")
                .param("s", "{\"name\": " + batchId + ", \"industry_code\": " + batchId + "}").param("id", id).update();
        Map<String, Object> y2023 = new LinkedHashMap<>();
        y2023.put("employees", 200);
        y2023.put("tech_staff", 40);
        y2023.put("rd_staff", 25);
        y2023.put("sales_revenue", new BigDecimal("100000000.00"));
        y2023.put("rd_expense", new BigDecimal("4500000.00"));
        y2023.put("net_profit", new BigDecimal("-123456.78"));
        y2023.put("ip_own_rd", true);
        y2023.put("rd_institution_level", "provincial");
        EnterpriseFixtures.year(jdbc, id, 2023, y2023,
                "{\"employees\": " + batchId + ", \"sales_revenue\": " + batchId + "}");
        Map<String, Object> y2024 = new LinkedHashMap<>();
        y2024.put("employees", 220);
        y2024.put("sales_revenue", new BigDecimal("123456789.01"));
        y2024.put("rd_expense", new BigDecimal("6000000"));
        y2024.put("bad_credit", false);
        EnterpriseFixtures.year(jdbc, id, 2024, y2024, null);
        EnterpriseFixtures.recognition(jdbc, id, "HNTE", "GR202332009999", LocalDate.now().minusYears(1),
                LocalDate.now().plusYears(2), batchId);
        EnterpriseFixtures.recognition(jdbc, id, "TSME", "202032041200123", LocalDate.now().minusYears(4),
                LocalDate.now().minusYears(3), null);
        EnterpriseFixtures.enterprise(jdbc, EMPTY, "档案测试空白有限公司", "320412", null, null, LocalDate.of(2020, 1, 1), null);
    }

    // ---- file page ---------------------------------------------------------------------------------------

    @Test
    void filePageShowsIdentityRecognitionsAndFactsWithUnknownAsDash() throws Exception {
        String html = mvc.perform(get("/enterprises/" + F1).with(town())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("档案测试精密机械有限公司").contains("常州市 › 武进区 › 湖塘镇")
                .contains("08 先进制造与自动化").contains("2010-05-20").contains("C3421");
        // recognitions with validity badges
        assertThat(section(html, "id=\"recognitions\"")).contains("高新技术企业").contains("GR202332009999")
                .contains("badge valid").contains("科技型中小企业").contains("badge expired");
        // facts: years as columns, every yearly column as a line, money in 万元
        String revenue = line(html, "sales_revenue");
        assertThat(revenue).contains("销售收入").contains("10,000.00").contains("12,345.68");
        assertThat(line(html, "net_profit")).contains("-12.35");
        assertThat(line(html, "rd_institution_level")).contains("省级");
        assertThat(line(html, "ip_own_rd")).contains("是");
        assertThat(line(html, "bad_credit")).contains("否");
        // unknown: 2023 tech staff known, 2024 not
        String tech = line(html, "tech_staff");
        assertThat(tech).contains("40").contains("—");
        assertThat(line(html, "conversions")).doesNotContain(">0<").contains("—");
        for (Column c : EnterpriseQueries.yearColumns()) {
            assertThat(html).contains("id=\"fact-" + c.key() + "\"").contains(c.headerZh());
        }
        // provenance: the batch that supplied a value, in its tooltip
        assertThat(revenue).contains("来源：导入批次 #" + batchId + "（wujin-2024.csv，upload）");
        assertThat(html).contains("id=\"chart-revenue\"").contains("id=\"chart-rd\"").contains("id=\"chart-staff\"");
        // chart data embedded for ECharts: revenue in 万元, R&D intensity in percent (4.5% and 4.86%)
        assertThat(html).contains("\"years\":[2023,2024]").contains("10000.0").contains("12345.68")
                .contains("4.5").contains("4.86");
    }

    @Test
    void filePageInEnglishUsesEnglishLabels() throws Exception {
        mvc.perform(get("/enterprises/" + F1).param("lang", "en").with(town())).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Sales revenue")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Provincial")));
    }

    @Test
    void filePageOfAnEnterpriseWithoutDataSaysSo() throws Exception {
        String html = mvc.perform(get("/enterprises/" + EMPTY).with(town())).andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();
        // EMPTY sits at county level, outside the 湖塘镇 town scope
        assertThat(html).doesNotContain("档案测试空白有限公司");
        String visible = mvc.perform(get("/enterprises/" + EMPTY.toLowerCase()).with(wujin())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(visible).contains("暂无年度数据").contains("暂无认定记录").contains("常州市 › 武进区");
        mvc.perform(get("/enterprises/" + NOWHERE).with(wujin())).andExpect(status().isNotFound());
    }

    @Test
    void viewsAndExportsOfOtherPartiesDataAreAudited() throws Exception {
        long before = jdbc.sql("SELECT coalesce(max(id), 0) FROM audit_log").query(Long.class).single();
        mvc.perform(get("/enterprises/" + F1).with(town())).andExpect(status().isOk());
        mvc.perform(get("/api/v1/enterprises/" + F1 + "/years").with(wujin())).andExpect(status().isOk());
        mvc.perform(get("/enterprises/export.xlsx").param("q", "档案测试").with(wujin())).andExpect(status().isOk());
        mvc.perform(get("/api/v1/enterprises/" + NOWHERE).with(wujin())).andExpect(status().isNotFound());
        var entries = jdbc.sql("SELECT actor, action, target, detail FROM audit_log WHERE id > ? ORDER BY id")
                .param(before).query((rs, n) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3)
                        + "|" + rs.getString(4)).list();
        assertThat(entries).containsExactly(
                "town-test|enterprise.view|enterprise:" + F1 + "|page",
                "bureau-test|enterprise.view|enterprise:" + F1 + "|api",
                "bureau-test|enterprise.export|null|rows=2 filters={q=档案测试, sort=name, dir=asc}");
    }

    // ---- REST API ----------------------------------------------------------------------------------------

    @Test
    void apiReadsIdentityRecognitionsAndYears() throws Exception {
        mvc.perform(get("/api/v1/enterprises/" + F1).with(town())).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.creditCode").value(F1))
                .andExpect(jsonPath("$.id").doesNotExist())
                .andExpect(jsonPath("$.name").value("档案测试精密机械有限公司"))
                .andExpect(jsonPath("$.regionPath[2].name").value("湖塘镇"))
                .andExpect(jsonPath("$.hnteDomainZh").value("先进制造与自动化"))
                .andExpect(jsonPath("$.foundedOn").value("2010-05-20"))
                .andExpect(jsonPath("$.sources.name").value(batchId))
                .andExpect(jsonPath("$.recognitions.length()").value(2))
                .andExpect(jsonPath("$.recognitions[0].kind").value("HNTE"))
                .andExpect(jsonPath("$.recognitions[0].valid").value(true))
                .andExpect(jsonPath("$.recognitions[0].batchId").value(batchId))
                .andExpect(jsonPath("$.recognitions[1].valid").value(false));

        String years = mvc.perform(get("/api/v1/enterprises/" + F1 + "/years").with(town())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        JsonNode list = json.readTree(years);
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("year").asInt()).isEqualTo(2023);
        JsonNode values = list.get(0).get("values");
        for (Column c : EnterpriseQueries.yearColumns()) {
            assertThat(values.has(c.key())).as(c.key()).isTrue();
        }
        assertThat(values.get("sales_revenue").decimalValue()).isEqualByComparingTo("100000000");
        assertThat(values.get("conversions").isNull()).isTrue();
        assertThat(list.get(0).get("sources").get("sales_revenue").asLong()).isEqualTo(batchId);

        mvc.perform(get("/api/v1/enterprises/" + F1 + "/years/2024").with(town())).andExpect(status().isOk())
                .andExpect(jsonPath("$.year").value(2024))
                .andExpect(jsonPath("$.values.employees").value(220))
                .andExpect(jsonPath("$.values.tech_staff").isEmpty());
    }

    @Test
    void apiListCarriesPagingMetadata() throws Exception {
        mvc.perform(get("/api/v1/enterprises").param("q", "档案测试").param("size", "1").param("sort", "code")
                        .with(wujin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].creditCode").value(F1))
                .andExpect(jsonPath("$.items[0].salesRevenue").value(123456789.01))
                .andExpect(jsonPath("$.items[0].dataYear").value(2024))
                .andExpect(jsonPath("$.items[0].id").doesNotExist())
                .andExpect(jsonPath("$.items[0].townName").value("湖塘镇"))
                .andExpect(jsonPath("$.items[0].recognitions[0]").value("HNTE"))
                .andExpect(jsonPath("$.page").value(1))
                .andExpect(jsonPath("$.size").value(1))
                .andExpect(jsonPath("$.totalItems").value(2))
                .andExpect(jsonPath("$.totalPages").value(2));
    }

    @Test
    void badParametersAreProblemDetailsNamingParameterValueAndRule() throws Exception {
        problem(get("/api/v1/enterprises").param("size", "201"), 400, "size", "201", "between 1 and 200");
        problem(get("/api/v1/enterprises").param("size", "0"), 400, "size", "0", "between 1 and 200");
        problem(get("/api/v1/enterprises").param("page", "abc"), 400, "page", "abc", "whole number");
        problem(get("/api/v1/enterprises").param("year", "1800"), 400, "year", "1800", "between 1990 and " + Year.now());
        problem(get("/api/v1/enterprises").param("sort", "password"), 400, "sort", "password", "must be one of");
        problem(get("/api/v1/enterprises/" + F1 + "/years/20x4"), 400, "year", "20x4", "whole number");
        problem(get("/api/v1/enterprises/" + F1 + "/years/1989"), 400, "year", "1989", "between 1990");
        String wrongCheck = F1.substring(0, 17) + (F1.charAt(17) == '0' ? '1' : '0');
        problem(get("/api/v1/enterprises/" + wrongCheck), 400, "creditCode", wrongCheck, "check character (position 18)");
        problem(get("/api/v1/enterprises/12345"), 400, "creditCode", "12345", "18 characters");
        mvc.perform(get("/api/v1/enterprises").param("size", "201").with(wujin()))
                .andExpect(jsonPath("$.detailZh").value("参数 size 的值“201”不符合规则：必须在 1 到 200 之间"));
    }

    @Test
    void notFoundIsAProblemAndTheSameInsideAndOutsideTheScope() throws Exception {
        String outside = mvc.perform(get("/api/v1/enterprises/" + EMPTY).with(town()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andReturn().getResponse().getContentAsString();
        String absent = mvc.perform(get("/api/v1/enterprises/" + NOWHERE).with(town()))
                .andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(outside).get("title").asString()).isEqualTo(json.readTree(absent).get("title").asString());
        assertThat(outside).doesNotContain("档案测试空白有限公司");
        mvc.perform(get("/api/v1/enterprises/" + F1 + "/years/2020").with(town()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("enterprise " + F1 + " has no data for year 2020"));
    }

    @Test
    void openApiDescribesTheEnterpriseApi() throws Exception {
        String body = mvc.perform(get("/v3/api-docs").with(wujin())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        JsonNode doc = json.readTree(body);
        assertThat(doc.get("info").get("title").asString()).isEqualTo("InnoLadder API");
        JsonNode paths = doc.get("paths");
        assertThat(paths.has("/api/v1/enterprises")).isTrue();
        assertThat(paths.has("/api/v1/enterprises/{creditCode}")).isTrue();
        assertThat(paths.has("/api/v1/enterprises/{creditCode}/years")).isTrue();
        assertThat(paths.has("/api/v1/enterprises/{creditCode}/years/{year}")).isTrue();
        assertThat(paths.has("/enterprises")).isFalse();
        JsonNode list = paths.get("/api/v1/enterprises").get("get");
        assertThat(list.get("summary").asString()).isEqualTo("Search enterprises");
        assertThat(list.get("parameters").toString()).contains("\"name\":\"size\"").doesNotContain("\"name\":\"user\"");
        assertThat(list.get("responses").has("400")).isTrue();
    }

    private void problem(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, int status,
                         String parameter, String value, String rule) throws Exception {
        mvc.perform(request.with(wujin()))
                .andExpect(status().is(status))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.parameter").value(parameter))
                .andExpect(jsonPath("$.value").value(value))
                .andExpect(jsonPath("$.rule").value(org.hamcrest.Matchers.containsString(rule)))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(parameter)))
                .andExpect(jsonPath("$.detailZh").value(org.hamcrest.Matchers.containsString(parameter)));
    }

    private static RequestPostProcessor town() {
        return user(AppUserDetails.of(EnterpriseFixtures.user(Role.TOWN, "320412100", null, null)));
    }

    private static RequestPostProcessor wujin() {
        return user(AppUserDetails.of(EnterpriseFixtures.user(Role.BUREAU, "320412", null, null)));
    }

    private static String section(String html, String marker) {
        int from = html.indexOf(marker);
        return html.substring(from, html.indexOf("</section>", from));
    }

    private static String line(String html, String key) {
        int from = html.indexOf("id=\"fact-" + key + "\"");
        return html.substring(from, html.indexOf("</tr>", from));
    }
}
