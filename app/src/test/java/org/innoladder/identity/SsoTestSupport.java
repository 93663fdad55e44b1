package org.innoladder.identity;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.innoladder.rules.facts.CreditCode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real server with single sign-on switched on against a real OpenID Connect provider (mock-oauth2-server, started
 * once per JVM before any context reads its discovery document). The mapping: role claim {@code kjj} → BUREAU,
 * {@code town} → TOWN; organisation {@code ORG-WJ} → region 320412. Nothing else is listed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class SsoTestSupport {
    static final MockOAuth2Server PROVIDER = new MockOAuth2Server();
    private static final AtomicInteger SEQ = new AtomicInteger();

    static {
        PROVIDER.start();
        Runtime.getRuntime().addShutdownHook(new Thread(PROVIDER::shutdown));
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    static void provider(DynamicPropertyRegistry registry, boolean provision) {
        registry.add("innoladder.sso.enabled", () -> "true");
        registry.add("innoladder.sso.provision", () -> Boolean.toString(provision));
        registry.add("innoladder.sso.roles.kjj", () -> "BUREAU");
        registry.add("innoladder.sso.roles.town", () -> "TOWN");
        registry.add("innoladder.sso.regions.ORG-WJ", () -> "320412");
        String registration = "spring.security.oauth2.client.registration." + SsoFlow.ISSUER;
        registry.add(registration + ".client-id", () -> SsoFlow.CLIENT_ID);
        registry.add(registration + ".client-secret", () -> "test-secret");
        registry.add(registration + ".scope", () -> "openid,profile");
        registry.add("spring.security.oauth2.client.provider." + SsoFlow.ISSUER + ".issuer-uri",
                () -> PROVIDER.issuerUrl(SsoFlow.ISSUER).toString());
    }

    static String unique(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 1_000_000 + "-" + SEQ.incrementAndGet();
    }

    /** An enterprise in {@code regionCode}; its credit code (the file page's address). */
    String enterprise(String name, String regionCode) {
        long n = System.nanoTime() % 100_000_000L;
        String code = CreditCode.complete("91" + regionCode.substring(0, 6) + String.format("%08d", n));
        jdbc.sql("INSERT INTO enterprise (credit_code, name, region_code, founded_on) VALUES (?, ?, ?, ?)")
                .params(code, name, regionCode, LocalDate.of(2015, 1, 1)).update();
        return code;
    }

    long audits(String action, String detailPart) {
        return jdbc.sql("SELECT count(*) FROM audit_log WHERE action = ? AND detail LIKE ?")
                .params(action, "%" + detailPart + "%").query(Long.class).single();
    }
}
