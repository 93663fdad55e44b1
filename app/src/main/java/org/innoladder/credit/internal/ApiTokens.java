package org.innoladder.credit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.ApiTokenResolver;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.OutOfScopeException;
import org.innoladder.identity.Role;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bank API tokens: {@code ilb_<prefix>_<secret>}, shown once when created. The row keeps the prefix (to find it) and
 * the SHA-256 of the secret: the secret has 256 random bits, so a fast hash is enough and no password hash (bcrypt)
 * runs per request. A token belongs to the bank user who created it and to that user's bank; revoking it, disabling
 * the user or moving the user to another bank stops it at the next request. Each token may make at most
 * {@code innoladder.credit.api-token.requests-per-minute} requests a minute (a fixed window per token, in memory:
 * per process, which is what one server needs).
 */
@Service
public class ApiTokens implements ApiTokenResolver {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final int perMinute;
    private final Map<Long, long[]> windows = new ConcurrentHashMap<>();

    public ApiTokens(JdbcClient jdbc, AuditTrail audit, Clock clock,
                     @Value("${innoladder.credit.api-token.requests-per-minute:600}") int perMinute) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.perMinute = perMinute;
    }

    public record Token(long id, String name, String prefix, OffsetDateTime createdAt, OffsetDateTime lastUsedAt,
                        OffsetDateTime revokedAt, String createdBy) {
    }

    /** The new token's id and its full text, shown once. */
    public record Issued(long id, String token) {
    }

    @Transactional
    public Issued create(CurrentUser user, String name, String ip) {
        requireBank(user);
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 100) {
            throw new BadParameterException("name", name, "须填写令牌名称（1–100 字）", "name the token (1 to 100 characters)");
        }
        byte[] p = new byte[6], s = new byte[32];
        RANDOM.nextBytes(p);
        RANDOM.nextBytes(s);
        String prefix = HEX.formatHex(p), secret = HEX.formatHex(s);
        long id = jdbc.sql("""
                INSERT INTO bank_api_token (bank_id, user_id, name, token_prefix, secret_hash)
                VALUES (:bank, :user, :name, :prefix, :hash) RETURNING id""")
                .param("bank", user.bankId()).param("user", user.id()).param("name", n).param("prefix", prefix)
                .param("hash", sha256(secret)).query(Long.class).single();
        audit.record(user.username(), "credit.token.create", "bank_api_token:" + id, "name=" + n + "; prefix=" + prefix, ip);
        return new Issued(id, "ilb_" + prefix + "_" + secret);
    }

    @Transactional
    public void revoke(CurrentUser user, long id, String ip) {
        requireBank(user);
        int n = jdbc.sql("UPDATE bank_api_token SET revoked_at = now(), revoked_by = :by WHERE id = :id AND bank_id = :bank AND revoked_at IS NULL")
                .param("by", user.id()).param("id", id).param("bank", user.bankId()).update();
        if (n == 0 && jdbc.sql("SELECT count(*) FROM bank_api_token WHERE id = :id AND bank_id = :bank")
                .param("id", id).param("bank", user.bankId()).query(Long.class).single() == 0) {
            throw new NotFoundException("未找到令牌 " + id, "no token " + id);
        }
        if (n == 1) audit.record(user.username(), "credit.token.revoke", "bank_api_token:" + id, null, ip);
    }

    public List<Token> ofBank(CurrentUser user) {
        requireBank(user);
        return jdbc.sql("""
                SELECT t.id, t.name, t.token_prefix, t.created_at, t.last_used_at, t.revoked_at, u.username
                FROM bank_api_token t JOIN app_user u ON u.id = t.user_id WHERE t.bank_id = :bank ORDER BY t.id DESC""")
                .param("bank", user.bankId())
                .query((rs, n) -> new Token(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class),
                        rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class), rs.getString(7))).list();
    }

    @Override
    public Resolution resolve(String token) {
        if (token == null || !token.matches("ilb_[0-9a-f]{12}_[0-9a-f]{64}")) return Resolution.invalid();
        String prefix = token.substring(4, 16), secret = token.substring(17);
        record Row(long id, long userId, long bankId, String hash, OffsetDateTime lastUsed) {
        }
        Row row = jdbc.sql("""
                SELECT id, user_id, bank_id, secret_hash, last_used_at FROM bank_api_token
                WHERE token_prefix = :prefix AND revoked_at IS NULL""").param("prefix", prefix)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class))).optional().orElse(null);
        if (row == null || !MessageDigest.isEqual(row.hash().getBytes(StandardCharsets.US_ASCII),
                sha256(secret).getBytes(StandardCharsets.US_ASCII))) {
            return Resolution.invalid();
        }
        long retry = admit(row.id());
        if (retry > 0) return Resolution.rateLimited(retry);
        // last use to the minute: one write a minute per token, not one per request
        if (row.lastUsed() == null || row.lastUsed().toInstant().isBefore(clock.instant().minusSeconds(60))) {
            jdbc.sql("UPDATE bank_api_token SET last_used_at = now() WHERE id = :id").param("id", row.id()).update();
        }
        return Resolution.valid(row.userId(), row.bankId());
    }

    /** 0 when the request may go, else the seconds until the token's window opens again. */
    long admit(long tokenId) {
        long minute = clock.millis() / 60_000;
        long[] w = windows.compute(tokenId, (k, v) -> v == null || v[0] != minute ? new long[]{minute, 1} : new long[]{minute, v[1] + 1});
        if (w[1] <= perMinute) return 0;
        return Math.max(1, 60 - (clock.millis() / 1000) % 60);
    }

    private static void requireBank(CurrentUser user) {
        if (user.role() != Role.BANK || user.bankId() == null) {
            throw new OutOfScopeException("bank", null, "只有银行用户可以管理 API 令牌", "only a bank user manages API tokens", false);
        }
    }

    static String sha256(String s) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
