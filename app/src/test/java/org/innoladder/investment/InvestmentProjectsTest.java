package org.innoladder.investment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.rules.facts.CreditCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 科技招商 projects end to end on the real database: a register (XLSX, Chinese headers) imported by the 武进区 bureau
 * with every bad row named (field, value, kind of problem), the same file again changing nothing, a changed field
 * updating and a changed stage refused; a project taken through every step on the API and the page with the refusals
 * of forbidden steps and its history; and what each role sees through the list page, the API and the export, with a
 * project outside the scope 404 on page and API.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvestmentProjectsTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String MARK = "招商测试";
    static final String HUTANG = CreditCode.complete("91320412" + "66" + "000001");
    static final String SANJING = CreditCode.complete("91320411" + "66" + "000002");
    static final String UNKNOWN = CreditCode.complete("91320412" + "66" + "000099");
    static final List<Object> HEADER = List.of("项目名称", "产业领域", "计划投资额（万元）", "项目来源", "所属镇街代码", "项目阶段",
            "签约投资额（万元）", "签约日期", "企业统一社会信用代码", "落地日期", "终止原因");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    byte[] register;
    JsonNode report;

    static List<List<Object>> rows(String plannedOfB) {
        return List.of(HEADER,
                List.of(MARK + "甲项目", "智能制造", 5000, "招商活动", "320412100", "", "", "", "", "", ""),                       // 2 a lead
                List.of(MARK + "乙项目", "新能源", plannedOfB, "以商招商", "320412100", "签约", 9600, "2025-03-01", "", "", ""),   // 3 signed
                List.of(MARK + "丙项目", "新材料", 8000, "区镇联动", "320412100", "落地", 8000, "2024-05-01", HUTANG, "2024-09-01", ""), // 4 landed
                List.of(MARK + "新北项目", "智能制造", 100, "招商活动", "320411002", "", "", "", "", "", ""),                        // 5 outside
                List.of(MARK + "丁项目", "智能制造", 100, "网络", "320412100", "", "", "", "", "", ""),                             // 6 source
                List.of(MARK + "戊项目", "智能制造", 100, "招商活动", "320412", "", "", "", "", "", ""),                            // 7 not a town
                List.of(MARK + "己项目", "智能制造", 100, "招商活动", "320412100", "签约", "", "2025-01-01", "", "", ""),            // 8 no amount
                List.of(MARK + "庚项目", "智能制造", 100, "招商活动", "320412100", "落地", 90, "2024-01-01", UNKNOWN, "2024-02-01", ""), // 9 no such firm
                List.of(MARK + "甲项目", "新能源", 100, "招商活动", "320412100", "", "", "", "", "", ""),                          // 10 duplicate
                List.of(MARK + "辛项目", "智能制造", "五千", "招商活动", "320412100", "", "", "", "", "", ""),                      // 11 amount
                List.of(MARK + "壬项目", "智能制造", 100, "招商活动", "320412100", "落地", 90, "2024-05-01", HUTANG, "2024-04-01", ""), // 12 order
                List.of(MARK + "癸项目", "智能制造", 100, "招商活动", "320412100", "考察", "", "", "", "", ""));                      // 13 stage
    }

    @BeforeAll
    void data() throws Exception {
        for (String[] r : new String[][] {{"32", "江苏省", "province", null}, {"3204", "常州市", "city", "32"},
                {"320411", "新北区", "county", "3204"}, {"320412", "武进区", "county", "3204"},
                {"320411002", "三井街道", "town", "320411"}, {"320412100", "湖塘镇", "town", "320412"},
                {"3205", "苏州市", "city", "32"}, {"320505", "虎丘区", "county", "3205"}, {"320505001", "横塘街道", "town", "320505"}}) {
            jdbc.sql("INSERT INTO region (code, name, level, parent_code) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(r[0], r[1], r[2], r[3]).update();
        }
        jdbc.sql("INSERT INTO enterprise (credit_code, name, region_code, founded_on) VALUES (?, '招商测试湖塘落地有限公司', '320412100', DATE '2024-08-01'),"
                + " (?, '招商测试三井落地有限公司', '320411002', DATE '2024-08-01') ON CONFLICT DO NOTHING").params(HUTANG, SANJING).update();
        // projects of the other towns, for the scope checks
        for (String[] p : new String[][] {{MARK + "三井项目", "320411002"}, {MARK + "横塘项目", "320505001"}, {MARK + "终止用项目", "320412100"}}) {
            jdbc.sql("INSERT INTO investment_project (name, field, source, region_code, planned_yuan, status, lead_on)"
                    + " VALUES (?, '新材料', 'EVENT', ?, 10000000, 'LEAD', DATE '2025-01-10')").params(p[0], p[1]).update();
        }
        register = xlsx(rows("12000"));
        report = upload(register, district());
    }

    JsonNode upload(byte[] file, RequestPostProcessor who) throws Exception {
        MockHttpServletResponse r = mvc.perform(multipart("/api/v1/investment/projects/import")
                .file(new MockMultipartFile("file", "projects.xlsx", "application/octet-stream", file)).with(who).with(csrf()))
                .andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        return JSON.readTree(r.getContentAsString(StandardCharsets.UTF_8));
    }

    static byte[] xlsx(List<List<Object>> rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "InnoLadder test", "1.0");
        Worksheet ws = wb.newWorksheet("招商项目");
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                Object v = rows.get(r).get(c);
                if (v instanceof Number n) ws.value(r, c, n);
                else if (!"".equals(v)) ws.value(r, c, (String) v);
            }
        }
        wb.finish();
        return out.toByteArray();
    }

    static RequestPostProcessor as(Role role, String region) {
        return user(AppUserDetails.of(new CurrentUser(990 + role.ordinal(), "inv-" + role.name().toLowerCase() + "-" + region, "测试",
                role, region, null, null)));
    }

    static RequestPostProcessor district() {
        return as(Role.BUREAU, "320412");
    }

    long id(String name) {
        return jdbc.sql("SELECT id FROM investment_project WHERE name = ?").param(MARK + name).query(Long.class).single();
    }

    static Map<Integer, String> rejections(JsonNode report) {
        Map<Integer, String> out = new TreeMap<>();
        for (JsonNode r : report.get("rejections")) {
            out.put(r.get("line").asInt(), r.get("field").asString() + " " + r.get("value").asString() + " " + r.get("problem").asString());
        }
        return out;
    }

    @Test
    void theRegisterIsImportedWithEveryRejectedRowNamed() {
        assertThat(report.get("added").asInt()).isEqualTo(3);
        assertThat(rejections(report)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                5, "town 320411002 NOT_FOUND", 6, "source 网络 INVALID", 7, "town 320412 INVALID", 8, "signed  INVALID",
                9, "credit_code " + UNKNOWN + " NOT_FOUND", 10, "project " + MARK + "甲项目 DUPLICATE",
                11, "planned 五千 INVALID", 12, "landed_on 2024-04-01 INVALID", 13, "status 考察 INVALID")));
        // 万元 in the file, yuan in the register; the stage and its dates as given; the import in the history
        assertThat(jdbc.sql("SELECT planned_yuan FROM investment_project WHERE name = ?").param(MARK + "乙项目").query(BigDecimal.class).single())
                .isEqualByComparingTo("120000000");
        assertThat(jdbc.sql("SELECT status || ' ' || signed_yuan::bigint || ' ' || credit_code || ' ' || landed_on FROM investment_project WHERE name = ?")
                .param(MARK + "丙项目").query(String.class).single()).isEqualTo("LANDED 80000000 " + HUTANG + " 2024-09-01");
        assertThat(jdbc.sql("SELECT action || ':' || to_status FROM investment_event WHERE project_id = ?").param(id("乙项目"))
                .query(String.class).list()).containsExactly("IMPORT:SIGNED");
    }

    @Test
    void theSameFileAgainChangesNothingAChangedFieldUpdatesAndAChangedStageIsRefused() throws Exception {
        String before = jdbc.sql("SELECT count(*) || ':' || sum(hashtext(p::text)::bigint) FROM investment_project p").query(String.class).single();
        long events = jdbc.sql("SELECT count(*) FROM investment_event").query(Long.class).single();
        JsonNode again = upload(register, district());
        assertThat(again.get("added").asInt()).isZero();
        assertThat(again.get("updated").asInt()).isZero();
        assertThat(again.get("unchanged").asInt()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) || ':' || sum(hashtext(p::text)::bigint) FROM investment_project p").query(String.class).single())
                .isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM investment_event").query(Long.class).single()).isEqualTo(events);

        List<List<Object>> changed = new ArrayList<>(rows("15000").subList(0, 4));
        changed.add(List.of(MARK + "丙项目", "新材料", 8000, "区镇联动", "320412100", "投产", 8000, "2024-05-01", HUTANG, "2024-09-01", ""));
        changed.set(3, List.of(MARK + "丙项目", "新材料", 8000, "区镇联动", "320412100", "签约", 8000, "2024-05-01", "", "", ""));
        JsonNode second = upload(xlsx(changed), district());
        assertThat(second.get("updated").asInt()).isEqualTo(1);
        assertThat(rejections(second)).containsOnlyKeys(4, 5);
        assertThat(rejections(second).get(4)).isEqualTo("status 签约 INVALID");
        assertThat(jdbc.sql("SELECT planned_yuan FROM investment_project WHERE name = ?").param(MARK + "乙项目").query(BigDecimal.class).single())
                .isEqualByComparingTo("150000000");
        assertThat(jdbc.sql("SELECT status FROM investment_project WHERE name = ?").param(MARK + "丙项目").query(String.class).single())
                .isEqualTo("LANDED");
    }

    @Test
    void aTownOfficerTakesAProjectThroughEveryStepAndForbiddenStepsAreRefused() throws Exception {
        RequestPostProcessor town = as(Role.TOWN, "320412100");
        long a = id("甲项目");
        String path = "/api/v1/investment/projects/" + a + "/act/";
        assertThat(act(path + "SIGN", Map.of("signed", "4000"), town).getStatus()).as("SIGN from LEAD").isEqualTo(409);
        assertThat(act(path + "NEGOTIATE", Map.of(), town).getStatus()).isEqualTo(200);
        MockHttpServletResponse noAmount = act(path + "SIGN", Map.of(), town);
        assertThat(noAmount.getStatus()).isEqualTo(409);
        assertThat(noAmount.getContentAsString(StandardCharsets.UTF_8)).contains("签约投资额");
        assertThat(act(path + "SIGN", Map.of("signed", "-5"), town).getStatus()).isEqualTo(400);
        assertThat(act(path + "SIGN", Map.of("signed", "4000"), town).getStatus()).isEqualTo(200);
        assertThat(act(path + "LAND", Map.of("creditCode", UNKNOWN), town).getStatus()).as("no such enterprise").isEqualTo(409);
        assertThat(act(path + "LAND", Map.of("creditCode", SANJING), town).getStatus()).as("an enterprise of another town").isEqualTo(409);
        assertThat(act(path + "LAND", Map.of("creditCode", HUTANG), town).getStatus()).isEqualTo(200);
        // the last step on the page: a redirect to the project, then the final stage offers no step and refuses one
        mvc.perform(post("/investment/" + a + "/act/PRODUCE").with(town).with(csrf()))
                .andExpect(r -> assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/investment/" + a));
        MockHttpServletResponse again = mvc.perform(post("/investment/" + a + "/act/PRODUCE").with(town).with(csrf())).andReturn().getResponse();
        assertThat(again.getStatus()).isEqualTo(409);
        assertThat(again.getContentAsString(StandardCharsets.UTF_8)).contains("id=\"error-reason\"").contains("“投产”阶段");
        assertThat(jdbc.sql("SELECT status || ' ' || signed_yuan::bigint || ' ' || credit_code FROM investment_project WHERE id = ?").param(a)
                .query(String.class).single()).isEqualTo("PRODUCING 40000000 " + HUTANG);
        assertThat(jdbc.sql("SELECT action || ':' || coalesce(from_status, '-') || '>' || to_status || ':' || actor FROM investment_event"
                + " WHERE project_id = ? ORDER BY id").param(a).query(String.class).list()).containsExactly(
                "IMPORT:->LEAD:inv-bureau-320412", "NEGOTIATE:LEAD>NEGOTIATING:inv-town-320412100",
                "SIGN:NEGOTIATING>SIGNED:inv-town-320412100", "LAND:SIGNED>LANDED:inv-town-320412100",
                "PRODUCE:LANDED>PRODUCING:inv-town-320412100");
        assertThat(jdbc.sql("SELECT action FROM audit_log WHERE target = ? ORDER BY id").param("investment_project:" + a).query(String.class).list())
                .containsExactly("investment.negotiate", "investment.sign", "investment.land", "investment.produce");
        // the detail page shows the history and no step any more
        String page = mvc.perform(get("/investment/" + a).with(town)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"project-history\"").contains("招商测试湖塘落地有限公司").doesNotContain("id=\"project-actions\"");
    }

    @Test
    void terminatingNeedsAReasonAndEndsThePipeline() throws Exception {
        long t = id("终止用项目");
        RequestPostProcessor bureau = district();
        MockHttpServletResponse none = mvc.perform(post("/investment/" + t + "/act/TERMINATE").with(bureau).with(csrf())).andReturn().getResponse();
        assertThat(none.getStatus()).isEqualTo(409);
        assertThat(none.getContentAsString(StandardCharsets.UTF_8)).contains("理由");
        String page = mvc.perform(get("/investment/" + t).with(bureau)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"act-NEGOTIATE\"").contains("id=\"act-TERMINATE\"").doesNotContain("id=\"act-SIGN\"");
        mvc.perform(post("/investment/" + t + "/act/TERMINATE").param("reason", "投资方转投他地").with(bureau).with(csrf()));
        assertThat(jdbc.sql("SELECT status || ' ' || terminated_reason FROM investment_project WHERE id = ?").param(t).query(String.class).single())
                .isEqualTo("TERMINATED 投资方转投他地");
        assertThat(act("/api/v1/investment/projects/" + t + "/act/NEGOTIATE", Map.of(), bureau).getStatus()).isEqualTo(409);
        // a leader reads but takes no step
        assertThat(act("/api/v1/investment/projects/" + t + "/act/NEGOTIATE", Map.of(), as(Role.LEADER, "3204")).getStatus()).isEqualTo(403);
    }

    MockHttpServletResponse act(String path, Map<String, Object> body, RequestPostProcessor who) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body)).with(who).with(csrf()))
                .andReturn().getResponse();
    }

    static final Set<String> HUTANG_PROJECTS = Set.of("甲项目", "乙项目", "丙项目", "终止用项目");

    static Set<String> union(Set<String> a, String... more) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(List.of(more));
        return out;
    }

    static Stream<Arguments> scopes() {
        return Stream.of(
                Arguments.of("ADMIN", Role.ADMIN, null, union(HUTANG_PROJECTS, "三井项目", "横塘项目")),
                Arguments.of("CITY 3204", Role.BUREAU, "3204", union(HUTANG_PROJECTS, "三井项目")),
                Arguments.of("LEADER 3204", Role.LEADER, "3204", union(HUTANG_PROJECTS, "三井项目")),
                Arguments.of("DISTRICT 320412", Role.BUREAU, "320412", union(HUTANG_PROJECTS)),
                Arguments.of("TOWN 320412100", Role.TOWN, "320412100", union(HUTANG_PROJECTS)),
                Arguments.of("TOWN 320411002", Role.TOWN, "320411002", union(Set.of(), "三井项目")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scopes")
    void eachRoleSeesExactlyItsScopeOnPageApiAndExport(String label, Role role, String region, Set<String> visible) throws Exception {
        RequestPostProcessor who = as(role, region);
        // API
        JsonNode list = JSON.readTree(mvc.perform(get("/api/v1/investment/projects").param("q", MARK).param("size", "500").with(who))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        Set<String> api = new TreeSet<>();
        for (JsonNode p : list.get("items")) api.add(p.get("name").asString().substring(MARK.length()));
        assertThat(api).isEqualTo(visible);
        // the page lists the same projects, the towns by name
        String page = mvc.perform(get("/investment").param("q", MARK).with(who)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        for (String name : union(HUTANG_PROJECTS, "三井项目", "横塘项目")) {
            assertThat(page.contains(">" + MARK + name + "<")).as(name).isEqualTo(visible.contains(name));
        }
        // the export too
        byte[] xlsx = mvc.perform(get("/investment/export.xlsx").param("q", MARK).with(who)).andReturn().getResponse().getContentAsByteArray();
        Set<String> exported = new TreeSet<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertThat(rows.get(0).getCellText(0)).isEqualTo("项目名称");
            for (Row r : rows.subList(1, rows.size())) exported.add(r.getCellText(0).substring(MARK.length()));
        }
        assertThat(exported).isEqualTo(visible);
        // a project outside the scope is not found, on page and API alike
        for (String hidden : union(HUTANG_PROJECTS, "三井项目", "横塘项目")) {
            if (visible.contains(hidden)) continue;
            assertThat(mvc.perform(get("/api/v1/investment/projects/" + id(hidden)).with(who)).andReturn().getResponse().getStatus()).isEqualTo(404);
            assertThat(mvc.perform(get("/investment/" + id(hidden)).with(who)).andReturn().getResponse().getStatus()).isEqualTo(404);
        }
    }

    @Test
    void rolesWithoutTheRegistryAreRefused() throws Exception {
        for (Role r : new Role[] {Role.ENTERPRISE, Role.BANK, Role.EXPERT}) {
            RequestPostProcessor who = user(AppUserDetails.of(new CurrentUser(980 + r.ordinal(), "inv-" + r, "测试", r, null, null, null)));
            assertThat(mvc.perform(get("/api/v1/investment/projects").with(who)).andReturn().getResponse().getStatus()).isEqualTo(403);
            assertThat(mvc.perform(get("/investment").with(who)).andReturn().getResponse().getStatus()).isEqualTo(403);
            assertThat(mvc.perform(get("/investment/export.xlsx").with(who)).andReturn().getResponse().getStatus()).isEqualTo(403);
        }
    }
}
