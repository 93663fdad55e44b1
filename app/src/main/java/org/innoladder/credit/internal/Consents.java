package org.innoladder.credit.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.identity.OutOfScopeException;
import org.innoladder.identity.Role;
import org.innoladder.identity.WriteScope;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consent (授权): an enterprise grants a named bank access to named parts of its file (points, yearly facts,
 * recognitions) for a purpose until a date, and may revoke it at once. The bank's data scope reads these rows live
 * ({@link DataScope.AuthorisedBank}), so a revocation counts from the next request. Every grant, revocation and
 * every view of an enterprise by a bank is written to the audit trail.
 */
@Service
public class Consents {
    /** The longest a consent may run: beyond it the enterprise grants again (a purpose is not open-ended). */
    public static final int MAX_DAYS = 3 * 366;

    private final JdbcClient jdbc;
    private final WriteScope writeScope;
    private final AuditTrail audit;
    private final Clock clock;

    public Consents(JdbcClient jdbc, WriteScope writeScope, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.writeScope = writeScope;
        this.audit = audit;
        this.clock = clock;
    }

    public record Bank(long id, String code, String name) {
    }

    public record Consent(long id, long enterpriseId, long bankId, String bankName, List<String> parts, String purpose,
                          OffsetDateTime grantedAt, OffsetDateTime expiresAt, OffsetDateTime revokedAt, boolean live) {
    }

    public List<Bank> banks() {
        return jdbc.sql("SELECT id, code, name FROM bank ORDER BY code")
                .query((rs, n) -> new Bank(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    /** The parts named in a form (POINTS, FACTS, RECOGNITIONS), at least one. */
    public static List<String> parts(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : values == null ? List.<String>of() : values) {
            String p = v == null ? "" : v.strip().toUpperCase(java.util.Locale.ROOT);
            if (!DataScope.AuthorisedBank.PARTS.contains(p)) {
                throw new BadParameterException("parts", v, "授权范围须为 POINTS（创新积分）、FACTS（年度经营数据）、RECOGNITIONS（资质认定）之一",
                        "a part is one of POINTS, FACTS, RECOGNITIONS");
            }
            out.add(p);
        }
        if (out.isEmpty()) {
            throw new BadParameterException("parts", "", "至少选择一项授权范围", "choose at least one part of the file");
        }
        return DataScope.AuthorisedBank.PARTS.stream().filter(out::contains).toList();
    }

    @Transactional
    public long grant(CurrentUser user, long bankId, List<String> parts, String purpose, LocalDate until, String ip) {
        if (user.role() != Role.ENTERPRISE || user.enterpriseId() == null) {
            throw new OutOfScopeException("enterprise", String.valueOf(user.enterpriseId()), "只有企业用户可以授权银行",
                    "only an enterprise user grants consent", false);
        }
        WriteScope.Enterprise e = writeScope.requireEnterprise(user, user.enterpriseId());
        List<String> p = parts(parts);
        String why = purpose == null ? "" : purpose.strip();
        if (why.isEmpty() || why.length() > 200) {
            throw new BadParameterException("purpose", purpose, "须填写授权用途（1–200 字）", "state the purpose (1 to 200 characters)");
        }
        LocalDate today = LocalDate.now(clock);
        if (until == null || !until.isAfter(today) || until.isAfter(today.plusDays(MAX_DAYS))) {
            throw new BadParameterException("until", String.valueOf(until), "有效期须晚于今天且不超过 " + MAX_DAYS + " 天",
                    "the end date must be after today and at most " + MAX_DAYS + " days ahead");
        }
        Bank bank = banks().stream().filter(b -> b.id() == bankId).findFirst().orElseThrow(() ->
                new BadParameterException("bankId", String.valueOf(bankId), "没有这家合作银行", "no such partner bank"));
        long id = jdbc.sql("""
                INSERT INTO bank_authorisation (enterprise_id, bank_id, granted_at, expires_at, parts, purpose, granted_by)
                VALUES (:e, :b, now(), :until, :parts::text[], :purpose, :by) RETURNING id""")
                .param("e", e.id()).param("b", bank.id())
                .param("until", Timestamp.from(until.plusDays(1).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant()))
                .param("parts", "{" + String.join(",", p) + "}").param("purpose", why).param("by", user.id())
                .query(Long.class).single();
        audit.record(user.username(), "credit.consent.grant", "enterprise:" + e.creditCode(),
                "bank=" + bank.code() + "; parts=" + p + "; until=" + until + "; purpose=" + why, ip);
        return id;
    }

    @Transactional
    public void revoke(CurrentUser user, long consentId, String ip) {
        Long enterpriseId = jdbc.sql("SELECT enterprise_id FROM bank_authorisation WHERE id = :id")
                .param("id", consentId).query(Long.class).optional().orElse(null);
        if (enterpriseId == null || user.enterpriseId() == null || user.role() != Role.ENTERPRISE
                || enterpriseId.longValue() != user.enterpriseId()) {
            throw new NotFoundException("consent", String.valueOf(consentId));
        }
        WriteScope.Enterprise e = writeScope.requireEnterprise(user, enterpriseId);
        int n = jdbc.sql("UPDATE bank_authorisation SET revoked_at = now(), revoked_by = :by WHERE id = :id AND revoked_at IS NULL")
                .param("by", user.id()).param("id", consentId).update();
        if (n == 1) audit.record(user.username(), "credit.consent.revoke", "enterprise:" + e.creditCode(), "consent=" + consentId, ip);
    }

    public List<Consent> ofEnterprise(long enterpriseId) {
        return jdbc.sql("""
                SELECT ba.id, ba.enterprise_id, ba.bank_id, b.name, ba.parts, ba.purpose, ba.granted_at, ba.expires_at,
                       ba.revoked_at, (ba.revoked_at IS NULL AND ba.expires_at > now())
                FROM bank_authorisation ba JOIN bank b ON b.id = ba.bank_id
                WHERE ba.enterprise_id = :e ORDER BY ba.granted_at DESC, ba.id DESC""")
                .param("e", enterpriseId).query((rs, n) -> new Consent(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getString(4), List.of((String[]) rs.getArray(5).getArray()), rs.getString(6),
                        rs.getObject(7, OffsetDateTime.class), rs.getObject(8, OffsetDateTime.class),
                        rs.getObject(9, OffsetDateTime.class), rs.getBoolean(10))).list();
    }

    /** The parts the bank may see of the enterprise now (empty: no live consent). */
    public Set<String> liveParts(long bankId, long enterpriseId) {
        List<String[]> rows = jdbc.sql("""
                SELECT parts FROM bank_authorisation WHERE bank_id = :b AND enterprise_id = :e
                  AND revoked_at IS NULL AND expires_at > now()""")
                .param("b", bankId).param("e", enterpriseId).query((rs, n) -> (String[]) rs.getArray(1).getArray()).list();
        Set<String> out = new LinkedHashSet<>();
        rows.forEach(r -> out.addAll(List.of(r)));
        return out;
    }

    /** One enterprise a bank has a live consent for, with the parts and purpose. */
    public record Consented(long enterpriseId, String creditCode, String name, String regionCode, List<String> parts,
                            OffsetDateTime expiresAt) {
    }

    public List<Consented> consentedTo(long bankId, int limit, int offset) {
        DataScope.SqlFilter f = DataScope.AuthorisedBank.anyConsent(bankId).enterpriseFilter("e");
        List<Consented> out = new ArrayList<>();
        jdbc.sql("SELECT e.id, e.credit_code, e.name, e.region_code, "
                        + "(SELECT array_agg(DISTINCT p ORDER BY p) FROM bank_authorisation ba, unnest(ba.parts) p"
                        + "  WHERE ba.enterprise_id = e.id AND ba.bank_id = :scope_bank AND ba.revoked_at IS NULL AND ba.expires_at > now()),"
                        + " (SELECT max(expires_at) FROM bank_authorisation ba WHERE ba.enterprise_id = e.id AND ba.bank_id = :scope_bank"
                        + "  AND ba.revoked_at IS NULL)"
                        + " FROM enterprise e WHERE " + f.sql() + " ORDER BY e.name, e.id LIMIT :limit OFFSET :offset")
                .params(f.params()).param("limit", limit).param("offset", offset)
                .query((rs, n) -> new Consented(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        List.of((String[]) rs.getArray(5).getArray()), rs.getObject(6, OffsetDateTime.class)))
                .list().forEach(out::add);
        return out;
    }

    public long countConsentedTo(long bankId) {
        DataScope.SqlFilter f = DataScope.AuthorisedBank.anyConsent(bankId).enterpriseFilter("e");
        return jdbc.sql("SELECT count(*) FROM enterprise e WHERE " + f.sql()).params(f.params()).query(Long.class).single();
    }

    /** Records a bank's view or export of an enterprise (the consent says it may; the trail says it did). */
    public void audited(CurrentUser bankUser, String what, String creditCode, Set<String> parts, String ip) {
        audit.record(bankUser.username(), "credit.bank." + what, "enterprise:" + creditCode, "parts=" + parts, ip);
    }

    static Map<String, String> partNames() {
        return Map.of("POINTS", "创新积分", "FACTS", "年度经营数据", "RECOGNITIONS", "资质认定");
    }
}
