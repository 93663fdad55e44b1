package org.innoladder.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.innoladder.rules.facts.CreditCode;
import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.MutableClock;
import org.innoladder.identity.Role;
import org.innoladder.ladder.town.TownWorkService;
import org.innoladder.ladder.town.TownWorkService.Action;
import org.innoladder.ladder.town.TownWorkService.Line;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Town work over real PostgreSQL with a clock the test moves: assignment, visits, plan actions, overdue flags, scope
 * (another town's enterprise is 404), LEADER read-only (403) and the audit trail.
 */
@SpringBootTest(properties = "innoladder.test.context=targets")
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(TownWorkTest.TestClock.class)
class TownWorkTest {
    static final String HUTANG = "320412100";
    static final String NIUTANG = "320412102";
    // X 湖塘: a registered TSME, HNTE UNDETERMINED for 2024 (HNTE pool); Y 牛塘: no evaluation
    static final String X = CreditCode.complete("91320412" + "49000001"), Y = CreditCode.complete("91320412" + "49000002");

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        MutableClock townClock() {
            return new MutableClock(Instant.parse("2026-03-02T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
        }
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TownWorkService town;
    @Autowired
    MutableClock clock;
    @Autowired
    MockMvc mvc;

    CurrentUser hutang, niutang, wujin, leader;

    @BeforeEach
    void data() {
        String[][] regions = {{"32", "江苏省", "province", null}, {"3204", "常州市", "city", "32"},
                {"320412", "武进区", "county", "3204"}, {HUTANG, "湖塘镇", "town", "320412"}, {NIUTANG, "牛塘镇", "town", "320412"}};
        for (String[] r : regions) {
            jdbc.sql("INSERT INTO region (code, name, level, parent_code) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(r[0], r[1], r[2], r[3]).update();
        }
        hutang = appUser("tw_hutang", Role.TOWN, HUTANG);
        niutang = appUser("tw_niutang", Role.TOWN, NIUTANG);
        wujin = appUser("tw_wujin", Role.BUREAU, "320412");
        leader = appUser("tw_leader", Role.LEADER, "3204");
        if (jdbc.sql("SELECT count(*) FROM enterprise WHERE credit_code = ?").param(X).query(Long.class).single() > 0) return;
        long x = jdbc.sql("INSERT INTO enterprise (credit_code, name, region_code, founded_on) VALUES (?, '挂钩甲公司', ?, DATE '2015-03-01') RETURNING id")
                .params(X, HUTANG).query(Long.class).single();
        jdbc.sql("INSERT INTO enterprise (credit_code, name, region_code, founded_on) VALUES (?, '挂钩乙公司', ?, DATE '2015-03-01')").params(Y, NIUTANG).update();
        long run = jdbc.sql("""
                INSERT INTO evaluation_run (year, rulesets, status, started_by) VALUES (2024, '{hnte@2016}', 'DONE', 'test')
                RETURNING id""").query(Long.class).single();
        jdbc.sql("""
                INSERT INTO evaluation_result (run_id, enterprise_id, year, ruleset_id, ruleset_version, outcome)
                VALUES (?, ?, 2024, 'hnte', '2016', 'UNDETERMINED')""")
                .params(run, x).update();
        jdbc.sql("""
                INSERT INTO recognition (enterprise_id, kind, certificate_no, issued_on, expires_on, source)
                VALUES (?, 'TSME', 'TSME-TW-X', DATE '2024-04-01', DATE '2024-12-31', 'test')""").param(x).update();
    }

    CurrentUser appUser(String username, Role role, String region) {
        long id = jdbc.sql("""
                INSERT INTO app_user (username, password_hash, display_name, role, region_code) VALUES (?, 'x', ?, ?, ?)
                ON CONFLICT (username) DO UPDATE SET region_code = EXCLUDED.region_code RETURNING id""")
                .params(username, username + "名", role.name(), region).query(Long.class).single();
        return new CurrentUser(id, username, username + "名", role, region, null, null);
    }

    long audits(String actor, String action, String target) {
        return jdbc.sql("SELECT count(*) FROM audit_log WHERE actor = ? AND action = ? AND target = ?")
                .params(actor, action, target).query(Long.class).single();
    }

    @Test
    void townUserAssignsLogsAndPlansWithinItsTown() {
        town.assign(hutang, X, "tw_hutang", "127.0.0.1");
        town.visit(hutang, X, town.today().toString(), "了解研发投入归集情况", "协助准备高企申报材料", null);
        Action a = town.addAction(hutang, X, "完善研发费用辅助账", "财务负责人", town.today().plusDays(30).toString(), null);
        assertThat(a.overdue()).isFalse();
        List<Line> mine = town.mine(hutang);
        assertThat(mine).extracting(l -> l.enterprise().creditCode()).containsExactly(X);
        Line line = mine.get(0);
        assertThat(line.pool()).extracting(TownWorkService.PoolReason::tier).containsExactly("HNTE");
        assertThat(line.pool().get(0).reason()).isEqualTo("UNDETERMINED");
        assertThat(line.lastVisit()).isEqualTo(town.today());
        assertThat(line.openActions()).isEqualTo(1);
        assertThat(town.mine(niutang)).as("assigned to another assistant").extracting(l -> l.enterprise().creditCode()).doesNotContain(X);
        assertThat(town.mine(wujin)).extracting(l -> l.enterprise().creditCode()).contains(X);
        assertThat(audits("tw_hutang", "ladder.town.assign", "enterprise:" + X)).isPositive();
        assertThat(audits("tw_hutang", "ladder.town.visit", "enterprise:" + X)).isPositive();
        assertThat(audits("tw_hutang", "ladder.town.action.add", "enterprise:" + X)).isPositive();
    }

    @Test
    void anotherTownsEnterpriseIsNotFound() throws Exception {
        assertThatThrownBy(() -> town.work(hutang, Y)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> town.assign(hutang, Y, "tw_hutang", null)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> town.visit(hutang, Y, town.today().toString(), "x", null, null)).isInstanceOf(NotFoundException.class);
        mvc.perform(get("/api/v1/ladder/town/" + Y).with(user(AppUserDetails.of(hutang)))).andExpect(status().isNotFound());
        mvc.perform(put("/api/v1/ladder/town/" + Y + "/assignment").with(user(AppUserDetails.of(hutang))).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"assistant\":\"tw_hutang\"}")).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/ladder/town/" + Y + "/visits").with(user(AppUserDetails.of(hutang))).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"visitedOn\":\"2026-03-01\",\"summary\":\"x\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/ladder/town/" + Y).with(user(AppUserDetails.of(hutang)))).andExpect(status().isNotFound());
        mvc.perform(get("/ladder/town/" + Y).with(user(AppUserDetails.of(niutang)))).andExpect(status().isOk());
        // an assistant must cover the enterprise's town
        assertThatThrownBy(() -> town.assign(wujin, X, "tw_niutang", null)).isInstanceOfSatisfying(BadParameterException.class,
                e -> assertThat(e.messageZh()).contains("assistant").contains("tw_niutang"));
    }

    @Test
    void leaderReadsOnly() throws Exception {
        assertThatThrownBy(() -> town.visit(leader, X, town.today().toString(), "x", null, null)).isInstanceOf(AccessDeniedException.class);
        mvc.perform(get("/api/v1/ladder/town/" + X).with(user(AppUserDetails.of(leader)))).andExpect(status().isOk());
        mvc.perform(put("/api/v1/ladder/town/" + X + "/assignment").with(user(AppUserDetails.of(leader))).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"assistant\":\"tw_hutang\"}")).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/ladder/town/" + X + "/actions").with(user(AppUserDetails.of(leader))).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"description\":\"x\",\"owner\":\"y\",\"dueOn\":\"2026-04-01\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/ladder/town/" + X + "/visit").with(user(AppUserDetails.of(leader))).with(csrf())
                .param("visitedOn", "2026-03-01").param("summary", "x")).andExpect(status().isForbidden());
        String page = mvc.perform(get("/ladder/town/" + X).with(user(AppUserDetails.of(leader))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("挂钩甲公司").doesNotContain("visit-form").doesNotContain("action-form");
    }

    @Test
    void actionsBecomeOverdueAsTheClockMoves() throws Exception {
        town.assign(wujin, Y, "tw_niutang", null);
        LocalDate due = town.today().plusDays(1);
        Action a = town.addAction(niutang, Y, "申报科技型中小企业评价", "企业联系人", due.toString(), null);
        assertThat(a.overdue()).isFalse();
        clock.advance(Duration.ofDays(1));
        assertThat(town.work(niutang, Y).actions()).filteredOn(x -> x.id() == a.id()).extracting(Action::overdue)
                .as("due today is not yet overdue").containsExactly(false);
        clock.advance(Duration.ofDays(1));
        assertThat(town.work(niutang, Y).actions()).filteredOn(x -> x.id() == a.id()).extracting(Action::overdue).containsExactly(true);
        assertThat(town.mine(niutang).get(0).overdueActions()).isPositive();
        String page = mvc.perform(get("/ladder/town/" + Y).with(user(AppUserDetails.of(niutang))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("action-" + a.id()).contains("已逾期");
        mvc.perform(post("/api/v1/ladder/town/" + Y + "/actions/" + a.id() + "/done").with(user(AppUserDetails.of(niutang))).with(csrf()))
                .andExpect(status().isOk());
        Action done = town.work(niutang, Y).actions().stream().filter(x -> x.id() == a.id()).findFirst().orElseThrow();
        assertThat(done.overdue()).isFalse();
        assertThat(done.doneOn()).isEqualTo(town.today());
        assertThat(audits("tw_niutang", "ladder.town.action.done", "enterprise:" + Y)).isPositive();
        assertThatThrownBy(() -> town.done(niutang, Y, a.id(), null)).as("already done").isInstanceOf(NotFoundException.class);
    }

    @Test
    void validationNamesFieldValueAndRule() throws Exception {
        assertThatThrownBy(() -> town.visit(hutang, X, town.today().plusDays(1).toString(), "x", null, null))
                .isInstanceOfSatisfying(BadParameterException.class, e -> assertThat(e.parameter()).isEqualTo("visitedOn"));
        assertThatThrownBy(() -> town.visit(hutang, X, town.today().toString(), " ", null, null))
                .isInstanceOfSatisfying(BadParameterException.class, e -> assertThat(e.parameter()).isEqualTo("summary"));
        assertThatThrownBy(() -> town.addAction(hutang, X, "x", "y", "2026-13-01", null))
                .isInstanceOfSatisfying(BadParameterException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("dueOn");
                    assertThat(e.messageZh()).contains("2026-13-01").contains("YYYY-MM-DD");
                });
        String page = mvc.perform(post("/ladder/town/" + X + "/visit").with(user(AppUserDetails.of(hutang))).with(csrf())
                        .param("visitedOn", "2026-03-01").param("summary", ""))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("town-error").contains("summary");
        mvc.perform(post("/api/v1/ladder/town/" + X + "/actions").with(user(AppUserDetails.of(hutang))).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"description\":\"x\",\"owner\":\"y\",\"dueOn\":\"soon\"}"))
                .andExpect(status().isBadRequest());
    }
}
