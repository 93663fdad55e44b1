package org.innoladder.resources;

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
import java.util.TreeMap;

import org.innoladder.enterprise.Populations;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.rules.facts.Column;
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

/**
 * One platform edited and deleted in the application, in an invented city 3295 no other test writes to: a bad field is
 * refused with the field, the value and the rule (nothing changes), a good edit changes the record and the host's
 * {@code rd_institution_level} as the rulesets read it, the other district's bureau gets "not found", and the deletion
 * gives the imported level back; every change is audited.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformEditTest {
    static final String HOST = CreditCode.complete("91329501" + "81" + "000001");
    static final RequestPostProcessor DISTRICT = as(7301, "pe-district", Role.BUREAU, "329501");
    static final RequestPostProcessor OTHER = as(7302, "pe-other", Role.BUREAU, "329502");
    static final RequestPostProcessor TOWN = as(7303, "pe-town", Role.TOWN, "329501001");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Populations populations;
    long hostId, platformId;

    static RequestPostProcessor as(long id, String name, Role role, String region) {
        return user(AppUserDetails.of(new CurrentUser(id, name, name, role, region, null, null)));
    }

    @BeforeAll
    void data() {
        for (String[] r : new String[][] {{"32", "江苏省", "province", null}, {"3295", "编辑测试市", "city", "32"},
                {"329501", "编辑测试一区", "county", "3295"}, {"329502", "编辑测试二区", "county", "3295"},
                {"329501001", "编辑测试甲镇", "town", "329501"}}) {
            jdbc.sql("INSERT INTO region (code, name, level, parent_code) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(r[0], r[1], r[2], r[3]).update();
        }
        hostId = jdbc.sql("INSERT INTO enterprise (credit_code, name, region_code, founded_on) VALUES (?, '编辑测试有限公司', '329501001',"
                + " DATE '2012-01-01') RETURNING id").param(HOST).query(Long.class).single();
        for (int year = 2022; year <= 2024; year++) {
            jdbc.sql("INSERT INTO enterprise_year (enterprise_id, year, employees, rd_institution_level) VALUES (?, ?, 30, 'city')")
                    .params(hostId, year).update();
        }
        platformId = jdbc.sql("INSERT INTO rd_platform (enterprise_id, kind, level, name, document, recognised_year)"
                + " VALUES (?, 'ENGINEERING_CENTRE', 'PROVINCIAL', '编辑测试工程中心', '苏科技〔2023〕1号', 2023) RETURNING id")
                .param(hostId).query(Long.class).single();
        // supplied as the import would: 2023 and 2024 provincial from the register
        mvc(() -> mvc.perform(put("/api/v1/resources/platforms/" + platformId).with(DISTRICT).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(body("工程技术研究中心", "省级", "编辑测试工程中心", "苏科技〔2023〕1号", "2023")))
                .andExpect(status().isOk()));
    }

    interface Call {
        void run() throws Exception;
    }

    static void mvc(Call c) {
        try {
            c.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String body(String kind, String level, String name, String document, String year) {
        return "{\"kind\": \"" + kind + "\", \"level\": \"" + level + "\", \"name\": \"" + name + "\", \"document\": \"" + document
                + "\", \"year\": \"" + year + "\"}";
    }

    @Test
    void anEditIsCheckedFieldByFieldAndSuppliesTheLevelAgain() throws Exception {
        assertThat(levels()).containsExactlyEntriesOf(new TreeMap<>(Map.of(2022, "city", 2023, "provincial", 2024, "provincial")));

        // a bad year on the page: 400, the field named with its label, the value and the rule; nothing changes
        String page = mvc.perform(post("/resources/platforms/" + platformId).param("kind", "ENGINEERING_CENTRE").param("level", "NATIONAL")
                        .param("name", "编辑测试工程中心").param("document", "国科发〔2024〕2号").param("year", "二〇二四").with(DISTRICT).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"platform-error\"", "认定年度“二〇二四”不符合规则", "aria-invalid=\"true\"", "国科发〔2024〕2号");
        String badLevel = mvc.perform(put("/api/v1/resources/platforms/" + platformId).with(DISTRICT).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(body("工程技术研究中心", "县级", "编辑测试工程中心", "x", "2024")))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(badLevel).contains("level", "县级");
        assertThat(jdbc.sql("SELECT level FROM rd_platform WHERE id = ?").param(platformId).query(String.class).single()).isEqualTo("PROVINCIAL");

        // the other district's bureau does not see it; a town officer does not keep registries
        mvc.perform(post("/resources/platforms/" + platformId + "/delete").with(OTHER).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(put("/api/v1/resources/platforms/" + platformId).with(OTHER).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(body("重点实验室", "国家级", "x", "x", "2024"))).andExpect(status().isNotFound());
        mvc.perform(post("/resources/platforms/" + platformId + "/delete").with(TOWN).with(csrf())).andExpect(status().isForbidden());

        // national from 2024: the host's 2024 is national, 2023 falls back to its imported city level
        mvc.perform(post("/resources/platforms/" + platformId).param("kind", "ENGINEERING_CENTRE").param("level", "NATIONAL")
                        .param("name", "编辑测试工程中心").param("document", "国科发〔2024〕2号").param("year", "2024").with(DISTRICT).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(levels()).containsExactlyEntriesOf(new TreeMap<>(Map.of(2022, "city", 2023, "city", 2024, "national")));
        String shown = mvc.perform(get("/resources/platforms/" + platformId).param("saved", "").with(DISTRICT)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(shown).contains("id=\"platform-saved\"", "国科发〔2024〕2号", "国家级");

        // deleted: every year gets its imported level back
        mvc.perform(delete("/api/v1/resources/platforms/" + platformId).with(DISTRICT).with(csrf())).andExpect(status().isNoContent());
        assertThat(levels()).containsExactlyEntriesOf(new TreeMap<>(Map.of(2022, "city", 2023, "city", 2024, "city")));
        assertThat(jdbc.sql("SELECT count(*) FROM rd_platform WHERE enterprise_id = ?").param(hostId).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE actor = 'pe-district' AND target = ? AND action IN"
                + " ('resources.platforms.update', 'resources.platforms.delete')").param("rd_platform:" + platformId).query(Long.class).single())
                .isEqualTo(3);
    }

    Map<Integer, String> levels() {
        Map<Integer, String> out = new TreeMap<>();
        populations.read(Populations.Query.of(2024, null), (id, row) -> {
            if (id == hostId) out.put(row.year(), row.text(Column.RD_INSTITUTION_LEVEL));
        });
        return out;
    }
}
