package org.innoladder.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;

import org.innoladder.rules.facts.CreditCode;
import org.innoladder.web.ServerSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;

/**
 * Finding 5 of issue 9, through a real server with real session cookies: CSRF protects every session-authenticated
 * request, and the API's exemption holds only for a request that HTTP Basic actually authenticated. The write under
 * test is the one the attack used: {@code POST /api/v1/ladder/town/{code}/visits}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CsrfServerTest {
    private static final String PASSWORD = "Secret123";
    private static final String VISIT = "{\"visitedOn\":\"2024-05-01\",\"summary\":\"走访\"}";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;

    String username;
    long enterpriseId;
    String code;
    ServerSession session;

    @BeforeEach
    void bureauWithAnEnterpriseInScope() throws Exception {
        long n = System.nanoTime() % 100_000_000L;
        username = "csrf" + n;
        jdbc.sql("INSERT INTO app_user (username, password_hash, display_name, role, region_code) VALUES (?, ?, 'CSRF 测试', 'BUREAU', '320412')")
                .params(username, encoder.encode(PASSWORD)).update();
        code = CreditCode.complete("91320412" + String.format("%08d", n));
        enterpriseId = jdbc.sql("INSERT INTO enterprise (credit_code, name, region_code, founded_on) VALUES (?, ?, '320412100', ?) RETURNING id")
                .params(code, "跨站测试" + n + "有限公司", LocalDate.of(2015, 1, 1)).query(Long.class).single();
        session = ServerSession.signIn(port, username, PASSWORD);
    }

    private HttpRequest.Builder visit() {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ladder/town/" + code + "/visits"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(VISIT));
    }

    private long visits() {
        return jdbc.sql("SELECT count(*) FROM town_visit WHERE enterprise_id = ?").param(enterpriseId).query(Long.class).single();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBogusBearerTokenBesideTheSessionIs401AndWritesNothing() throws Exception {
        // Bearer is an API credential (bank API tokens): the token alone decides, the session beside it is not read
        HttpResponse<String> r = session.send(visit().header("Authorization", "Bearer x").build());
        assertThat(r.statusCode()).isEqualTo(401);
        HttpResponse<String> withToken = session.send(visit().header("Authorization", "Bearer x")
                .header("X-CSRF-TOKEN", session.csrfToken()).build());
        assertThat(withToken.statusCode()).isEqualTo(401);
        assertThat(visits()).isZero();
    }

    @Test
    void aBadBasicHeaderBesideTheSessionIs401AndWritesNothing() throws Exception {
        HttpResponse<String> garbage = session.send(visit().header("Authorization", "Basic garbage").build());
        assertThat(garbage.statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = session.send(visit().header("Authorization", basic(username, "wrong-password")).build());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate").orElse("")).contains("Basic");
        // even with the session's CSRF token: the Basic credentials decide, and they are wrong
        HttpResponse<String> withToken = session.send(visit().header("Authorization", basic(username, "wrong-password"))
                .header("X-CSRF-TOKEN", session.csrfToken()).build());
        assertThat(withToken.statusCode()).isEqualTo(401);
        assertThat(visits()).isZero();
    }

    @Test
    void validBasicWithoutASessionWorksWithoutCsrfAndStartsNoSession() throws Exception {
        HttpClient fresh = HttpClient.newHttpClient();
        HttpResponse<String> r = fresh.send(visit().header("Authorization", basic(username, PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().allValues("Set-Cookie")).as("stateless").noneMatch(c -> c.startsWith("JSESSIONID"));
        assertThat(visits()).isEqualTo(1);
    }

    @Test
    void theSessionWithItsCsrfTokenWorksAndWithoutItIsRefused() throws Exception {
        assertThat(session.send(visit().build()).statusCode()).isEqualTo(403);
        assertThat(visits()).isZero();
        HttpResponse<String> r = session.send(visit().header("X-CSRF-TOKEN", session.csrfToken()).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(visits()).isEqualTo(1);
    }

    @Test
    void everyAnswerCarriesTheContentSecurityPolicyAndReferrerPolicy() throws Exception {
        for (HttpResponse<String> r : new HttpResponse[] {session.get("/"), session.get("/login"),
                session.send(visit().header("Authorization", basic(username, PASSWORD)).build())}) {
            assertThat(r.headers().firstValue("Content-Security-Policy").orElse(""))
                    .contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-eval");
            assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
            assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
    }
}
