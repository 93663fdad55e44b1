package org.innoladder.challenge.internal;

import java.math.BigDecimal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The challenge's two purses: the issuer's funding and the government's co-funding. A payment is one guarded
 * UPDATE that adds to what was paid only while both stay within their funding, so parallel milestone approvals
 * cannot overspend (the row lock serialises them; the losing one finds the guard false and changes nothing).
 */
@Component
class ChallengeBudget {
    private final JdbcClient jdbc;

    ChallengeBudget(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Pays both shares, or nothing when either would exceed its funding. */
    boolean pay(long challengeId, BigDecimal issuer, BigDecimal government) {
        return jdbc.sql("""
                UPDATE challenge SET paid_issuer_yuan = paid_issuer_yuan + :i, paid_government_yuan = paid_government_yuan + :g
                WHERE id = :id AND paid_issuer_yuan + :i <= issuer_funding_yuan AND paid_government_yuan + :g <= government_funding_yuan""")
                .param("id", challengeId).param("i", issuer).param("g", government).update() == 1;
    }
}
