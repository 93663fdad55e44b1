package org.innoladder.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.innoladder.demo.internal.DemoData;
import org.innoladder.generator.GeneratorSettings;
import org.innoladder.identity.DemoAccounts;
import org.innoladder.policy.PolicyDemo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Finding 6 of issue 9, the requests of the report through a real server (error dispatch included): each answers
 * 400 — on pages the error page naming the parameter, the value and the rule in the user's language, on the API a
 * problem detail — and leaves at most one WARN line in the log, no stack trace, nothing at ERROR. An out-of-scope region is
 * a 400 like any other broken rule ("outside your data scope"), on pages and API alike.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "innoladder.test.context=demo-pages")
@ActiveProfiles("test")
class BadParameterPagesTest {
    @LocalServerPort
    int port;
    @Autowired
    DemoData demo;
    @Autowired
    PolicyDemo policies;
    @Autowired
    JdbcClient jdbc;

    final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent e) {
            if (e.getLevel().isGreaterOrEqual(Level.WARN)) events.add(e);
        }
    };
    Logger root;
    ServerSession wujin;
    ServerSession bureau;

    @BeforeEach
    void demoAndSession() throws Exception {
        demo.ensureLoaded(new GeneratorSettings(120, 2023, 2024, 2026, false));
        policies.ensureLoaded(2023, 2024);
        wujin = ServerSession.signIn(port, "wujin", DemoAccounts.PASSWORD);
        bureau = ServerSession.signIn(port, "bureau", DemoAccounts.PASSWORD);
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void detach() {
        root.detachAppender(appender);
    }

    /** The page answers 400 naming parameter and value, and the log has one WARN line and no ERROR. */
    private void badPage(String path, String parameter, String value) throws Exception {
        badPage(wujin, "武进区科技局（演示）", path, parameter, value);
    }

    private void badPage(ServerSession who, String displayName, String path, String parameter, String value) throws Exception {
        events.clear();
        HttpResponse<String> r = who.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(400);
        // the error page, or the page itself where it shows its filters again (the enterprise list)
        assertThat(r.body()).as(path).contains("参数 " + parameter + " 的值“" + value + "”不符合规则：")
                .contains(displayName).doesNotContain("Exception");
        // one WARN line (none where the page shows the rule beside its own form, as the enterprise list does)
        assertThat(events).as("log of " + path).hasSizeLessThanOrEqualTo(1).allSatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getThrowableProxy()).isNull();
            assertThat(e.getFormattedMessage()).contains(parameter).doesNotContain("\n");
        });
    }

    @Test
    void theReportedRequestsAre400PagesNamingTheParameter() throws Exception {
        long policy = jdbc.sql("SELECT policy_id FROM policy_match_run ORDER BY id LIMIT 1").query(Long.class).single();
        long run = jdbc.sql("SELECT id FROM policy_match_run WHERE policy_id = ? ORDER BY id LIMIT 1").param(policy).query(Long.class).single();
        badPage("/ladder?region=abc", "region", "abc");
        badPage("/ladder?region=3205", "region", "3205");
        badPage("/ladder?year=abc", "year", "abc");
        badPage("/ladder?year=99999", "year", "99999");
        badPage("/ladder/pool?tier=HNTE&page=-1", "page", "-1");
        badPage("/ladder/pool?tier=HNTE&page=2147483647", "page", "2147483647");
        badPage("/ladder/pool.xlsx?tier=HNTE&region=3205", "region", "3205");
        badPage("/ladder/transitions?region=3205", "region", "3205");
        badPage("/ladder/transitions?page=x", "page", "x");
        badPage("/ladder/targets?region=3205", "region", "3205");
        badPage("/ladder/targets?year=x", "year", "x");
        badPage("/points?region=3205", "region", "3205");
        badPage("/points?page=2147483647", "page", "2147483647");
        badPage("/points.xlsx?region=x", "region", "x");
        badPage("/policies/" + policy + "/sandbox.xlsx", "period", "");
        // the demo's matching runs are the city's
        badPage(bureau, "常州市科技局（演示）", "/policies/" + policy + "/runs/" + run + "?outcome=BAD", "outcome", "BAD");
        badPage(bureau, "常州市科技局（演示）", "/policies/" + policy + "/runs/" + run + "?page=x", "page", "x");
        badPage(bureau, "常州市科技局（演示）", "/policies/" + policy + "/runs/" + run + "?page=2147483647", "page", "2147483647");
        badPage("/enterprises?page=2147483647", "page", "2147483647");
        badPage("/awards?status=%00", "status", "\\u0000");
        badPage("/enterprises?q=a%00b", "q", "a\\u0000b");
        badPage("/enterprises?q=%C3%28", "q", "%C3%28");
        badPage("/?lang=%3Cx%3E", "lang", "&lt;x&gt;");
    }

    @Test
    void theRuleIsInTheUsersLanguage() throws Exception {
        HttpResponse<String> r = wujin.get("/ladder?region=3205&lang=en");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Parameter &#39;region&#39; = &#39;3205&#39;: the region is outside your data scope (320412)");
        HttpResponse<String> zh = wujin.get("/ladder?region=3205&lang=zh-CN");
        assertThat(zh.body()).contains("参数 region 的值“3205”不符合规则：区划不在您的数据范围（320412）内");
    }

    @Test
    void theApiAnswersProblemDetails() throws Exception {
        for (String[] c : new String[][] {{"/api/v1/ladder/summary?year=2024&region=3205", "region"}, {"/api/v1/enterprises?q=%00", "q"},
                {"/api/v1/enterprises?page=2147483647", "page"}, {"/api/v1/points?year=abc", "year"},
                {"/api/v1/awards?status=%00", "status"}, {"/api/v1/enterprises?q=%C3%28", "q"}}) {
            events.clear();
            HttpResponse<String> r = wujin.send(HttpRequest.newBuilder(wujin.uri(c[0])).header("Accept", "application/json").GET().build());
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
            assertThat(r.body()).as(c[0]).contains("\"parameter\":\"" + c[1] + "\"").contains("\"detailZh\"")
                    .contains("urn:innoladder:problem:bad-parameter");
            assertThat(events).as("log of " + c[0]).hasSize(1).allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
        }
    }
}
