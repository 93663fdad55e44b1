package org.innoladder.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.innoladder.InnoLadderApplication;
import org.innoladder.audit.AuditVerifier;
import org.innoladder.cli.Cli;
import org.innoladder.web.ServerSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * An upgrade: the database of an earlier version (upgrade/baseline.zip, made by upgrade/make-fixture.sh from the
 * commit in upgrade/baseline.commit) is restored at its own schema version, then the current application starts on
 * it — Flyway applies every later migration — and its pages show the old enterprises, results and ladder, with the
 * audit chain still intact. A migration that cannot run over real data of the earlier version fails this test.
 */
@SpringBootTest
@ActiveProfiles("test")
class UpgradeFromBaselineTest {
    @Autowired
    DataSource dataSource;

    @Test
    void theBaselineDatabaseMigratesToTheCurrentSchemaAndThePagesShowItsData() throws Exception {
        HikariDataSource server = (HikariDataSource) dataSource;
        String database = "upgrade_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000;
        String url = server.getJdbcUrl().replaceFirst("/postgres$", "/" + database);
        Path fixture = Files.createTempFile("innoladder-baseline", ".zip");
        try (InputStream in = getClass().getResourceAsStream("/upgrade/baseline.zip")) {
            assertThat(in).as("upgrade/baseline.zip on the test class path").isNotNull();
            Files.copy(in, fixture, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try (Connection c = server.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        List<String> db = List.of("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres");
        try {
            String restored = restore(fixture, db);
            String baselineVersion = version(url);
            assertThat(restored).contains("schema version " + baselineVersion, "audit chain intact");
            String current = version(server.getJdbcUrl());
            assertThat(Integer.parseInt(baselineVersion)).as("the fixture is older than this build")
                    .isLessThan(Integer.parseInt(current));
            long enterprises = count(url, "SELECT count(*) FROM enterprise");
            long results = count(url, "SELECT count(*) FROM evaluation_result");
            long auditEntries = count(url, "SELECT count(*) FROM audit_log");
            assertThat(enterprises).isEqualTo(120);
            assertThat(results).isPositive();
            String creditCode = text(url, "SELECT min(credit_code) FROM enterprise");
            String name = text(url, "SELECT name FROM enterprise WHERE credit_code = '" + creditCode + "'");

            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(InnoLadderApplication.class)
                    .profiles("test").run(concat(db, "--server.port=0", "--logging.level.root=warn"))) {
                assertThat(version(url)).as("every migration applied").isEqualTo(current);
                assertThat(count(url, "SELECT count(*) FROM flyway_schema_history WHERE NOT success")).isZero();
                assertThat(count(url, "SELECT count(*) FROM enterprise")).isEqualTo(enterprises);
                AuditVerifier.Verification v = app.getBean(AuditVerifier.class).verify();
                assertThat(v.intact()).as("audit chain after the upgrade: %s", v.problem()).isTrue();
                assertThat(v.entries()).isGreaterThanOrEqualTo(auditEntries);

                int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
                ServerSession bureau = ServerSession.signIn(port, "bureau", "Demo@2026");
                HttpResponse<String> list = bureau.get("/enterprises?q=" + creditCode);
                assertThat(list.statusCode()).isEqualTo(200);
                assertThat(list.body()).contains("共 1 家企业", name);
                // the stored results of the baseline's evaluation runs (nothing was evaluated since the upgrade)
                HttpResponse<String> file = bureau.get("/enterprises/" + creditCode);
                assertThat(file.statusCode()).isEqualTo(200);
                assertThat(file.body()).contains(name).containsPattern("<strong>科技型中小企业评价</strong>\\s*<span>2024</span>");
                // the baseline's ladder snapshot and points, as the leaders' page shows them
                HttpResponse<String> dashboard = bureau.get("/dashboard?region=3204&year=2024");
                assertThat(dashboard.statusCode()).isEqualTo(200);
                assertThat(dashboard.body()).contains("的 " + enterprises + " 家企业计算");
                Matcher holding = Pattern.compile("id=\"fig-HOLDING-TSME\"[^>]*>(\\d+)<").matcher(dashboard.body());
                assertThat(holding.find()).as("the TSME holders on the dashboard").isTrue();
                assertThat(Integer.parseInt(holding.group(1))).isPositive();
            }
        } finally {
            Files.deleteIfExists(fixture);
            try (Connection c = server.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private static String restore(Path fixture, List<String> db) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(concat(db, "restore", "--in", fixture.toString()));
        assertThat(status).as("restore: %s", err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String[] concat(List<String> db, String... first) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(first), db.stream()).toArray(String[]::new);
    }

    private static String version(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL"
                     + " ORDER BY installed_rank DESC LIMIT 1")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String text(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
