package org.innoladder.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.innoladder.InnoLadderApplication;
import org.innoladder.demo.internal.DemoData;
import org.innoladder.generator.GeneratorSettings;
import org.innoladder.identity.DemoAccounts;
import org.innoladder.policy.PolicyDemo;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Finding 6 of issue 9 as a property: no value of any parameter of any page or endpoint makes the server fail.
 * Every GET, POST and PUT handler is read from Spring's {@link RequestMappingHandlerMapping} of a running server
 * (its own embedded database with a small demo data set, demo policies and the demo accounts), and each of its path
 * variables and query/form parameters gets generated hostile values — empty, huge and negative numbers, NUL,
 * other control characters, unicode, SQL-ish text, very long strings, bad dates, bad enum names, mixed with valid
 * values so that checks further down are reached — sent by each demo role through the real HTTP stack with its
 * session's CSRF token. Any 5xx, and any ERROR logged meanwhile, fails.
 *
 * <p>One try of {@link #noHostileValueMakesAServerError} sends one request to every handler (so the tries are the
 * tries per handler), each handler with other values and another role; {@code -Dfuzz.tries=N} changes how many
 * and {@code -Dfuzz.seed=S} replays a reported failure. {@link #classicHostileValuesOnEveryParameter} sends
 * a fixed list of classic bad values to every parameter of every handler, as the administrator.
 */
class HostileParametersFuzzTest {
    static final List<String> ROLES = List.of("admin", "bureau", "wujin", "town", "enterprise", "bank", "expert", "leader", "solver");
    /** Classic bad input, drawn among the generated values. */
    static final List<String> CLASSIC = List.of("", " ", "abc", "-1", "0", "2147483647", "2147483648", "-2147483649",
            "9223372036854775808", "99999999999999999999", "1e309", "NaN", "\u0000", "a\u0000b", "\u0001\u001f", "\t\r\n",
            "中文", "😀", "\uFEFF", "\u202E", "ＡＢＣ", "' OR '1'='1", "1; DROP TABLE enterprise;--", "%", "_", "\\", "../..",
            "<script>alert(1)</script>", "x".repeat(3000), "9".repeat(400), "2024-13-01", "2024-02-30", "0000-00-00",
            "99999-01-01", "qualified", "NOT_A_STATUS", "HNTE ", "null", "true", "[]", "{}");
    /** The sweep's short list: one of each kind, every parameter of every handler meets each. */
    static final List<String> SWEEP = List.of("", " ", "abc", "-1", "99999999999999999999", "2147483647", "a\u0000b", "中文😀\u202E",
            "' OR '1'='1", "x".repeat(3000), "2024-13-01", "NOT_A_STATUS", "%_\\");
    /** Values that pass the first check, so the next ones are reached. */
    static final List<String> PLAUSIBLE = List.of("1", "2", "3", "2023", "2024", "2025", "1990", "2100", "3204", "320412",
            "320412100", "32", "3205", "HNTE", "TSME", "GAZELLE", "QUALIFIED", "NOT_QUALIFIED", "UNDETERMINED", "ELIGIBLE",
            "NEAR", "MATCHED", "TOWN_REVIEWED", "HOLDING", "POOL", "CHANGE", "NEW", "tsme", "hnte@2016", "tiers",
            "children", "50", "200", "201", "en", "zh-CN");

    private static ConfigurableApplicationContext app;
    private static int port;
    private static List<Endpoint> endpoints;
    private static final Map<String, ServerSession> sessions = new LinkedHashMap<>();
    private static final List<String> plausible = new ArrayList<>(PLAUSIBLE);
    private static final List<String> errorsLogged = new CopyOnWriteArrayList<>();
    private static final Set<String> covered = ConcurrentHashMap.newKeySet();
    private static final Map<String, long[]> timeByHandler = new ConcurrentHashMap<>();
    private static Logger root;
    private static AppenderBase<ILoggingEvent> errorCatcher;

    @BeforeAll
    static void startServer() throws Exception {
        // arguments, not default properties: application.yml's port 8080 would win over a default
        app = new SpringApplicationBuilder(InnoLadderApplication.class).profiles("test")
                .run("--server.port=0", "--innoladder.test.context=hostile-parameters");
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
        app.getBean(DemoData.class).ensureLoaded(new GeneratorSettings(120, 2023, 2024, 2026, false));
        app.getBean(PolicyDemo.class).ensureLoaded(2023, 2024);
        app.getBean(org.innoladder.review.ReviewDemo.class).ensureLoaded(2024);
        app.getBean(org.innoladder.challenge.ChallengeDemo.class).ensureLoaded();
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        plausible.addAll(jdbc.sql("SELECT credit_code FROM enterprise ORDER BY id LIMIT 3").query(String.class).list());
        // Spring Boot's own error page (GET /error) answers 500 when asked directly, outside an error: by design
        endpoints = Endpoint.all(app.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class)).stream()
                .filter(e -> !e.pattern().equals("/error")).toList();
        for (String role : ROLES) sessions.put(role, ServerSession.signIn(port, role, DemoAccounts.PASSWORD));
        errorCatcher = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                if (e.getLevel().isGreaterOrEqual(Level.ERROR)) errorsLogged.add(e.getLoggerName() + ": " + e.getFormattedMessage());
            }
        };
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        errorCatcher.setContext(root.getLoggerContext());
        errorCatcher.start();
        root.addAppender(errorCatcher);
        System.out.println("hostile-parameter test: " + endpoints.size() + " handlers, "
                + endpoints.stream().mapToInt(Endpoint::parameterCount).sum() + " parameters");
    }

    @AfterAll
    static void stopServer() {
        if (root != null) root.detachAppender(errorCatcher);
        System.out.println("hostile-parameter test: " + covered.size() + " of " + (endpoints == null ? 0 : endpoints.size())
                + " handlers exercised; slowest (requests, ms):");
        timeByHandler.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(8)
                .forEach(e -> System.out.println("  " + e.getKey() + " " + e.getValue()[0] + " " + e.getValue()[1] / 1_000_000));
        if (app != null) app.close();
    }

    /** One try: every handler once, each with its own role and values drawn from the try's values. */
    record Try(int roleOffset, List<String> values) {
        static Try draw(HostileValues v) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < 13; i++) {
                values.add(v.oneOf(
                        g -> g.pick(CLASSIC),
                        g -> g.pick(plausible),
                        g -> g.text('\u0000', '\uffff', 24),
                        g -> g.text('\u0000', '\u007f', 16),
                        g -> g.textOf("0123456789-+.eE ", 1, 22),
                        g -> String.valueOf(g.nextInt()),
                        g -> String.valueOf(g.nextLong()),
                        g -> g.textOf("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", 500, 2500),
                        g -> g.between(1, 9999) + "-" + g.between(0, 99) + "-" + g.between(0, 39)));
            }
            return new Try(v.index(ROLES.size()), values);
        }
    }

    /**
     * {@code -Dfuzz.tries=N} tries (default 10), each sending one request to every handler with values drawn from
     * a seeded generator; a failure names the seed, and {@code -Dfuzz.seed=S} replays it.
     */
    @Test
    void noHostileValueMakesAServerError() throws Exception {
        long seed = HostileValues.seed();
        HostileValues generator = new HostileValues(seed);
        for (int i = 0, tries = HostileValues.tries(10); i < tries; i++) {
            Try t = Try.draw(generator);
            errorsLogged.clear();
            List<String> failures = new ArrayList<>();
            for (int e = 0; e < endpoints.size(); e++) {
                Endpoint endpoint = endpoints.get(e);
                String role = ROLES.get((t.roleOffset() + e) % ROLES.size());
                Map<String, String> values = new LinkedHashMap<>();
                int k = 0;
                List<String> names = names(endpoint);
                // a quarter of the requests also carry a language switch (?lang=, read by an interceptor before any handler)
                if ((e + t.roleOffset()) % 4 == 0) names.add("lang");
                for (String name : names) values.put(name, t.values().get((e * 5 + k++) % t.values().size()));
                check(endpoint, role, values, failures);
            }
            assertThat(failures).as("5xx answers (try %d, seed %d)", i, seed).isEmpty();
            assertThat(errorsLogged).as("ERROR log entries (try %d, seed %d)", i, seed).isEmpty();
        }
    }

    @Test
    void classicHostileValuesOnEveryParameter() throws Exception {
        errorsLogged.clear();
        List<String> failures = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            List<String> names = names(endpoint);
            if (names.isEmpty()) {
                check(endpoint, "admin", Map.of(), failures);
                continue;
            }
            for (String name : names) {
                for (String value : SWEEP) {
                    Map<String, String> values = new LinkedHashMap<>();
                    // the other parameters plausible, so this one is the one that is bad
                    for (String other : names) values.put(other, other.equals(name) ? value : plausibleFor(other));
                    check(endpoint, "admin", values, failures);
                }
            }
        }
        assertThat(failures).as("5xx answers").isEmpty();
        assertThat(errorsLogged).as("ERROR log entries").isEmpty();
    }

    private static List<String> names(Endpoint endpoint) {
        List<String> names = new ArrayList<>(endpoint.pathVariables());
        names.addAll(endpoint.parameters());
        names.addAll(endpoint.files());
        return names;
    }

    private static String plausibleFor(String name) {
        return switch (name) {
            case "year", "period", "from", "to" -> "2024";
            case "region", "town", "county" -> "320412";
            case "tier" -> "HNTE";
            case "creditCode" -> plausible.get(PLAUSIBLE.size());
            default -> "1";
        };
    }

    private static void check(Endpoint endpoint, String role, Map<String, String> values, List<String> failures)
            throws IOException, InterruptedException {
        covered.add(endpoint.toString());
        long started = System.nanoTime();
        HttpResponse<String> r = sessions.get(role).send(request(endpoint, sessions.get(role), values));
        long[] time = timeByHandler.computeIfAbsent(endpoint.toString(), k -> new long[2]);
        time[0]++;
        time[1] += System.nanoTime() - started;
        String shown = endpoint + " as " + role + " with " + printable(values);
        if (r.statusCode() >= 500) {
            failures.add(r.statusCode() + " " + shown + ": " + printable(Map.of("body", r.body())));
        }
    }

    static HttpRequest request(Endpoint endpoint, ServerSession session, Map<String, String> values) {
        String path = endpoint.pattern();
        Map<String, String> params = new LinkedHashMap<>(values);
        for (String v : endpoint.pathVariables()) {
            // an empty segment would be another route; the path variable must hold something
            String value = params.remove(v);
            path = path.replace("{" + v + "}", encode(value == null || value.isEmpty() ? "x" : value));
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (String f : endpoint.files()) files.put(f, params.remove(f));
        StringBuilder query = new StringBuilder();
        params.forEach((k, v) -> query.append(query.length() == 0 ? "" : "&").append(encode(k)).append('=').append(encode(v)));

        HttpRequest.Builder b = HttpRequest.newBuilder();
        b.header("X-CSRF-TOKEN", session.csrfToken());
        b.header("Accept", endpoint.isApi() ? "application/json" : "text/html");
        if (endpoint.method().equals("GET")) {
            return b.uri(session.uri(path + (query.length() == 0 ? "" : "?" + query))).GET().build();
        }
        if (!files.isEmpty()) {
            String boundary = "----hostile" + UUID.randomUUID();
            StringBuilder body = new StringBuilder();
            params.forEach((k, v) -> body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                    .append(k).append("\"\r\n\r\n").append(v).append("\r\n"));
            files.forEach((k, v) -> body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                    .append(k).append("\"; filename=\"hostile.csv\"\r\nContent-Type: text/csv\r\n\r\n")
                    .append(v == null ? "" : v).append("\r\n"));
            body.append("--").append(boundary).append("--\r\n");
            return b.uri(session.uri(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .method(endpoint.method(), HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        }
        if (endpoint.jsonBody()) {
            return b.uri(session.uri(path + (query.length() == 0 ? "" : "?" + query))).header("Content-Type", "application/json")
                    .method(endpoint.method(), HttpRequest.BodyPublishers.ofString("{}")).build();
        }
        return b.uri(session.uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .method(endpoint.method(), HttpRequest.BodyPublishers.ofString(query.toString())).build();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String printable(Map<String, String> values) {
        StringBuilder b = new StringBuilder("{");
        values.forEach((k, v) -> {
            String shown = v == null ? "null" : v.length() > 60 ? v.substring(0, 60) + "…(" + v.length() + ")" : v;
            b.append(k).append('=').append(shown.replaceAll("\\p{Cntrl}", "·")).append(", ");
        });
        return b.append('}').toString();
    }
}
