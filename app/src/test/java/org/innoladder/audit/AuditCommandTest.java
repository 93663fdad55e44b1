package org.innoladder.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.innoladder.cli.Cli;
import org.innoladder.cli.DatabaseContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code innoladder audit verify} against a real database directory, as an operator runs it. */
class AuditCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void exitsZeroOnAnIntactChainAndOneNamingTheAlteredEntry() {
        List<String> database = List.of("--innoladder.database.embedded.data-dir=" + dir.resolve("pg"),
                "--innoladder.database.embedded.port=0", "--innoladder.database.embedded.clean=false");
        long altered;
        try (ConfigurableApplicationContext ctx = DatabaseContext.start(database)) {
            AuditTrail audit = ctx.getBean(AuditTrail.class);
            audit.record("alice", "login.success", null, null, "127.0.0.1");
            audit.record("alice", "user.create", "user:bob", "role=TOWN", "127.0.0.1");
            audit.record("alice", "logout", null, null, "127.0.0.1");
            altered = ctx.getBean(JdbcClient.class).sql("SELECT id FROM audit_log WHERE action = 'user.create'")
                    .query(Long.class).single();
        }
        assertThat(verify(database)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("audit chain intact: 3 entries");

        try (ConfigurableApplicationContext ctx = DatabaseContext.start(database)) {
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            jdbc.sql("ALTER TABLE audit_log DISABLE TRIGGER USER").update();
            jdbc.sql("UPDATE audit_log SET detail = 'role=ADMIN' WHERE id = ?").param(altered).update();
            jdbc.sql("ALTER TABLE audit_log ENABLE TRIGGER USER").update();
        }
        assertThat(verify(database)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("审计链被篡改 / audit chain BROKEN at entry #" + altered
                        + ": content does not match its hash (the entry was altered)");
    }

    @Test
    void refusesAnythingButVerify() {
        assertThat(new Cli(print(out), print(err)).run("audit", "check")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("expected: audit verify");
    }

    private int verify(List<String> database) {
        out.reset();
        err.reset();
        List<String> args = new ArrayList<>(List.of("audit", "verify"));
        args.addAll(database);
        return new Cli(print(out), print(err)).run(args.toArray(String[]::new));
    }

    private static PrintStream print(ByteArrayOutputStream to) {
        return new PrintStream(to, true, StandardCharsets.UTF_8);
    }
}
