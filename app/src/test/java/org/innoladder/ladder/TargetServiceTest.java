package org.innoladder.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.innoladder.rules.facts.CreditCode;
import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.evaluation.StoredResultFixture;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.OutOfScopeException;
import org.innoladder.identity.Role;
import org.innoladder.ladder.target.Metric;
import org.innoladder.ladder.target.TargetProgress.Status;
import org.innoladder.ladder.target.TargetService;
import org.innoladder.ladder.target.TargetService.Input;
import org.innoladder.ladder.target.TargetService.Row;
import org.innoladder.web.BadParameterException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Targets over real PostgreSQL: recognitions and evaluation results written with SQL, targets read back with their
 * progress and forecast, validation, scope, roles and the audit trail.
 */
@SpringBootTest(properties = "innoladder.test.context=targets")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class TargetServiceTest {
    static final String HUTANG = "320412100";
    static final String NIUTANG = "320412102";
    static final JsonMapper JSON = JsonMapper.builder().build();
    // H1 湖塘 HNTE 2022–2025 (held 2023 and 2024), H2 湖塘 HNTE from 2024-03, H3 牛塘 HNTE from 2024-05;
    // P1 湖塘 HNTE QUALIFIED (pool QUALIFIED), P2 湖塘 UNDETERMINED, P3 牛塘 NEAR (R&D 15% short), P4 牛塘 UNDETERMINED;
    // P2 and P4 are registered TSMEs, the rung an UNDETERMINED candidate enters the HNTE pool from.
    // City 2024 HNTE: held 3 (2023: 1, net +2), qualified 2 (H1, P1), pool Q1 U2 N1.
    static final String H1 = code(1), H2 = code(2), H3 = code(3), P1 = code(4), P2 = code(5), P3 = code(6), P4 = code(7);

    static final CurrentUser CITY = new CurrentUser(9102, "bureau", "常州市科技局", Role.BUREAU, "3204", null, null);
    static final CurrentUser WUJIN = new CurrentUser(9105, "wujin", "武进区科技局", Role.BUREAU, "320412", null, null);
    static final CurrentUser TOWN = new CurrentUser(9103, "town", "湖塘镇", Role.TOWN, HUTANG, null, null);
    static final CurrentUser LEADER = new CurrentUser(9106, "leader", "领导", Role.LEADER, "3204", null, null);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TargetService targets;
    @Autowired
    MockMvc mvc;
    @Autowired
    org.innoladder.ladder.LadderSnapshot snapshot;

    static String code(int n) {
        return CreditCode.complete("91320412" + String.format("%02d%06d", 48, n));
    }

    @BeforeEach
    void data() {
        String[][] regions = {{"32", "江苏省", "province", null}, {"3204", "常州市", "city", "32"},
                {"320412", "武进区", "county", "3204"}, {"320412100", "湖塘镇", "town", "320412"},
                {"320412102", "牛塘镇", "town", "320412"}};
        for (String[] r : regions) {
            jdbc.sql("INSERT INTO region (code, name, level, parent_code) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(r[0], r[1], r[2], r[3]).update();
        }
        jdbc.sql("DELETE FROM ladder_target").update();
        target("3204", Metric.RECOGNISED_TOTAL, 5);
        target("3204", Metric.NET_INCREASE, 5);
        target("3204", Metric.ELIGIBLE_TOTAL, 3);
        target(HUTANG, Metric.RECOGNISED_TOTAL, 3);
        if (jdbc.sql("SELECT count(*) FROM enterprise WHERE credit_code = ?").param(H1).query(Long.class).single() > 0) return;
        long h1 = enterprise(H1, HUTANG), h2 = enterprise(H2, HUTANG), h3 = enterprise(H3, NIUTANG),
                p1 = enterprise(P1, HUTANG), p2 = enterprise(P2, HUTANG), p3 = enterprise(P3, NIUTANG), p4 = enterprise(P4, NIUTANG);
        recognition(h1, "2022-01-01", "2025-12-31");
        recognition(h2, "2024-03-01", "2027-02-28");
        recognition(h3, "2024-05-01", "2027-04-30");
        for (long tsme : new long[] {p2, p4}) {
            jdbc.sql("""
                    INSERT INTO recognition (enterprise_id, kind, certificate_no, issued_on, expires_on, source)
                    VALUES (?, 'TSME', ?, DATE '2024-04-01', DATE '2024-12-31', 'test')""").params(tsme, "TSME-" + tsme).update();
        }
        long run = jdbc.sql("""
                INSERT INTO evaluation_run (year, rulesets, status, started_by) VALUES (2024, '{hnte@2016}', 'DONE', 'test')
                RETURNING id""").query(Long.class).single();
        result(run, h1, "QUALIFIED", "[]");
        result(run, p1, "QUALIFIED", "[]");
        result(run, p2, "UNDETERMINED", "[]");
        result(run, p3, "NOT_QUALIFIED", """
                [{"criterion":"rd_expense_ratio","lever":"rd_expense","current":850000,"required":1000000,"delta":150000}]""");
        result(run, p4, "UNDETERMINED", "[]");
        for (int y = 2023; y <= 2024; y++) snapshot.refresh(y, LadderSnapshot.Target.all(), "test");
    }

    void target(String region, Metric metric, long value) {
        jdbc.sql("INSERT INTO ladder_target (region_code, year, metric, tier, value, created_by) VALUES (?, 2024, ?, 'HNTE', ?, 'test')")
                .params(region, metric.name(), value).update();
    }

    long enterprise(String code, String region) {
        return jdbc.sql("INSERT INTO enterprise (credit_code, name, region_code, founded_on) VALUES (?, ?, ?, ?) RETURNING id")
                .params(code, "目标" + code.substring(12), region, LocalDate.of(2015, 3, 1)).query(Long.class).single();
    }

    void recognition(long id, String issued, String expires) {
        jdbc.sql("""
                INSERT INTO recognition (enterprise_id, kind, certificate_no, issued_on, expires_on, source)
                VALUES (?, 'HNTE', ?, ?, ?, 'test')""")
                .params(id, "HNTE-" + id, LocalDate.parse(issued), LocalDate.parse(expires)).update();
    }

    void result(long run, long id, String outcome, String gaps) {
        jdbc.sql("""
                INSERT INTO evaluation_result (run_id, enterprise_id, year, ruleset_id, ruleset_version, outcome, detail)
                VALUES (?, ?, 2024, 'hnte', '2016', ?, ?)""")
                .params(run, id, outcome, StoredResultFixture.detail("hnte@2016", 2024, gaps)).update();
    }

    static Map<String, Row> byKey(List<Row> rows) {
        return rows.stream().collect(Collectors.toMap(r -> r.regionCode() + "/" + r.metric(), Function.identity()));
    }

    @Test
    void ladderPagesOpenOnTheLatestYearWithASnapshot() throws Exception {
        int latest = jdbc.sql("SELECT max(year) FROM ladder_refresh").query(Integer.class).single();
        mvc.perform(get("/ladder").with(user(AppUserDetails.of(CITY))))
                .andExpect(status().isOk()).andExpect(model().attribute("year", latest));
        mvc.perform(get("/ladder/transitions").with(user(AppUserDetails.of(CITY))))
                .andExpect(status().isOk()).andExpect(model().attribute("to", latest));
    }

    @Test
    void progressAndForecastFromThePools() {
        Map<String, Row> rows = byKey(targets.list(CITY, null, 2024).rows());
        assertThat(rows).hasSize(4);
        Row recognised = rows.get("3204/RECOGNISED_TOTAL");
        assertThat(recognised.actual()).isEqualTo(3);
        assertThat(recognised.progressPercent()).isEqualTo(60.0);
        assertThat(recognised.forecast()).as("3 + Q1×1 + U2×0.5 + N1×0.25").isEqualTo(5.25);
        assertThat(recognised.status()).isEqualTo(Status.ON_TRACK);
        Row net = rows.get("3204/NET_INCREASE");
        assertThat(net.actual()).as("3 held in 2024, 1 in 2023").isEqualTo(2);
        assertThat(net.progressPercent()).isEqualTo(40.0);
        assertThat(net.forecast()).isEqualTo(4.25);
        assertThat(net.status()).isEqualTo(Status.AT_RISK);
        Row eligible = rows.get("3204/ELIGIBLE_TOTAL");
        assertThat(eligible.actual()).as("H1 and P1 qualified").isEqualTo(2);
        assertThat(eligible.forecast()).as("2 + U2×0.5 + N1×0.25, QUALIFIED members already counted").isEqualTo(3.25);
        assertThat(eligible.progressPercent()).isEqualTo(66.7);
        Row town = rows.get(HUTANG + "/RECOGNISED_TOTAL");
        assertThat(town.actual()).as("H1, H2").isEqualTo(2);
        assertThat(town.forecast()).as("2 + P1 + P2×0.5").isEqualTo(3.5);
        assertThat(town.regionName()).isEqualTo("湖塘镇");
    }

    @Test
    void scopeLimitsTheTargetsRead() {
        assertThat(targets.list(TOWN, null, 2024).rows()).extracting(Row::regionCode).containsExactly(HUTANG);
        assertThatThrownBy(() -> targets.list(TOWN, "3204", 2024)).isInstanceOf(BadParameterException.class)
                .hasMessageContaining("region");
        assertThat(targets.list(CITY, "320412", 2024).rows()).extracting(Row::regionCode).containsExactly(HUTANG);
        assertThat(targets.list(CITY, null, 2023).rows()).isEmpty();
    }

    @Test
    void aRegionsOwnTargetsAreThoseOfTheListSetOnItAlone() {
        List<Row> all = targets.list(CITY, null, 2024).rows();
        for (String region : List.of("3204", HUTANG)) {
            assertThat(targets.ofRegion(CITY, region, 2024)).as(region)
                    .isNotEmpty().isEqualTo(all.stream().filter(r -> r.regionCode().equals(region)).toList());
        }
        assertThat(targets.ofRegion(CITY, "320412", 2024)).as("the district has none of its own, only its town's").isEmpty();
        assertThat(targets.ofRegion(TOWN, null, 2024)).extracting(Row::regionCode).containsExactly(HUTANG);
        assertThatThrownBy(() -> targets.ofRegion(TOWN, "3204", 2024)).isInstanceOf(BadParameterException.class);
    }

    @Test
    void validationNamesFieldValueAndRule() {
        assertThatThrownBy(() -> targets.set(CITY, new Input("3204", "2024", "HNTE_TOTAL", "HNTE", "10"), null))
                .isInstanceOfSatisfying(BadParameterException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("metric");
                    assertThat(e.messageZh()).contains("HNTE_TOTAL").contains("RECOGNISED_TOTAL");
                    assertThat(e.messageEn()).contains("'metric' = 'HNTE_TOTAL'");
                });
        assertThat(bad(CITY, new Input("3204", "2024", "NET_INCREASE", "HNTE", "-1")).parameter()).isEqualTo("value");
        assertThat(bad(CITY, new Input("3204", "2024", "NET_INCREASE", "HNTE", "-1")).messageZh()).contains("≥ 0");
        assertThat(bad(CITY, new Input("3204", "1900", "NET_INCREASE", "HNTE", "1")).parameter()).isEqualTo("year");
        assertThat(bad(CITY, new Input("3204", "2024", "NET_INCREASE", "DRAGON", "1")).parameter()).isEqualTo("tier");
        // a parent region and a sibling are outside 武进区's write scope: refused (403), nothing written
        for (String region : List.of("3204", "320411")) {
            assertThatThrownBy(() -> targets.set(WUJIN, new Input(region, "2024", "NET_INCREASE", "HNTE", "1"), null))
                    .isInstanceOfSatisfying(OutOfScopeException.class, e -> {
                        assertThat(e.field()).isEqualTo("region");
                        assertThat(e.value()).isEqualTo(region);
                        assertThat(e.messageZh()).contains("不在您的管理范围");
                    });
        }
        assertThat(bad(CITY, new Input("320499", "2024", "NET_INCREASE", "HNTE", "1")).ruleEn()).isEqualTo("no such region code");
        assertThatThrownBy(() -> targets.set(TOWN, new Input(HUTANG, "2024", "NET_INCREASE", "HNTE", "1"), null))
                .isInstanceOf(AccessDeniedException.class);
    }

    BadParameterException bad(CurrentUser user, Input in) {
        try {
            targets.set(user, in, null);
        } catch (BadParameterException e) {
            return e;
        }
        throw new AssertionError("accepted " + in);
    }

    @Test
    void putReplacesTheTargetAndIsAudited() throws Exception {
        String body = "{\"region\":\"320412\",\"year\":2024,\"metric\":\"RECOGNISED_TOTAL\",\"tier\":\"HNTE\",\"value\":4}";
        String json = mvc.perform(put("/api/v1/ladder/targets").with(user(AppUserDetails.of(WUJIN))).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode row = JSON.readTree(json);
        assertThat(row.path("actual").asLong()).isEqualTo(3);
        assertThat(row.path("status").asString()).isEqualTo("ON_TRACK");
        long id = row.path("id").asLong();
        mvc.perform(put("/api/v1/ladder/targets").with(user(AppUserDetails.of(WUJIN))).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(body.replace("\"value\":4", "\"value\":9")))
                .andExpect(status().isOk());
        assertThat(jdbc.sql("SELECT value FROM ladder_target WHERE id = ?").param(id).query(Long.class).single()).isEqualTo(9);
        List<String> details = jdbc.sql("""
                SELECT detail FROM audit_log WHERE actor = 'wujin' AND action = 'ladder.target.set' AND target = ? ORDER BY id""")
                .param("ladder_target:" + id).query(String.class).list();
        assertThat(details).hasSize(2);
        assertThat(details.get(0)).contains("\"value\":4").contains("\"previous\":null");
        assertThat(details.get(1)).contains("\"value\":9").contains("\"previous\":4");
    }

    @Test
    void restErrorsAndRoles() throws Exception {
        String json = mvc.perform(put("/api/v1/ladder/targets").with(user(AppUserDetails.of(CITY))).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"region\":\"3204\",\"year\":2024,\"metric\":\"NET_INCREASE\",\"tier\":\"HNTE\",\"value\":\"many\"}"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        JsonNode p = JSON.readTree(json);
        assertThat(p.path("parameter").asString()).isEqualTo("value");
        assertThat(p.path("value").asString()).isEqualTo("many");
        assertThat(p.path("detailZh").asString()).contains("目标值须为 ≥ 0 的整数");
        mvc.perform(put("/api/v1/ladder/targets").with(user(AppUserDetails.of(LEADER))).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"region\":\"3204\",\"year\":2024,\"metric\":\"NET_INCREASE\",\"tier\":\"HNTE\",\"value\":1}"))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/v1/ladder/targets").with(user(AppUserDetails.of(TOWN))).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"region\":\"" + HUTANG + "\",\"year\":2024,\"metric\":\"NET_INCREASE\",\"tier\":\"HNTE\",\"value\":1}"))
                .andExpect(status().isForbidden());
        String list = mvc.perform(get("/api/v1/ladder/targets").param("year", "2024").with(user(AppUserDetails.of(LEADER))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(JSON.readTree(list).path("rows")).hasSize(4);
        assertThat(JSON.readTree(list).path("weights").path("near").asDouble()).isEqualTo(0.25);
    }

    @Test
    void pageShowsProgressAndTheFormOnlyToWriters() throws Exception {
        String leader = mvc.perform(get("/ladder/targets").param("year", "2024").with(user(AppUserDetails.of(LEADER))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(leader).contains("targets-table").contains("存在风险").contains("约 5 家").doesNotContain("target-form");
        String bureau = mvc.perform(get("/ladder/targets").param("year", "2024").with(user(AppUserDetails.of(CITY))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(bureau).contains("target-form");
        String error = mvc.perform(post("/ladder/targets").with(user(AppUserDetails.of(CITY))).with(csrf())
                        .param("region", "3204").param("year", "2024").param("metric", "NET_INCREASE").param("tier", "HNTE")
                        .param("value", "-5"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(error).contains("target-error").contains("-5");
        mvc.perform(post("/ladder/targets").with(user(AppUserDetails.of(CITY))).with(csrf())
                        .param("region", "3204").param("year", "2024").param("metric", "NET_INCREASE").param("tier", "HNTE")
                        .param("value", "7"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/ladder/targets").with(user(AppUserDetails.of(LEADER))).with(csrf())
                        .param("region", "3204").param("year", "2024").param("metric", "NET_INCREASE").param("tier", "HNTE")
                        .param("value", "7"))
                .andExpect(status().isForbidden());
    }
}
