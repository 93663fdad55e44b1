package org.innoladder.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The embedded PostgreSQL, started by the product's own configuration, commits durably: the embedding library's
 * test defaults (fsync and synchronous_commit off) must not reach the product's data directory.
 */
@SpringBootTest
@ActiveProfiles("test")
class EmbeddedDurabilityTest {
    @Autowired
    JdbcClient jdbc;

    @Test
    void fsyncSynchronousCommitAndFullPageWritesAreOn() {
        assertThat(show("fsync")).isEqualTo("on");
        assertThat(show("synchronous_commit")).isEqualTo("on");
        assertThat(show("full_page_writes")).isEqualTo("on");
    }

    @Test
    void theSettingsComeFromTheServerCommandLineNotFromASession() {
        // "command line" is where postmaster options land; a session SET would show "session"
        assertThat(jdbc.sql("SELECT source FROM pg_settings WHERE name = 'fsync'").query(String.class).single())
                .isEqualTo("command line");
        assertThat(jdbc.sql("SELECT source FROM pg_settings WHERE name = 'synchronous_commit'").query(String.class).single())
                .isEqualTo("command line");
    }

    private String show(String name) {
        return jdbc.sql("SHOW " + name).query(String.class).single();
    }
}
