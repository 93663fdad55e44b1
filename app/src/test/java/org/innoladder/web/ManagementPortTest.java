package org.innoladder.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.innoladder.evaluation.EvaluationRuns;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.rules.Rulesets;
import org.innoladder.rules.facts.CreditCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 16, operations: the actuator on a port of its own. Health is open; the Prometheus metrics are for callers
 * from the allowed networks (here loopback only) or with an ADMIN account, and show the application's own meters
 * moving by what an import and an evaluation run did.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0", "management.server.address=0.0.0.0",
        "innoladder.management.allowed-networks=127.0.0.1/32"})
@ActiveProfiles("test")
class ManagementPortTest {
    private static final String PASSWORD = "Secret123";

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    EvaluationRuns evaluations;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String admin;
    String bureau;

    @BeforeEach
    void accounts() {
        long n = System.nanoTime() % 100_000_000L;
        admin = "metrics-admin" + n;
        bureau = "metrics-bureau" + n;
        jdbc.sql("INSERT INTO app_user (username, password_hash, display_name, role) VALUES (?, ?, '指标管理员', 'ADMIN')")
                .params(admin, encoder.encode(PASSWORD)).update();
        jdbc.sql("INSERT INTO app_user (username, password_hash, display_name, role, region_code) VALUES (?, ?, '指标科技局', 'BUREAU', '320412')")
                .params(bureau, encoder.encode(PASSWORD)).update();
    }

    private HttpResponse<String> get(String host, int port, String path, String user) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path)).GET();
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String scrape() throws Exception {
        HttpResponse<String> r = get("127.0.0.1", managementPort, "/actuator/prometheus", null);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /** The sum of a Prometheus series over the lines whose labels include every one of {@code labels}. */
    static double value(String exposition, String metric, String... labels) {
        double sum = 0;
        Matcher m = Pattern.compile("(?m)^" + metric + "\\{([^}]*)\\} (\\S+)$").matcher(exposition);
        while (m.find()) {
            String have = m.group(1);
            if (List.of(labels).stream().allMatch(have::contains)) sum += Double.parseDouble(m.group(2));
        }
        return sum;
    }

    /** This machine's own non-loopback IPv4 address: a request to it comes from outside the loopback network. */
    private static Optional<String> ownAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) continue;
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) return Optional.of(a.getHostAddress());
            }
        }
        return Optional.empty();
    }

    @Test
    void healthIsOpenAndMetricsNeedTheLocalNetworkOrAnAdmin() throws Exception {
        assertThat(get("127.0.0.1", managementPort, "/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get("127.0.0.1", managementPort, "/actuator/prometheus", null).statusCode()).isEqualTo(200);
        // the app's port keeps liveness and readiness for a proxy, and has no metrics
        assertThat(get("127.0.0.1", port, "/livez", null).statusCode()).isEqualTo(200);
        assertThat(get("127.0.0.1", port, "/readyz", null).statusCode()).isEqualTo(200);
        assertThat(get("127.0.0.1", port, "/actuator/prometheus", admin).statusCode()).isEqualTo(404);

        Optional<String> outside = ownAddress();
        assumeTrue(outside.isPresent(), "no non-loopback address to call from");
        String host = outside.get();
        assertThat(get(host, managementPort, "/actuator/health", null).statusCode()).isEqualTo(200);
        HttpResponse<String> anonymous = get(host, managementPort, "/actuator/prometheus", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");
        assertThat(anonymous.body()).doesNotContain("jvm_memory");
        assertThat(get(host, managementPort, "/actuator/prometheus", bureau).statusCode()).isEqualTo(403);
        HttpResponse<String> asAdmin = get(host, managementPort, "/actuator/prometheus", admin);
        assertThat(asAdmin.statusCode()).isEqualTo(200);
        assertThat(asAdmin.body()).contains("jvm_memory_used_bytes", "http_server_requests_seconds_count",
                "hikaricp_connections_active", "innoladder_award_budget_yuan{", "innoladder_credit_pool_yuan{");
    }

    @Test
    void importAndEvaluationMoveTheirCounters() throws Exception {
        String before = scrape();
        long n = System.nanoTime() % 10_000_000L;
        StringBuilder csv = new StringBuilder("credit_code,name,region_code,founded_on,year\n");
        for (int i = 0; i < 3; i++) {
            csv.append(CreditCode.complete("91320412" + String.format("%08d", n * 10 + i))).append(",指标测试").append(n)
                    .append('-').append(i).append("有限公司,320412100,2015-01-01,2024\n");
        }
        csv.append("123,坏代码一有限公司,320412100,2015-01-01,2024\n");
        csv.append("456,坏代码二有限公司,320412100,2015-01-01,2024\n");
        String boundary = "----metrics" + n;
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"metrics" + n + ".csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/imports"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((admin + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);

        String after = before;
        double jobsBefore = value(before, "innoladder_jobs_duration_seconds_count", "kind=\"import\"", "status=\"DONE\"");
        for (int i = 0; i < 600 && value(after, "innoladder_jobs_duration_seconds_count", "kind=\"import\"",
                "status=\"DONE\"") == jobsBefore; i++) {
            Thread.sleep(100);
            after = scrape();
        }
        assertThat(value(after, "innoladder_jobs_duration_seconds_count", "kind=\"import\"", "status=\"DONE\"") - jobsBefore)
                .isEqualTo(1.0);
        assertThat(value(after, "innoladder_import_rows_total", "outcome=\"accepted\"")
                - value(before, "innoladder_import_rows_total", "outcome=\"accepted\"")).isEqualTo(3.0);
        assertThat(value(after, "innoladder_import_rows_total", "outcome=\"rejected\"")
                - value(before, "innoladder_import_rows_total", "outcome=\"rejected\"")).isEqualTo(2.0);
        assertThat(value(after, "innoladder_import_duration_seconds_count", "status=\"COMMITTED\"")
                - value(before, "innoladder_import_duration_seconds_count", "status=\"COMMITTED\"")).isEqualTo(1.0);

        CurrentUser system = new CurrentUser(0, admin, "指标管理员", Role.ADMIN, null, null, null);
        long run = evaluations.run(system, evaluations.check(system, "320412", 2024,
                List.of(Rulesets.list().get(0).ref())), null);
        long evaluated = jdbc.sql("SELECT enterprises FROM evaluation_run WHERE id = ?").param(run).query(Long.class).single();
        assertThat(evaluated).isGreaterThanOrEqualTo(3);
        String afterRun = scrape();
        assertThat(value(afterRun, "innoladder_evaluation_enterprises_total") - value(after, "innoladder_evaluation_enterprises_total"))
                .isEqualTo((double) evaluated);
    }
}
