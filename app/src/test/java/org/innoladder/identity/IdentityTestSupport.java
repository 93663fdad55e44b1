package org.innoladder.identity;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * One cached context for the identity tests: MockMvc through the real security filter chain, the real embedded
 * database, and a clock the tests can move. Each test makes its own users (unique names) and uses its own source
 * address, because the database and the in-memory address window are shared by all tests of the context.
 */
@SpringBootTest
@ActiveProfiles("test")
@AutoConfigureMockMvc
@Import(IdentityTestSupport.TestClock.class)
abstract class IdentityTestSupport {
    static final String PASSWORD = "Secret123";
    private static final AtomicInteger SEQ = new AtomicInteger();

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.now(), ZoneId.of("Asia/Shanghai"));
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    MutableClock clock;

    /** A fresh username for this test run. */
    static String unique(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
    }

    /** A fresh source address, so the per-address window of one test never affects another. */
    static RequestPostProcessor fromAddress(String ip) {
        return request -> {
            request.setRemoteAddr(ip);
            return request;
        };
    }

    static String uniqueAddress() {
        int n = SEQ.incrementAndGet();
        return "10." + (n / 65536 % 256) + "." + (n / 256 % 256) + "." + (n % 256);
    }

    long createUser(String username, Role role, String regionCode, Long enterpriseId, Long bankId) {
        return jdbc.sql("""
                INSERT INTO app_user (username, password_hash, display_name, role, region_code, enterprise_id, bank_id)
                VALUES (:u, :h, :d, :r, :region, :e, :b) RETURNING id""")
                .param("u", username).param("h", encoder.encode(PASSWORD)).param("d", "测试用户 " + username)
                .param("r", role.name()).param("region", regionCode).param("e", enterpriseId).param("b", bankId)
                .query(Long.class).single();
    }

    CurrentUser currentUser(String username) {
        return jdbc.sql("SELECT id, username, display_name, role, region_code, enterprise_id, bank_id FROM app_user WHERE username = :u")
                .param("u", username)
                .query((rs, i) -> new CurrentUser(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Role.valueOf(rs.getString(4)), rs.getString(5), (Long) rs.getObject(6), (Long) rs.getObject(7)))
                .single();
    }

    /** Audit actions recorded for an actor, oldest first. */
    List<String> auditActions(String actor) {
        return jdbc.sql("SELECT action FROM audit_log WHERE actor = :a ORDER BY id").param("a", actor)
                .query(String.class).list();
    }
}
