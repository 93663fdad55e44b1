package org.innoladder.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.innoladder.policy.PolicyFixtures.ADMIN;
import static org.innoladder.policy.PolicyFixtures.BUREAU;
import static org.innoladder.policy.PolicyFixtures.LEADER;
import static org.innoladder.policy.PolicyFixtures.WUJIN;
import static org.innoladder.policy.PolicyFixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The catalogue through the pages and the REST API: validation on save, versions, publish, retire, import, scope, audit. */
@SpringBootTest(properties = "innoladder.test.context=policy")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class PolicyCatalogueTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    static String definition(String code) {
        return PolicyFixtures.yaml("tsme_entry_award").replace("code: tsme_entry_award", "code: " + code);
    }

    int policies() {
        return jdbc.sql("SELECT count(*) FROM policy").query(Integer.class).single();
    }

    @Test
    void aConditionThatDoesNotTypeCheckCannotBeSavedThroughThePageAndTheErrorNamesFieldAndPosition() throws Exception {
        String bad = definition("cat_bad_page").replace("e.employees <= p.max_employees", "e.employes <= p.max_employees");
        int before = policies();
        String html = mvc.perform(post("/policies").with(as(BUREAU)).with(csrf()).param("region", "3204").param("definition", bad))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("criterion &#39;small&#39; condition").contains("第 23 行第 17 列").contains("employes");
        assertThat(policies()).isEqualTo(before);
    }

    @Test
    void aConditionThatDoesNotTypeCheckIsRefusedByTheApiAsAProblem() throws Exception {
        String bad = definition("cat_bad_api").replace("condition: \"rec.tsme.first_year == e.year\"", "condition: \"rec.tsme.first_year\"");
        String body = JSON.writeValueAsString(Map.of("region", "3204", "definition", bad));
        JsonNode problem = JSON.readTree(mvc.perform(post("/api/v1/policies").with(as(BUREAU)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(problem.get("parameter").asString()).isEqualTo("criterion 'first_tsme' condition");
        assertThat(problem.get("value").asString()).contains("line 20, column 16");
        assertThat(problem.get("rule").asString()).contains("must be a condition");
        assertThat(jdbc.sql("SELECT count(*) FROM policy WHERE code = 'cat_bad_api'").query(Integer.class).single()).isZero();
    }

    @Test
    void everySaveIsANewVersionAndPublishRetireAreAudited() throws Exception {
        String body = JSON.writeValueAsString(Map.of("region", "3204", "definition", definition("cat_versions")));
        JsonNode created = JSON.readTree(mvc.perform(post("/api/v1/policies").with(as(BUREAU)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        long id = created.get("policyId").asLong();
        assertThat(created.get("version").asInt()).isEqualTo(1);
        String v2 = definition("cat_versions").replace("value: 10000,", "value: 20000,");
        JsonNode saved = JSON.readTree(mvc.perform(put("/api/v1/policies/" + id).with(as(BUREAU)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("definition", v2))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(saved.get("version").asInt()).isEqualTo(2);
        mvc.perform(post("/policies/" + id + "/publish").with(as(BUREAU)).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("SELECT status || ' ' || published_version FROM policy WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("PUBLISHED 2");
        assertThat(jdbc.sql("SELECT parameters -> 'award' ->> 'value' FROM policy_version WHERE policy_id = ? AND version = 2")
                .param(id).query(String.class).single()).startsWith("20000");
        // the code cannot change between versions
        mvc.perform(put("/api/v1/policies/" + id).with(as(BUREAU)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(Map.of("definition", definition("cat_other"))))).andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/policies/" + id + "/retire").with(as(BUREAU)).with(csrf())).andExpect(status().isOk());
        assertThat(jdbc.sql("SELECT action FROM audit_log WHERE target = ? ORDER BY id").param("policy:" + id).query(String.class).list())
                .containsExactly("policy.create", "policy.save", "policy.publish", "policy.retire");
        String page = mvc.perform(get("/policies/" + id).with(as(LEADER))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("已废止").contains("示例区科发〔2024〕5号").contains("办事指南").doesNotContain("policy-publish");
    }

    @Test
    void importReportsErrorsPerFieldAndAddsAVersionToAnExistingCode() throws Exception {
        MockMultipartFile bad = new MockMultipartFile("file", "bad.yaml", "application/yaml",
                definition("cat_import").replace("mode: AUTOMATIC", "mode: SOMETIMES").getBytes(StandardCharsets.UTF_8));
        String html = mvc.perform(multipart("/policies/import").file(bad).param("region", "3204").with(as(BUREAU)).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("policy-import-error").contains("mode").contains("SOMETIMES").contains("bad.yaml");
        MockMultipartFile good = new MockMultipartFile("file", "good.yaml", "application/yaml",
                definition("cat_import").getBytes(StandardCharsets.UTF_8));
        mvc.perform(multipart("/policies/import").file(good).param("region", "3204").with(as(BUREAU)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(multipart("/policies/import").file(good).param("region", "3204").with(as(BUREAU)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("SELECT max(v.version) FROM policy p JOIN policy_version v ON v.policy_id = p.id WHERE p.code = 'cat_import'")
                .query(Integer.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'policy.import' AND detail LIKE 'good.yaml%'")
                .query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void aBureauManagesOnlyPoliciesOfRegionsWithinItsScope() throws Exception {
        // 武进区 may not create a city policy, nor publish one, but sees it (it applies to 武进区).
        mvc.perform(post("/api/v1/policies").with(as(WUJIN)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(Map.of("region", "3204", "definition", definition("cat_scope_city")))))
                .andExpect(status().isForbidden());
        long city = JSON.readTree(mvc.perform(post("/api/v1/policies").with(as(ADMIN)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(Map.of("region", "3204", "definition", definition("cat_scope_city")))))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)).get("policyId").asLong();
        mvc.perform(post("/api/v1/policies/" + city + "/publish").with(as(WUJIN)).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/policies/" + city).with(as(WUJIN))).andExpect(status().isOk());
        long district = JSON.readTree(mvc.perform(post("/api/v1/policies").with(as(WUJIN)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(Map.of("region", "320412", "definition", definition("cat_scope_wujin")))))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)).get("policyId").asLong();
        // 新北区's bureau neither sees 武进区's policy nor learns it exists
        var xinbei = new org.innoladder.identity.CurrentUser(9, "xinbei", "新北区", org.innoladder.identity.Role.BUREAU, "320411", null, null);
        mvc.perform(get("/api/v1/policies/" + district).with(as(xinbei))).andExpect(status().isNotFound());
        mvc.perform(get("/policies/" + district).with(as(xinbei))).andExpect(status().isNotFound());
        // a leader may look but not change
        mvc.perform(post("/api/v1/policies/" + city + "/publish").with(as(LEADER)).with(csrf())).andExpect(status().isForbidden());
        String list = mvc.perform(get("/policies").with(as(WUJIN))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(list).contains("cat_scope_city").contains("cat_scope_wujin");
    }

    @Test
    void theEditFormOpensWithTheLatestDefinition() throws Exception {
        mvc.perform(get("/policies/new").with(as(BUREAU))).andExpect(status().isOk());
        mvc.perform(get("/policies/new").with(as(LEADER))).andExpect(status().isForbidden());
    }
}
