package org.innoladder.investment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.identity.internal.AppUserDetails;
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

/**
 * A 科技招商 project's description edited and the project deleted in the application, in an invented city 3294 no other
 * test writes to: each bad field is refused naming the field, value and rule (nothing changes), a town officer cannot
 * move the project to another town nor touch another town's project, a good edit is a step of the history, and the
 * deletion removes the history too; every change is audited.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectEditTest {
    static final RequestPostProcessor TOWN = as(7401, "pj-town", Role.TOWN, "329401001");
    static final RequestPostProcessor OTHER_TOWN = as(7402, "pj-other", Role.TOWN, "329401002");
    static final RequestPostProcessor DISTRICT = as(7403, "pj-district", Role.BUREAU, "329401");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    long project;

    static RequestPostProcessor as(long id, String name, Role role, String region) {
        return user(AppUserDetails.of(new CurrentUser(id, name, name, role, region, null, null)));
    }

    @BeforeAll
    void data() {
        for (String[] r : new String[][] {{"32", "江苏省", "province", null}, {"3294", "招商编辑测试市", "city", "32"},
                {"329401", "招商编辑测试区", "county", "3294"}, {"329401001", "招商编辑甲镇", "town", "329401"},
                {"329401002", "招商编辑乙镇", "town", "329401"}}) {
            jdbc.sql("INSERT INTO region (code, name, level, parent_code) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(r[0], r[1], r[2], r[3]).update();
        }
        project = jdbc.sql("INSERT INTO investment_project (name, field, source, region_code, planned_yuan, status, lead_on)"
                + " VALUES ('编辑测试项目', '智能制造', 'EVENT', '329401001', 50000000, 'LEAD', DATE '2024-03-01') RETURNING id").query(Long.class).single();
        jdbc.sql("INSERT INTO investment_project (name, field, source, region_code, planned_yuan, status, lead_on)"
                + " VALUES ('编辑测试同名项目', '新能源', 'FUND', '329401001', 10000000, 'LEAD', DATE '2024-03-01')").update();
    }

    @Test
    void anEditIsCheckedFieldByFieldScopedAndKeptInTheHistory() throws Exception {
        // bad fields on the page: each named with its label, the value and the rule; nothing changes
        Map<String, String> bad = Map.of("planned", "十万", "town", "329401", "source", "路演", "name", "编辑测试同名项目");
        for (var e : bad.entrySet()) {
            Map<String, String> form = new java.util.HashMap<>(Map.of("name", "编辑测试项目（二期）", "field", "智能装备", "source", "AGENCY",
                    "planned", "6500.5", "town", "329401001"));
            form.put(e.getKey(), e.getValue());
            var request = post("/investment/" + project + "/edit").with(TOWN).with(csrf());
            form.forEach(request::param);
            String page = mvc.perform(request).andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(page).as(e.getKey()).contains("id=\"project-error\"", "“" + e.getValue() + "”不符合规则", "aria-invalid=\"true\"");
        }
        assertThat(jdbc.sql("SELECT name FROM investment_project WHERE id = ?").param(project).query(String.class).single()).isEqualTo("编辑测试项目");

        // another town's officer does not see it; the town officer cannot move it to a town outside its scope
        mvc.perform(put("/api/v1/investment/projects/" + project).with(OTHER_TOWN).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"x\", \"field\": \"x\", \"source\": \"FUND\", \"planned\": \"1\", \"town\": \"329401002\"}"))
                .andExpect(status().isNotFound());
        String moved = mvc.perform(put("/api/v1/investment/projects/" + project).with(TOWN).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"编辑测试项目\", \"field\": \"智能制造\", \"source\": \"EVENT\", \"planned\": \"5000\", \"town\": \"329401002\"}"))
                .andExpect(status().isForbidden()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(moved).contains("town", "329401002");

        // a good edit: the record, the history and the audit
        mvc.perform(post("/investment/" + project + "/edit").param("name", "编辑测试项目（二期）").param("field", "智能装备").param("source", "AGENCY")
                .param("planned", "6500.5").param("town", "329401001").with(TOWN).with(csrf())).andExpect(status().is3xxRedirection());
        Map<String, Object> row = jdbc.sql("SELECT name, field, source, planned_yuan, status FROM investment_project WHERE id = ?")
                .param(project).query().singleRow();
        assertThat(row).containsEntry("name", "编辑测试项目（二期）").containsEntry("field", "智能装备").containsEntry("source", "AGENCY")
                .containsEntry("status", "LEAD");
        assertThat((java.math.BigDecimal) row.get("planned_yuan")).isEqualByComparingTo("65005000");
        String detail = mvc.perform(get("/investment/" + project).with(TOWN)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(detail).contains("修改登记", "计划投资 5000 → 6500.5 万元");

        // the district bureau deletes it with its history
        mvc.perform(delete("/api/v1/investment/projects/" + project).with(DISTRICT).with(csrf())).andExpect(status().isNoContent());
        assertThat(jdbc.sql("SELECT count(*) FROM investment_project WHERE id = ?").param(project).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM investment_event WHERE project_id = ?").param(project).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE target = ? AND action IN ('investment.edit', 'investment.delete')")
                .param("investment_project:" + project).query(Long.class).single()).isEqualTo(2);
    }
}
