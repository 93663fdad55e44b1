package org.innoladder.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

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
 * Error pages through a real servlet container: MockMvc does not forward to /error, so only a running server
 * shows what a user sees for 404 and 403 (the layout, never a Whitelabel page or a stack trace).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ErrorPagesServerTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;

    ServerSession session;

    @BeforeEach
    void signIn() throws Exception {
        String username = "srv" + System.nanoTime() % 10_000_000;
        jdbc.sql("INSERT INTO app_user (username, password_hash, display_name, role, region_code) VALUES (:u, :h, '错误页测试', 'BUREAU', '3204')")
                .param("u", username).param("h", encoder.encode("Secret123")).update();
        session = ServerSession.signIn(port, username, "Secret123");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return session.get(path);
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
        assertThat(r.body()).contains("您好，错误页测试").contains("常州市及下辖区域").doesNotContain("3204");
    }

    /**
     * Links leave the page as written and the webjars they name are served without a version in the URL: the filter
     * that rewrote every link through the static-resource resolvers (a classpath search per link) is off.
     */
    @Test
    void pageLinksAreNotRewrittenAndWebjarsServeWithoutAVersion() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.body()).contains("src=\"/webjars/htmx.org/dist/htmx.min.js\"").contains("src=\"/webjars/echarts/echarts.min.js\"");
        for (String script : new String[] {"/webjars/htmx.org/dist/htmx.min.js", "/webjars/echarts/echarts.min.js"}) {
            HttpResponse<String> r = get(script);
            assertThat(r.statusCode()).as(script).isEqualTo(200);
            assertThat(r.body().length()).as(script).isGreaterThan(10_000);
        }
    }
}
