package org.innoladder.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;

/**
 * Error pages through a real servlet container: MockMvc does not forward to /error, so only a running server
 * shows what a user sees for 404 and 403 (the layout, never a Whitelabel page or a stack trace).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ErrorPagesServerTest {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;

    HttpClient browser;
    String username;

    @BeforeEach
    void signIn() throws Exception {
        username = "srv" + System.nanoTime() % 10_000_000;
        jdbc.sql("INSERT INTO app_user (username, password_hash, display_name, role, region_code) VALUES (:u, :h, '错误页测试', 'BUREAU', '3204')")
                .param("u", username).param("h", encoder.encode("Secret123")).update();
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String page = get("/login").body();
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("CSRF field on the login page").isTrue();
        String form = "username=" + username + "&password=Secret123&_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).endsWith("/");
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void unknownPageIsA404InTheLayout() throws Exception {
        HttpResponse<String> r = get("/no-such-page");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("未找到该页面或无权访问").contains("科创梯度培育平台").contains("错误页测试")
                .doesNotContain("Whitelabel").doesNotContain("Exception");
    }

    @Test
    void adminPageIsA403InTheLayoutForABureauUser() throws Exception {
        HttpResponse<String> r = get("/admin/users");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("无权访问").doesNotContain("Whitelabel");
    }

    @Test
    void homePageAfterRealLogin() throws Exception {
        HttpResponse<String> r = get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("您好，错误页测试").contains("常州市（3204）");
    }
}
