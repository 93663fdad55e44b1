package org.innoladder.audit.internal;

import org.innoladder.audit.AuditTrail;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends entries under a transaction-scoped advisory lock, so concurrent writers never fork the chain.
 * The lock is held until the caller's transaction ends: record last, just before committing.
 * The transaction is programmatic so that it also applies when the interface's default method calls in.
 */
@Component
class JdbcAuditTrail implements AuditTrail {
    /** Arbitrary, fixed key of the advisory lock that serialises appends. */
    private static final long CHAIN_LOCK = 0x1A0D17L;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    JdbcAuditTrail(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Override
    public void record(Entry entry) {
        if (entry.actor() == null || entry.action() == null) {
            throw new IllegalArgumentException("an audit entry needs an actor and an action");
        }
        transaction.executeWithoutResult(status -> append(entry));
    }

    private void append(Entry entry) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(CHAIN_LOCK).query().singleRow();
        String prev = jdbc.sql("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")
                .query(String.class).optional().orElse(AuditHash.GENESIS);
        long id = jdbc.sql("SELECT nextval('audit_log_id_seq')").query(Long.class).single();
        // timestamptz keeps microseconds; truncate so the stored value hashes the same when read back
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                INSERT INTO audit_log (id, occurred_at, actor, action, target, detail, source_ip, prev_hash, hash)
                VALUES (:id, :at, :actor, :action, :target, :detail, :ip, :prev, :hash)""")
                .param("id", id)
                .param("at", java.sql.Timestamp.from(at))
                .param("actor", entry.actor())
                .param("action", entry.action())
                .param("target", entry.target())
                .param("detail", entry.detail())
                .param("ip", entry.sourceIp())
                .param("prev", prev)
                .param("hash", AuditHash.of(id, at, entry, prev))
                .update();
    }
}
