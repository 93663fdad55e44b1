package org.innoladder.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.CreditCode;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.rules.Rulesets;
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

/**
 * Evaluation runs against a real PostgreSQL: storing, upserting, listing by outcome and scope, the enterprise file
 * section, the Excel export and who may start a run. Its own context: its enterprises would disturb tests that
 * assert exact enterprise sets.
 */
@SpringBootTest(properties = "innoladder.test.context=evaluation")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class EvalRunTest {
    static final int YEAR = 2023;
    /** 湖塘镇: qualifies; 湖塘镇: too few S&T staff; 新北区: qualifies; 苏州 (outside 常州): qualifies. */
    static final String TOWN_OK = code("320412", 1), TOWN_SHORT = code("320412", 2), XINBEI = code("320411", 3),
            SUZHOU = code("320505", 4);

    static final JsonMapper JSON = JsonMapper.builder().build();
    static boolean seeded;
    static long firstRun;

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    static String code(String county, int n) {
        return CreditCode.complete("91" + county + String.format("77%06d", n));
    }

    @BeforeEach
    void data() throws Exception {
        if (seeded) return;
        String[][] regions = {{"32", "江苏省", "province", null}, {"3204", "常州市", "city", "32"},
                {"320411", "新北区", "county", "3204"}, {"320412", "武进区", "county", "3204"},
                {"320411002", "三井街道", "town", "320411"}, {"320412100", "湖塘镇", "town", "320412"},
                {"3205", "苏州市", "city", "32"}, {"320505", "虎丘区", "county", "3205"}, {"320505001", "横塘街道", "town", "320505"}};
        for (String[] r : regions) {
            jdbc.sql("INSERT INTO region (code, name, level, parent_code) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(r[0], r[1], r[2], r[3]).update();
        }
        enterprise(TOWN_OK, "评估甲科技有限公司", "320412100", 30);
        enterprise(TOWN_SHORT, "评估乙科技有限公司", "320412100", 9);
        enterprise(XINBEI, "评估丙科技有限公司", "320411002", 30);
        enterprise(SUZHOU, "评估丁科技有限公司", "320505001", 30);
        firstRun = runAndWait(bureau());
        seeded = true;
    }

    /** The tsme@2017 test base enterprise (full marks), with the given S&T staff, for YEAR and YEAR−1. */
    void enterprise(String code, String name, String region, int techStaff) {
        long id = jdbc.sql("INSERT INTO enterprise (credit_code, name, region_code, hnte_domain, founded_on) VALUES (?, ?, ?, '01', ?)"
                + " RETURNING id").params(code, name, region, LocalDate.of(2015, 3, 1)).query(Long.class).single();
        for (int y = YEAR - 1; y <= YEAR; y++) {
            Map<String, Object> v = values(techStaff);
            StringBuilder sql = new StringBuilder("INSERT INTO enterprise_year (enterprise_id, year");
            v.keySet().forEach(k -> sql.append(", ").append(k));
            sql.append(") VALUES (:id, :year");
            v.keySet().forEach(k -> sql.append(", :").append(k));
            JdbcClient.StatementSpec s = jdbc.sql(sql.append(")").toString()).param("id", id).param("year", y);
            for (var e : v.entrySet()) s = s.param(e.getKey(), e.getValue());
            s.update();
        }
    }

    static Map<String, Object> values(int techStaff) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("employees", 100);
        v.put("tech_staff", techStaff);
        v.put("sales_revenue", new BigDecimal("50000000.00"));
        v.put("total_assets", new BigDecimal("80000000.00"));
        v.put("total_costs", new BigDecimal("40000000.00"));
        v.put("rd_expense", new BigDecimal("3000000.00"));
        v.put("ip_class1", 1);
        v.put("ip_class2", 0);
        v.put("major_incident", false);
        v.put("bad_credit", false);
        v.put("hnte_certified", false);
        v.put("national_award_5y", false);
        v.put("rd_institution_level", "none");
        v.put("led_standard_5y", false);
        return v;
    }

    long runAndWait(RequestPostProcessor who) throws Exception {
        var response = mvc.perform(post("/api/v1/evaluations").with(who).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"year\": " + YEAR + ", \"rulesets\": [\"tsme\", \"hnte@2016\"]}"))
                .andExpect(status().isAccepted()).andExpect(header().exists("Location")).andReturn().getResponse();
        JsonNode run = JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
        long id = run.get("id").asLong();
        assertThat(response.getHeader("Location")).isEqualTo("/api/v1/evaluations/" + id);
        for (int i = 0; i < 600; i++) {
            run = JSON.readTree(mvc.perform(get("/api/v1/evaluations/" + id).with(who)).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
            if (!run.get("status").asString().equals("RUNNING")) break;
            Thread.sleep(100);
        }
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("DONE");
        return id;
    }

    @Test
    void aRunStoresResultsWithRulesetVersionAndARerunUpserts() throws Exception {
        List<Map<String, Object>> rows = jdbc.sql("SELECT e.credit_code, r.ruleset_id, r.ruleset_version, r.outcome, r.run_id"
                + " FROM evaluation_result r JOIN enterprise e ON e.id = r.enterprise_id WHERE r.year = ? ORDER BY 1, 2")
                .params(YEAR).query().listOfRows();
        // bureau 常州市: the three 常州 enterprises under both rulesets, not 苏州's
        assertThat(rows).hasSize(6);
        assertThat(rows).extracting(r -> r.get("credit_code")).doesNotContain(SUZHOU);
        assertThat(rows).extracting(r -> r.get("ruleset_id") + "@" + r.get("ruleset_version")).containsOnly("tsme@2017", "hnte@2016");
        Map<String, Object> run = jdbc.sql("SELECT status, enterprises, stored, rows_loaded, counts::text AS counts FROM evaluation_run WHERE id = ?")
                .params(firstRun).query().singleRow();
        assertThat(run).containsEntry("status", "DONE").containsEntry("enterprises", 3).containsEntry("stored", 6)
                .containsEntry("rows_loaded", 6);
        assertThat(JSON.readTree((String) run.get("counts")).get("tsme@2017").get("QUALIFIED").asInt()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'evaluation.run' AND target = ?")
                .params("evaluation_run:" + firstRun).query(Long.class).single()).isEqualTo(1);

        // the stored outcome is the engine's on the same facts
        FactRow.Builder b = FactRow.builder().set(Column.CREDIT_CODE, TOWN_SHORT).set(Column.NAME, "评估乙科技有限公司")
                .set(Column.FOUNDED_ON, LocalDate.of(2015, 3, 1)).set(Column.HNTE_DOMAIN, "01").set(Column.YEAR, YEAR);
        values(9).forEach((k, v) -> b.set(Column.ofKey(k), v));
        String expected = Rulesets.get("tsme").evaluate(List.of(b.build()), YEAR).outcome().name();
        assertThat(rows).filteredOn(r -> r.get("credit_code").equals(TOWN_SHORT) && r.get("ruleset_id").equals("tsme"))
                .extracting(r -> r.get("outcome")).containsExactly(expected);
        assertThat(expected).isEqualTo("NOT_QUALIFIED");

        // a re-run replaces every stored column (it merges into the stored rows): spoil them, and it restores them
        String stored = "SELECT enterprise_id, ruleset_id, outcome, score_min, score_max, near_ratio, encode(detail, 'hex') AS detail"
                + " FROM evaluation_result WHERE year = ? ORDER BY 1, 2";
        List<Map<String, Object>> before = jdbc.sql(stored).params(YEAR).query().listOfRows();
        jdbc.sql("UPDATE evaluation_result SET outcome = 'UNDETERMINED', score_min = -1, score_max = -1, near_ratio = -1,"
                + " detail = '\\x00'::bytea WHERE year = ?").params(YEAR).update();
        long second = runAndWait(bureau());
        List<Map<String, Object>> after = jdbc.sql("SELECT run_id FROM evaluation_result WHERE year = ?").params(YEAR).query().listOfRows();
        assertThat(after).hasSize(6).extracting(r -> ((Number) r.get("run_id")).longValue()).containsOnly(second);
        assertThat(jdbc.sql(stored).params(YEAR).query().listOfRows()).isEqualTo(before);
    }

    @Test
    void resultsAreListedByOutcomeWithinTheScope() throws Exception {
        JsonNode notQualified = api(bureau(), "/api/v1/evaluations/results?ruleset=tsme&year=" + YEAR + "&outcome=NOT_QUALIFIED");
        assertThat(codes(notQualified)).containsExactly(TOWN_SHORT);
        assertThat(notQualified.get("counts").get("QUALIFIED").asInt()).isEqualTo(2);
        assertThat(notQualified.get("counts").get("NOT_QUALIFIED").asInt()).isEqualTo(1);
        assertThat(notQualified.get("page").get("items").get(0).get("failing").toString()).contains("tech_staff_nonzero");

        JsonNode town = api(town(), "/api/v1/evaluations/results?ruleset=tsme@2017&year=" + YEAR);
        assertThat(codes(town)).containsExactlyInAnyOrder(TOWN_OK, TOWN_SHORT);
        JsonNode qualifiedInTown = api(town(), "/api/v1/evaluations/results?ruleset=tsme&year=" + YEAR + "&outcome=QUALIFIED");
        assertThat(codes(qualifiedInTown)).containsExactly(TOWN_OK);

        JsonNode stored = api(town(), "/api/v1/enterprises/" + TOWN_SHORT + "/evaluations");
        assertThat(stored.size()).isEqualTo(2);
        assertThat(stored.toString()).contains("\"ruleset\":\"tsme\"", "\"version\":\"2017\"", "\"lever\":\"tech_staff\"");
        mvc.perform(get("/api/v1/enterprises/" + XINBEI + "/evaluations").with(town())).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/enterprises/" + SUZHOU + "/evaluations").with(bureau())).andExpect(status().isNotFound());
        // another scope's run is not found either
        mvc.perform(get("/api/v1/evaluations/" + firstRun).with(user(AppUserDetails.of(
                new CurrentUser(905, "suzhou", "苏州", Role.BUREAU, "3205", null, null))))).andExpect(status().isNotFound());
    }

    @Test
    void badInputIsAProblemNamingTheParameter() throws Exception {
        String body = mvc.perform(get("/api/v1/evaluations/results?ruleset=nope&year=" + YEAR).with(bureau()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).contains("ruleset", "nope", "tsme@2017");
        mvc.perform(get("/api/v1/evaluations/results?ruleset=tsme&year=" + YEAR + "&outcome=MAYBE").with(bureau()))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/evaluations").with(bureau()).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"year\": 2023, \"rulesets\": [\"tsme\"], \"region\": \"3205\"}")).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/evaluations").with(bureau()).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"year\": 2023, \"rulesets\": []}")).andExpect(status().isBadRequest());
        String year = mvc.perform(post("/api/v1/evaluations").with(bureau()).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"year\": \"abc\", \"rulesets\": [\"tsme\"]}")).andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(year).contains("year", "abc", "1990");
    }

    @Test
    void theEnterpriseFileShowsOutcomeCriteriaCitationsScoreItemsAndGapsInChinese() throws Exception {
        String html = page(bureau(), "/enterprises/" + TOWN_SHORT);
        assertThat(html).contains("id=\"evaluations\"", "不合格", "国科发政〔2017〕115号 第六条", "tech_staff_nonzero",
                "科技人员需增加 1 人（9 → 10）", "得分明细", "rd_input");
        String en = page(bureau(), "/enterprises/" + TOWN_SHORT + "?lang=en");
        assertThat(en).contains("Not qualified", "S&amp;T staff must increase by 1 person (now 9 → 10)");
        String ok = page(bureau(), "/enterprises/" + TOWN_OK);
        assertThat(ok).contains("合格", "得分 100");
    }

    @Test
    void resultsPageAndExcelExport() throws Exception {
        String html = page(bureau(), "/evaluations/results?ruleset=tsme&year=" + YEAR + "&outcome=QUALIFIED");
        assertThat(html).contains(TOWN_OK, XINBEI).doesNotContain(TOWN_SHORT, SUZHOU);
        assertThat(page(town(), "/evaluations/results?ruleset=tsme&year=" + YEAR)).contains(TOWN_OK, TOWN_SHORT).doesNotContain(XINBEI);

        byte[] xlsx = mvc.perform(get("/evaluations/results/export.xlsx?ruleset=tsme&year=" + YEAR).with(bureau()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        List<List<String>> rows = new ArrayList<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            try (var stream = wb.getFirstSheet().openStream()) {
                stream.forEach((Row r) -> rows.add(List.of(r.getCellText(0), r.getCellText(1), r.getCellText(7))));
            }
        }
        assertThat(rows.get(0)).containsExactly("统一社会信用代码", "企业名称", "评估结果");
        assertThat(rows.subList(1, rows.size())).containsExactlyInAnyOrder(
                List.of(TOWN_OK, "评估甲科技有限公司", "合格"), List.of(XINBEI, "评估丙科技有限公司", "合格"),
                List.of(TOWN_SHORT, "评估乙科技有限公司", "不合格"));
    }

    @Test
    void leaderAndTownMayViewButNotStartRuns() throws Exception {
        mvc.perform(post("/api/v1/evaluations").with(leader()).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"year\": 2023, \"rulesets\": [\"tsme\"]}")).andExpect(status().isForbidden());
        mvc.perform(post("/evaluations").with(leader()).with(csrf()).param("year", "2023").param("rulesets", "tsme"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/evaluations").with(town()).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"year\": 2023, \"rulesets\": [\"tsme\"]}")).andExpect(status().isForbidden());
        assertThat(page(leader(), "/evaluations")).doesNotContain("evaluation-form").contains("evaluation-runs");
        assertThat(page(bureau(), "/evaluations")).contains("evaluation-form", "tsme@2017", "hnte@2016");
        assertThat(codes(api(leader(), "/api/v1/evaluations/results?ruleset=tsme&year=" + YEAR))).hasSize(3);
        mvc.perform(get("/evaluations").with(user(AppUserDetails.of(new CurrentUser(906, "ent", "企业", Role.ENTERPRISE,
                null, 1L, null))))).andExpect(status().isForbidden());
    }

    @Test
    void theRunPageShowsProgressAndTheFormStartsARun() throws Exception {
        String location = mvc.perform(post("/evaluations").with(bureau()).with(csrf()).param("region", "320412")
                        .param("year", String.valueOf(YEAR)).param("rulesets", "tsme@2017"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).matches("/evaluations/runs/\\d+");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        for (int i = 0; i < 600 && "RUNNING".equals(jdbc.sql("SELECT status FROM evaluation_run WHERE id = ?").params(id)
                .query(String.class).single()); i++) {
            Thread.sleep(100);
        }
        String fragment = page(bureau(), location + "/progress");
        assertThat(fragment).contains("evaluation-progress", "评估完成", "id=\"evaluation-stored\">2<");
        assertThat(page(bureau(), location)).contains("武进区").doesNotContain("320412 武进区");
        mvc.perform(post("/evaluations").with(bureau()).with(csrf()).param("year", "20x3").param("rulesets", "tsme"))
                .andExpect(status().isBadRequest());
    }

    private JsonNode api(RequestPostProcessor who, String url) throws Exception {
        return JSON.readTree(mvc.perform(get(url).with(who)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    }

    private String page(RequestPostProcessor who, String url) throws Exception {
        return mvc.perform(get(url).with(who)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private static List<String> codes(JsonNode results) {
        List<String> codes = new ArrayList<>();
        for (JsonNode r : results.get("page").get("items")) codes.add(r.get("creditCode").asString());
        return codes;
    }

    static RequestPostProcessor bureau() {
        return user(AppUserDetails.of(new CurrentUser(901, "bureau-eval", "常州局", Role.BUREAU, "3204", null, null)));
    }

    static RequestPostProcessor town() {
        return user(AppUserDetails.of(new CurrentUser(902, "town-eval", "湖塘镇", Role.TOWN, "320412100", null, null)));
    }

    static RequestPostProcessor leader() {
        return user(AppUserDetails.of(new CurrentUser(903, "leader-eval", "领导", Role.LEADER, "3204", null, null)));
    }
}
