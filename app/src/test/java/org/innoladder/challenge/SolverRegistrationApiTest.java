package org.innoladder.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.rules.facts.CreditCode;
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
 * A solver registers through the public API without an account, session or CSRF token; the account stays disabled
 * (HTTP Basic refused) until a bureau officer activates it, then it signs in as a SOLVER. Bad input is a 400 naming
 * the field; the exemption covers this one request only (another anonymous API write is still refused).
 */
@SpringBootTest(properties = "innoladder.test.context=review")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class SolverRegistrationApiTest {
    static final AtomicInteger SEQ = new AtomicInteger((int) (System.nanoTime() % 50_000));
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aSolverRegistersWithoutAnAccountAndSignsInOnceABureauActivatesIt() throws Exception {
        int n = SEQ.incrementAndGet();
        String code = CreditCode.complete("12320400" + String.format("%08d", 60_000_000 + n));
        String username = "apisolver" + n;
        JsonNode created = JSON.readTree(register(code, username, "UNIVERSITY").andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        long solverId = created.get("solverId").asLong();
        assertThat(created.get("status").asString()).isEqualTo("PENDING");
        assertThat(jdbc.sql("SELECT s.status || '/' || u.enabled || '/' || u.role FROM challenge_solver s JOIN app_user u ON u.id = s.user_id WHERE s.id = ?")
                .params(solverId).query(String.class).single()).isEqualTo("PENDING/false/SOLVER");
        // a disabled account does not sign in
        mvc.perform(get("/api/v1/challenges/applications/mine").with(httpBasic(username, "Solver2026x"))).andExpect(status().isUnauthorized());

        // errors name the field: a wrong check digit, the same credit code again, an unknown kind
        String bad = code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0');
        assertThat(body(register(bad, username + "b", "UNIVERSITY").andExpect(status().isBadRequest()))).contains("\"parameter\":\"creditCode\"");
        assertThat(body(register(code, username + "c", "UNIVERSITY").andExpect(status().isBadRequest())))
                .contains("\"parameter\":\"creditCode\"", code);
        assertThat(body(register(CreditCode.complete("12320400" + String.format("%08d", 61_000_000 + n)), username + "d", "COMPANY")
                .andExpect(status().isBadRequest()))).contains("\"parameter\":\"kind\"", "COMPANY");
        // the exemption is this request's alone: another anonymous write stays refused
        mvc.perform(post("/api/v1/challenges").contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isForbidden());

        // a bureau officer activates it: now it signs in as a solver
        CurrentUser officer = officer();
        mvc.perform(post("/api/v1/solvers/" + solverId + "/check").with(user(AppUserDetails.of(officer))).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"activate\":\"true\"}")).andExpect(status().isOk());
        mvc.perform(get("/api/v1/challenges/applications/mine").with(httpBasic(username, "Solver2026x"))).andExpect(status().isOk());
    }

    ResultActions register(String code, String username, String kind) throws Exception {
        String body = JSON.writeValueAsString(java.util.Map.of("creditCode", code, "name", "某理工大学" + username, "kind", kind,
                "contactName", "王老师", "contactPhone", "13800138000", "username", username, "password", "Solver2026x"));
        return mvc.perform(post("/api/v1/public/solvers").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    static String body(ResultActions r) throws Exception {
        return r.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    CurrentUser officer() {
        String name = "sr_bureau" + SEQ.incrementAndGet();
        long id = jdbc.sql("INSERT INTO app_user (username, password_hash, display_name, role, region_code) VALUES (?, 'x', ?, 'BUREAU', '3204') RETURNING id")
                .params(name, name).query(Long.class).single();
        return new CurrentUser(id, name, name, Role.BUREAU, "3204", null, null);
    }
}
