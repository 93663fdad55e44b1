package org.innoladder.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipFile;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.innoladder.audit.AuditTrail;
import org.innoladder.audit.AuditVerifier;
import org.innoladder.cli.Cli;
import org.innoladder.cli.DatabaseContext;
import org.innoladder.demo.internal.DemoData;
import org.innoladder.rules.facts.CreditCode;
import org.innoladder.generator.GeneratorSettings;
import org.innoladder.policy.PolicyDemo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@code innoladder backup} and {@code restore} as an operator runs them, against databases of the test's embedded
 * server: a populated database (a small demo data set with its evaluations, policies and award cases, plus text and
 * bytes that COPY must escape) goes out and comes back with every table's row count and checksum equal, the
 * sequences where they were, the audit chain intact and the application starting on it; a non-empty database is
 * refused, and replaced with {@code --force}.
 */
@SpringBootTest
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupRestoreTest {
    static final String AWKWARD = "tab\there, newline\nhere, backslash \\N \\ quote \" 引号“” and 𝄞";

    @Autowired
    DataSource dataSource;
    HikariDataSource server;
    Path dir;

    String source;
    String restored;
    Path archive;
    Map<String, String> before;
    String schemaVersion;

    @BeforeAll
    void populate() throws Exception {
        server = (HikariDataSource) dataSource;
        dir = Files.createTempDirectory("innoladder-backup-test");
        String suffix = Long.toString(ProcessHandle.current().pid()) + "_" + System.nanoTime() % 100_000;
        source = "backup_src_" + suffix;
        restored = "backup_dst_" + suffix;
        try (Connection c = server.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + source);
            s.execute("CREATE DATABASE " + restored);
        }
        try (ConfigurableApplicationContext ctx = DatabaseContext.start(spring(source))) {
            ctx.getBean(DemoData.class).ensureLoaded(new GeneratorSettings(120, 2021, 2024, 7, false));
            ctx.getBean(PolicyDemo.class).ensureLoaded(2021, 2024);
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            long enterprise = jdbc.sql("SELECT min(id) FROM enterprise").query(Long.class).single();
            long user = jdbc.sql("SELECT min(id) FROM app_user").query(Long.class).single();
            jdbc.sql("INSERT INTO town_visit (enterprise_id, user_id, visited_on, summary, next_steps, created_at)"
                    + " VALUES (?, ?, current_date, ?, NULL, now())").params(enterprise, user, AWKWARD).update();
            byte[] bytes = new byte[256];
            for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) i;
            Long awardCase = jdbc.sql("SELECT min(id) FROM award_case").query(Long.class).single();
            assertThat(awardCase).as("the demo policies open award cases").isNotNull();
            jdbc.sql("INSERT INTO award_material (case_id, file_name, content_type, size_bytes, content, uploaded_at)"
                    + " VALUES (?, 'all-bytes.bin', 'application/octet-stream', 256, ?, now())").params(awardCase, bytes).update();
            ctx.getBean(AuditTrail.class).record("tester", "test.awkward", "x", AWKWARD, "127.0.0.1");
            schemaVersion = jdbc.sql("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL"
                    + " ORDER BY installed_rank DESC LIMIT 1").query(String.class).single();
        }
        before = fingerprint(source);
        archive = dir.resolve("innoladder-backup.zip");
    }

    @Test
    @Order(1)
    void aBackupRestoredIntoAnEmptyDatabaseEqualsTheSourceTableByTable() throws Exception {
        Run backup = cli("backup", "--out", archive.toString());
        assertThat(backup.status()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("backup written", "schema version " + schemaVersion);
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            assertThat(zip.getEntry("manifest.json")).isNotNull();
            assertThat(zip.getEntry("tables/enterprise.copy")).isNotNull();
        }

        Run restore = cli("restore", "--in", archive.toString(), "--spring.datasource.url=" + url(restored));
        assertThat(restore.status()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("restored", "audit chain intact");

        Map<String, String> after = fingerprint(restored);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        for (String table : before.keySet()) assertThat(after.get(table)).as(table).isEqualTo(before.get(table));
        assertThat(before.get("enterprise")).startsWith("120:");
        assertThat(scalar(restored, "SELECT summary FROM town_visit WHERE summary LIKE 'tab%'")).isEqualTo(AWKWARD);
        assertThat(scalar(restored, "SELECT encode(content, 'hex') FROM award_material WHERE file_name = 'all-bytes.bin'"))
                .isEqualTo(scalar(source, "SELECT encode(content, 'hex') FROM award_material WHERE file_name = 'all-bytes.bin'"));
    }

    @Test
    @Order(2)
    void theApplicationStartsOnTheRestoredDatabaseAndContinuesItsSequencesAndAuditChain() {
        try (ConfigurableApplicationContext ctx = DatabaseContext.start(spring(restored))) {
            AuditVerifier.Verification v = ctx.getBean(AuditVerifier.class).verify();
            assertThat(v.intact()).as(v.problem()).isTrue();
            long entries = v.entries();
            // a new entry takes the next id of the restored sequence and chains onto the restored head
            ctx.getBean(AuditTrail.class).record("tester", "test.after-restore", null, null, "127.0.0.1");
            AuditVerifier.Verification next = ctx.getBean(AuditVerifier.class).verify();
            assertThat(next.intact()).as(next.problem()).isTrue();
            assertThat(next.entries()).isEqualTo(entries + 1);
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            long maxEnterprise = jdbc.sql("SELECT max(id) FROM enterprise").query(Long.class).single();
            long inserted = jdbc.sql("INSERT INTO enterprise (credit_code, name, region_code, founded_on) VALUES (?, '恢复后新增', '320412', DATE '2020-01-01') RETURNING id")
                    .param(CreditCode.complete("91320412MA000001")).query(Long.class).single();
            assertThat(inserted).isGreaterThan(maxEnterprise);
        }
    }

    @Test
    @Order(3)
    void aRestoreIntoANonEmptyDatabaseIsRefusedAndChangesNothing() throws Exception {
        Run refused = cli("restore", "--in", archive.toString());
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("the database is not empty", "schema version " + schemaVersion, "120 enterprises", "--force");
        assertThat(fingerprint(source)).isEqualTo(before);
    }

    @Test
    @Order(4)
    void aRestoreIsRefusedWhileAnotherSessionUsesTheDatabase() throws Exception {
        String empty = "backup_busy_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000;
        try (Connection c = server.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + empty);
        }
        try (Connection other = DriverManager.getConnection(url(empty), "postgres", "postgres")) {
            Run refused = cli("restore", "--in", archive.toString(), "--spring.datasource.url=" + url(empty));
            assertThat(refused.status()).isEqualTo(1);
            assertThat(refused.err()).contains("other session(s) are connected", "stop the application");
        }
        assertThat(scalar(empty, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo("0");
    }

    @Test
    @Order(5)
    void forceReplacesEverythingInANonEmptyDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(url(source), "postgres", "postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE stray (x int)");
            s.execute("UPDATE enterprise SET name = name || '（已改）'");
        }
        Run forced = cli("restore", "--in", archive.toString(), "--force");
        assertThat(forced.status()).as(forced.err()).isZero();
        assertThat(fingerprint(source)).isEqualTo(before);
        assertThat(scalar(source, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = 'stray'")).isEqualTo("0");
    }

    @AfterAll
    void removeFiles() throws Exception {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) Files.delete(f);
        }
        Files.delete(dir);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    record Run(int status, String out, String err) {
    }

    /** The CLI against the source database unless the arguments name another. */
    Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        if (all.stream().noneMatch(a -> a.startsWith("--spring.datasource.url="))) all.add("--spring.datasource.url=" + url(source));
        all.add("--spring.datasource.username=postgres");
        all.add("--spring.datasource.password=postgres");
        int status = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(all.toArray(String[]::new));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    List<String> spring(String database) {
        return List.of("--spring.datasource.url=" + url(database), "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres");
    }

    String url(String database) {
        return server.getJdbcUrl().replaceFirst("/postgres$", "/" + database);
    }

    String scalar(String database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(database), "postgres", "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Per table of the schema (Flyway's history apart: it records when, not what): row count and md5 of the sorted rows; and the sequences. */
    Map<String, String> fingerprint(String database) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url(database), "postgres", "postgres"); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                    + " AND tablename <> 'flyway_schema_history'")) {
                while (rs.next()) tables.add(rs.getString(1));
            }
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, E'\\n' ORDER BY x::text)), '')"
                        + " FROM \"" + t + "\" x")) {
                    rs.next();
                    out.put(t, rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")) {
                while (rs.next()) out.put("sequence " + rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }
}
