package org.innoladder.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.rules.facts.CreditCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
 * Targets decomposed to departments, in an invented city 3296 no other test writes to: the district bureau configures
 * its departments (科技局, 商务局) and sets each a 2024 target on a registry metric through the page and the API; the
 * actual is the metric's figure for the district, computed here by hand from the platforms and carriers inserted; the
 * targets page, the API and the Excel export show it; another district's bureau and a town officer cannot write; the
 * city bureau reads them; every change is audited.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DepartmentTargetsTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final RequestPostProcessor CITY = as(7201, "dp-city", Role.BUREAU, "3296");
    static final RequestPostProcessor DISTRICT = as(7202, "dp-district", Role.BUREAU, "329601");
    static final RequestPostProcessor OTHER_DISTRICT = as(7203, "dp-other", Role.BUREAU, "329602");
    static final RequestPostProcessor TOWN = as(7204, "dp-town", Role.TOWN, "329601001");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    static RequestPostProcessor as(long id, String name, Role role, String region) {
        return user(AppUserDetails.of(new CurrentUser(id, name, name, role, region, null, null)));
    }

    @BeforeAll
    void data() {
        for (String[] r : new String[][] {{"32", "江苏省", "province", null}, {"3296", "部门测试市", "city", "32"},
                {"329601", "部门测试一区", "county", "3296"}, {"329602", "部门测试二区", "county", "3296"},
                {"329601001", "部门测试甲镇", "town", "329601"}, {"329601002", "部门测试乙镇", "town", "329601"},
                {"329602001", "部门测试丙镇", "town", "329602"}}) {
            jdbc.sql("INSERT INTO region (code, name, level, parent_code) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(r[0], r[1], r[2], r[3]).update();
        }
        long e1 = enterprise(CreditCode.complete("91329601" + "79" + "000001"), "部门测试甲有限公司", "329601001");
        long e2 = enterprise(CreditCode.complete("91329601" + "79" + "000002"), "部门测试乙有限公司", "329601002");
        long e3 = enterprise(CreditCode.complete("91329602" + "79" + "000003"), "部门测试丙有限公司", "329602001");
        // platforms of the district by the end of 2024: e1's two (the 2025 one not yet), e2's one → 3; e3 lies in the other district
        platform(e1, "ENGINEERING_CENTRE", "NATIONAL", 2019);
        platform(e1, "ENTERPRISE_TECH_CENTRE", "MUNICIPAL", 2023);
        platform(e1, "KEY_LAB", "PROVINCIAL", 2025);
        platform(e2, "POSTDOC_STATION", "MUNICIPAL", 2024);
        platform(e3, "KEY_LAB", "PROVINCIAL", 2022);
        // carriers of the district by the end of 2024: one (the other is in the other district)
        carrier("部门测试孵化器", "329601001", 2020);
        carrier("部门测试加速器", "329602001", 2021);
    }

    long enterprise(String code, String name, String region) {
        return jdbc.sql("INSERT INTO enterprise (credit_code, name, region_code, founded_on) VALUES (?, ?, ?, DATE '2010-01-01') RETURNING id")
                .params(code, name, region).query(Long.class).single();
    }

    void platform(long host, String kind, String level, int year) {
        jdbc.sql("INSERT INTO rd_platform (enterprise_id, kind, level, name, document, recognised_year) VALUES (?, ?, ?, ?, '测试文号', ?)")
                .params(host, kind, level, "部门测试" + kind, year).update();
    }

    void carrier(String name, String region, int year) {
        jdbc.sql("INSERT INTO carrier (kind, level, name, region_code, document, recognised_year) VALUES ('INCUBATOR', 'PROVINCIAL', ?, ?, '测试文号', ?)")
                .params(name, region, year).update();
    }

    @Test
    void departmentsGetTargetsWhoseProgressIsTheDistrictsActual() throws Exception {
        // the district bureau adds 科技局 on the page and 商务局 through the API
        mvc.perform(post("/ladder/targets/departments").param("region", "329601").param("name", "科技局").param("year", "2024")
                .with(DISTRICT).with(csrf())).andExpect(status().is3xxRedirection());
        JsonNode commerce = json(mvc.perform(post("/api/v1/ladder/departments").with(DISTRICT).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"region\": \"329601\", \"name\": \"商务局\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        long science = jdbc.sql("SELECT id FROM ladder_department WHERE region_code = '329601' AND name = '科技局'").query(Long.class).single();
        // the same name again is refused, naming the field
        String duplicate = mvc.perform(post("/api/v1/ladder/departments").with(DISTRICT).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"region\": \"329601\", \"name\": \"科技局\"}"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(duplicate).contains("name").contains("科技局").contains("同名");

        // 科技局: 4 platforms (page form); 商务局: 2 carriers (API)
        mvc.perform(post("/ladder/targets/department-targets").param("department", String.valueOf(science)).param("year", "2024")
                .param("metric", "RD_PLATFORMS").param("tier", "").param("value", "4").with(DISTRICT).with(csrf()))
                .andExpect(status().is3xxRedirection());
        JsonNode carriers = json(mvc.perform(put("/api/v1/ladder/departments/" + commerce.get("id").asLong() + "/targets").with(DISTRICT)
                        .with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"year\": 2024, \"metric\": \"CARRIERS\", \"value\": 2}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(carriers.get("target").get("actual").asLong()).isEqualTo(1);
        // a per-tier metric needs a tier, named
        String noTier = mvc.perform(put("/api/v1/ladder/departments/" + science + "/targets").with(DISTRICT).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"year\": 2024, \"metric\": \"RECOGNISED_TOTAL\", \"value\": 2}"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(noTier).contains("tier");

        // by hand: 3 of 4 platforms = 75.0 %, 1 of 2 carriers = 50.0 %
        JsonNode listing = json(mvc.perform(get("/api/v1/ladder/departments").param("year", "2024").with(CITY))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(listing.get("departments")).hasSize(2);
        Map<String, String> progress = new java.util.TreeMap<>();
        for (JsonNode r : listing.get("rows")) {
            JsonNode t = r.get("target");
            progress.put(r.get("departmentName").asString() + " " + t.get("metric").asString(),
                    t.get("target").asLong() + "/" + t.get("actual").asLong() + "/" + t.get("progressPercent").asDouble() + "/" + t.get("regionCode").asString());
        }
        assertThat(progress).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                "科技局 RD_PLATFORMS", "4/3/75.0/329601", "商务局 CARRIERS", "2/1/50.0/329601")));

        // the targets page shows them with units and status
        String page = mvc.perform(get("/ladder/targets").param("year", "2024").with(DISTRICT)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String section = page.substring(page.indexOf("id=\"department-targets\""), page.indexOf("id=\"department-list\""));
        assertThat(section).contains("科技局", "部门测试一区", "研发平台数", "75.0%", "存在风险", "商务局", "50.0%");
        assertThat(page).contains("id=\"department-target-form\"");

        // a town officer reads its town's targets only (the district's departments lie above it) and writes nothing
        String townPage = mvc.perform(get("/ladder/targets").param("year", "2024").with(TOWN)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(townPage.substring(townPage.indexOf("id=\"department-targets\""))).doesNotContain("科技局");
        mvc.perform(post("/ladder/targets/department-targets").param("department", String.valueOf(science)).param("year", "2024")
                .param("metric", "CARRIERS").param("value", "9").with(TOWN).with(csrf())).andExpect(status().isForbidden());
        // the other district's bureau cannot add to or change the district's departments
        mvc.perform(put("/api/v1/ladder/departments/" + science + "/targets").with(OTHER_DISTRICT).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"year\": 2024, \"metric\": \"RD_PLATFORMS\", \"value\": 9}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/ladder/departments").with(OTHER_DISTRICT).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"region\": \"329601\", \"name\": \"发改委\"}")).andExpect(status().isForbidden());
        assertThat(jdbc.sql("SELECT value FROM ladder_department_target WHERE department_id = ?").param(science).query(Long.class).single())
                .isEqualTo(4);

        // the export: one row per target, region targets first, then each department's
        byte[] xlsx = mvc.perform(get("/ladder/targets/export.xlsx").param("year", "2024").with(DISTRICT)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        List<List<String>> rows = new ArrayList<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx)); var stream = wb.getFirstSheet().openStream()) {
            stream.forEach((Row r) -> rows.add(List.of(r.getCellText(0), r.getCellText(3), r.getCellText(5), r.getCellText(6), r.getCellText(8))));
        }
        assertThat(rows.get(0)).containsExactly("负责部门", "指标", "目标", "完成", "完成率（%）");
        assertThat(rows.subList(1, rows.size())).contains(List.of("科技局", "研发平台数（各级）", "4", "3", "75.0"), List.of("商务局", "科创载体数（各级）", "2", "1", "50.0"));

        // audited; removing a department removes its targets
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action IN ('ladder.department.add', 'ladder.department_target.set')"
                + " AND actor = 'dp-district'").query(Long.class).single()).isEqualTo(4);
        long target = jdbc.sql("SELECT id FROM ladder_department_target WHERE department_id = ?").param(science).query(Long.class).single();
        mvc.perform(delete("/api/v1/ladder/department-targets/" + target).with(DISTRICT).with(csrf())).andExpect(status().isNoContent());
        mvc.perform(post("/ladder/targets/departments/" + commerce.get("id").asLong() + "/delete").param("year", "2024").with(DISTRICT)
                .with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("SELECT count(*) FROM ladder_department_target t JOIN ladder_department d ON d.id = t.department_id"
                + " WHERE d.region_code = '329601'").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT name FROM ladder_department WHERE region_code = '329601'").query(String.class).list()).containsExactly("科技局");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action IN ('ladder.department.remove', 'ladder.department_target.remove')"
                + " AND actor = 'dp-district'").query(Long.class).single()).isEqualTo(2);
    }

    static JsonNode json(String body) {
        return JSON.readTree(body);
    }
}
