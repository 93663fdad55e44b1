package org.innoladder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest
@ActiveProfiles("test")
class ApplicationStartsTest {
    @Autowired
    JdbcClient jdbc;

    @Test
    void migratesTheEmbeddedDatabase() {
        assertThat(jdbc.sql("select count(*) from role").query(Integer.class).single()).isEqualTo(7);
    }
}
