package org.innoladder.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.ladder.TargetMetric;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 揭榜挂帅项目数 as a ladder target (the challenge module's {@link TargetMetric}): challenges signed in 2021 (a year no
 * other test signs in) in a 武进 town and a 新北 town, counted by the year of their CONTRACT step in Beijing time,
 * whatever followed; the target's actual on the API, the targets page and the dashboard is the count within the target's
 * region and the caller's scope; the metric takes no tier and the per-tier ones still need one.
 */
@SpringBootTest(properties = "innoladder.test.context=review")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ChallengeTargetTest {
    static final int YEAR = 2021;
    static final AtomicInteger SEQ = new AtomicInteger((int) (System.nanoTime() % 50_000));
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    List<TargetMetric> metrics;

    @Test
    void aTargetOnChallengeProjectsShowsTheProjectsSignedInTheYearWithinTheRegionAndScope() throws Exception {
        String town = jdbc.sql("SELECT code FROM region WHERE code LIKE '320412___' ORDER BY code OFFSET 2 LIMIT 1").query(String.class).single();
        String otherTown = jdbc.sql("SELECT code FROM region WHERE code LIKE '320411___' ORDER BY code OFFSET 2 LIMIT 1").query(String.class).single();
        CurrentUser wujin = account(Role.BUREAU, "320412"), city = account(Role.BUREAU, "3204"), otherTownUser = account(Role.TOWN, otherTown);

        challenge(town, "CONTRACTED", "2021-03-01T10:00:00+08:00");
        challenge(town, "ACCEPTED", "2021-12-31T23:30:00+08:00");   // still 2021 in Beijing (15:30 UTC)
        challenge(town, "TERMINATED", "2021-06-15T09:00:00+08:00"); // signed in 2021, terminated later: still organised that year
        challenge(town, "CONTRACTED", "2022-01-01T00:30:00+08:00"); // 2021-12-31 16:30 UTC, but 2022 in Beijing
        challenge(town, "PUBLICITY", null);                         // not signed
        challenge(otherTown, "CONTRACTED", "2021-05-01T10:00:00+08:00");

        // a 武进 officer's target on the town: 3 signed there in 2021; no forecast model, so the forecast is the actual
        JsonNode row = JSON.readTree(set(wujin, town, "challenge_projects", null, 5).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(row.get("metric").asString()).isEqualTo("CHALLENGE_PROJECTS");
        assertThat(row.get("tier").isNull()).isTrue();
        assertThat(row.get("unit").asString()).isEqualTo("projects");
        assertThat(row.get("actual").asLong()).isEqualTo(3);
        assertThat(row.get("forecast").asDouble()).isEqualTo(3.0);
        assertThat(row.get("progressPercent").asDouble()).isEqualTo(60.0);
        assertThat(row.get("status").asString()).isEqualTo("AT_RISK");
        // the city's target counts both districts' towns: 4
        JsonNode cityRow = JSON.readTree(set(city, "3204", "CHALLENGE_PROJECTS", "", 4).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(cityRow.get("actual").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(cityRow.get("actual").asLong()).isEqualTo(count("3204"));

        // the metric itself counts within the caller's scope: the other town's user sees its own one, never the 武进 ones
        TargetMetric metric = metrics.stream().filter(m -> m.code().equals("CHALLENGE_PROJECTS")).findFirst().orElseThrow();
        assertThat(metric.actual(otherTownUser, null, YEAR)).isEqualTo(1);
        assertThat(metric.actual(wujin, town, YEAR)).isEqualTo(3);
        assertThat(metric.actual(wujin, town, YEAR + 1)).isEqualTo(1);
        assertThat(metric.actual(new CurrentUser(1, "e", "e", Role.ENTERPRISE, null, 1L, null), null, YEAR)).isZero();

        // errors name the field, the value and the rule; out of the write scope is refused
        assertThat(set(wujin, town, "CHALLENGE_PROJECTS", "HNTE", 5).andExpect(status().isBadRequest()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("\"parameter\":\"tier\"", "HNTE");
        assertThat(set(wujin, town, "RECOGNISED_TOTAL", "", 5).andExpect(status().isBadRequest()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("\"parameter\":\"tier\"");
        assertThat(set(wujin, town, "PROJECTS", null, 5).andExpect(status().isBadRequest()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("\"parameter\":\"metric\"", "CHALLENGE_PROJECTS");
        set(wujin, otherTown, "CHALLENGE_PROJECTS", null, 5).andExpect(status().isForbidden());

        // the targets page and the leaders' dashboard show it with its unit and no tier
        String targets = page("/ladder/targets?year=" + YEAR + "&region=" + town, wujin);
        assertThat(targets).contains("揭榜挂帅项目数（年内签约）", "—（不分梯度）", "3 个", "5 个");
        String dashboard = page("/dashboard?year=" + YEAR + "&region=" + town, wujin);
        assertThat(dashboard).contains("id=\"targets-section\"", "揭榜挂帅项目数（年内签约）", "3 个", "5 个", "60.0%");
        assertThat(page("/dashboard?year=" + YEAR + "&region=" + otherTown, otherTownUser)).doesNotContain("揭榜挂帅项目数（年内签约）");
    }

    long count(String region) {
        return jdbc.sql("""
                SELECT count(DISTINCT c.id) FROM challenge c JOIN challenge_event ev ON ev.challenge_id = c.id AND ev.action = 'CONTRACT'
                WHERE c.region_code LIKE ? AND ev.at >= TIMESTAMPTZ '2021-01-01 00:00+08' AND ev.at < TIMESTAMPTZ '2022-01-01 00:00+08'""")
                .params(region + "%").query(Long.class).single();
    }

    ResultActions set(CurrentUser u, String region, String metric, String tier, long value) throws Exception {
        String body = "{\"region\":\"%s\",\"year\":%d,\"metric\":\"%s\",%s\"value\":%d}".formatted(region, YEAR, metric,
                tier == null ? "" : "\"tier\":\"" + tier + "\",", value);
        return mvc.perform(put("/api/v1/ladder/targets").with(user(AppUserDetails.of(u))).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    String page(String url, CurrentUser u) throws Exception {
        return mvc.perform(get(url).with(user(AppUserDetails.of(u)))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    CurrentUser account(Role role, String region) {
        String name = "ct_" + role.name().toLowerCase() + SEQ.incrementAndGet();
        long id = jdbc.sql("INSERT INTO app_user (username, password_hash, display_name, role, region_code) VALUES (?, 'x', ?, ?, ?) RETURNING id")
                .params(name, name, role.name(), region).query(Long.class).single();
        return new CurrentUser(id, name, name, role, region, null, null);
    }

    /** A challenge in {@code status}, signed at {@code contractAt} (null: never signed). */
    void challenge(String region, String status, String contractAt) {
        long id = jdbc.sql("""
                INSERT INTO challenge (title, problem, indicators, field, region_code, issuer_name, issuer_funding_yuan,
                                       government_funding_yuan, deadline, status)
                VALUES ('目标测试榜单', '问题', '指标', '智能制造', ?, '某企业', 100000, 50000, DATE '2021-01-31', ?) RETURNING id""")
                .params(region, status).query(Long.class).single();
        if (contractAt != null) {
            jdbc.sql("INSERT INTO challenge_event (challenge_id, at, action, from_status, to_status) VALUES (?, ?, 'CONTRACT', 'PUBLICITY', 'CONTRACTED')")
                    .params(id, OffsetDateTime.parse(contractAt)).update();
        }
    }
}
