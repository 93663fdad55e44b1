package org.innoladder.identity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The partner banks (table {@code bank}, owned here with the users who belong to them). */
@Component
public class Banks {
    private final JdbcClient jdbc;

    public Banks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The bank with this code, created with the name when it does not exist yet; its id. */
    @Transactional
    public long ensure(String code, String name) {
        jdbc.sql("INSERT INTO bank (code, name) VALUES (:code, :name) ON CONFLICT (code) DO NOTHING")
                .param("code", code).param("name", name).update();
        return jdbc.sql("SELECT id FROM bank WHERE code = :code").param("code", code).query(Long.class).single();
    }
}
