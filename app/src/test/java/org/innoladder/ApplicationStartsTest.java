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
        assertThat(jdbc.sql("select count(*) from role").query(Integer.class).single()).as("seven roles of DESIGN.md and SOLVER (challenge, V121)").isEqualTo(8);
    }

    @Test
    void loadsTheRegionsOfAllChina() {
        assertThat(jdbc.sql("select count(*) from region").query(Integer.class).single()).isEqualTo(3351 + 41352);
        assertThat(jdbc.sql("select name from region where code = '320412100'").query(String.class).single()).isEqualTo("湖塘镇");
        assertThat(jdbc.sql("select count(*) from region where code like '3204%' and level = 'town'")
                .query(Integer.class).single()).isEqualTo(67);
    }
}
