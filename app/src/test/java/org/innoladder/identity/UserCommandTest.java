package org.innoladder.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.innoladder.cli.Cli;
import org.innoladder.cli.DatabaseContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * {@code innoladder user add-admin}: the first administrator of an installation without the demo data, with the
 * password read from standard input (never the command line), the users page's rules, and an audit entry.
 */
class UserCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final InputStream stdin = System.in;

    @AfterEach
    void restoreStdin() {
        System.setIn(stdin);
    }

    @Test
    void createsAnAuditedAdministratorWhoseStoredPasswordMatchesAndRefusesBrokenRulesNamingThem() {
        List<String> database = List.of("--innoladder.database.embedded.data-dir=" + dir.resolve("pg"),
                "--innoladder.database.embedded.port=0", "--innoladder.database.embedded.clean=false");
        assertThat(addAdmin(database, "it-admin", "Secret2026\n")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("administrator created: it-admin");

        assertThat(addAdmin(database, "it-admin", "Another2026\n")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("该用户名已被使用").contains("it-admin");
        assertThat(addAdmin(database, "second", "short\n")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("密码须为 8–64 个字符").doesNotContain("short");

        try (ConfigurableApplicationContext ctx = DatabaseContext.start(database)) {
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            String hash = jdbc.sql("SELECT password_hash FROM app_user WHERE username = 'it-admin' AND role = 'ADMIN' AND enabled")
                    .query(String.class).single();
            assertThat(ctx.getBean(PasswordEncoder.class).matches("Secret2026", hash)).isTrue();
            assertThat(jdbc.sql("SELECT count(*) FROM app_user WHERE username = 'second'").query(Long.class).single()).isZero();
            assertThat(jdbc.sql("SELECT actor FROM audit_log WHERE action = 'user.create' AND target = 'app_user:it-admin'")
                    .query(String.class).single()).startsWith("cli:");
        }
    }

    @Test
    void refusesAnythingButAddAdminWithOneName() {
        assertThat(new Cli(print(out), print(err)).run("user", "add-admin")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("expected: user add-admin NAME");
    }

    private int addAdmin(List<String> database, String name, String typed) {
        out.reset();
        err.reset();
        System.setIn(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)));
        List<String> args = new ArrayList<>(List.of("user", "add-admin", name));
        args.addAll(database);
        return new Cli(print(out), print(err)).run(args.toArray(String[]::new));
    }

    private static PrintStream print(ByteArrayOutputStream to) {
        return new PrintStream(to, true, StandardCharsets.UTF_8);
    }
}
