package org.innoladder.challenge.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.identity.SolverAccounts;
import org.innoladder.rules.facts.CreditCode;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Solvers (揭榜单位) register themselves with their unified social credit code (checked, check digit included); the
 * account stays disabled until a bureau officer activates the organisation (or rejects it).
 */
@Service
public class Solvers {
    static final Set<String> KINDS = Set.of("UNIVERSITY", "INSTITUTE", "ENTERPRISE");

    private final JdbcClient jdbc;
    private final SolverAccounts accounts;
    private final AuditTrail audit;
    private final Clock clock;

    Solvers(JdbcClient jdbc, SolverAccounts accounts, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    public record Registration(String creditCode, String name, String kind, String contactName, String contactPhone, String username,
                               String password) {
    }

    @Transactional
    public long register(Registration r, String sourceIp) {
        String code = Challenges.text("creditCode", r.creditCode(), 18).toUpperCase();
        CreditCode.check(code).ifPresent(p -> {
            throw new BadParameterException("creditCode", code, p.zh(), p.en());
        });
        if (jdbc.sql("SELECT count(*) FROM challenge_solver WHERE credit_code = :c").param("c", code).query(Integer.class).single() > 0) {
            throw new BadParameterException("creditCode", code, "该统一社会信用代码已注册", "this credit code is already registered");
        }
        String kind = Challenges.text("kind", r.kind(), 20).toUpperCase();
        if (!KINDS.contains(kind)) throw new BadParameterException("kind", kind, "须为 UNIVERSITY、INSTITUTE 或 ENTERPRISE", "must be UNIVERSITY, INSTITUTE or ENTERPRISE");
        String phone = Challenges.text("contactPhone", r.contactPhone(), 20);
        if (!phone.matches("1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}")) {
            throw new BadParameterException("contactPhone", phone, "须为11位手机号或带区号的固定电话", "a mobile number of 11 digits or a landline with its area code");
        }
        String name = Challenges.text("name", r.name(), 100);
        SolverAccounts.Problem p = accounts.check(r.username(), r.password());
        if (p != null) throw new BadParameterException(p.field(), "password".equals(p.field()) ? "******" : r.username(), p.zh(), p.en());
        long userId = accounts.createDisabled(r.username(), r.password(), name);
        long id = jdbc.sql("""
                INSERT INTO challenge_solver (credit_code, name, kind, contact_name, contact_phone, user_id, status)
                VALUES (:c, :n, :k, :cn, :cp, :u, 'PENDING') RETURNING id""")
                .param("c", code).param("n", name).param("k", kind).param("cn", Challenges.text("contactName", r.contactName(), 50))
                .param("cp", phone).param("u", userId).query(Long.class).single();
        audit.record(r.username(), "challenge.solver.register", "challenge_solver:" + id, code + " " + name, sourceIp);
        return id;
    }

    /** A bureau officer activates (enables the account) or rejects a pending solver. */
    @Transactional
    public void check(CurrentUser user, long solverId, boolean activate, String sourceIp) {
        if (user.role() != Role.BUREAU && user.role() != Role.ADMIN) throw new AccessDeniedException("only BUREAU and ADMIN check solvers");
        Long userId = jdbc.sql("SELECT user_id FROM challenge_solver WHERE id = :id AND status = 'PENDING' FOR UPDATE").param("id", solverId)
                .query(Long.class).optional().orElseThrow(() -> new NotFoundException("未找到待审核的揭榜单位 " + solverId, "no pending solver " + solverId));
        jdbc.sql("UPDATE challenge_solver SET status = :s, checked_by = :by, checked_at = :now WHERE id = :id")
                .param("s", activate ? "ACTIVE" : "REJECTED").param("by", user.id()).param("now", Timestamp.from(clock.instant()))
                .param("id", solverId).update();
        if (activate) accounts.enable(userId);
        audit.record(user.username(), activate ? "challenge.solver.activate" : "challenge.solver.reject", "challenge_solver:" + solverId, null, sourceIp);
    }

    public record Solver(long id, String creditCode, String name, String kind, String contactName, String contactPhone, String status,
                         OffsetDateTime createdAt) {
    }

    public List<Solver> list(CurrentUser user) {
        if (user.role() != Role.BUREAU && user.role() != Role.ADMIN && user.role() != Role.LEADER) {
            throw new AccessDeniedException("only BUREAU, ADMIN and LEADER list solvers");
        }
        return jdbc.sql("SELECT id, credit_code, name, kind, contact_name, contact_phone, status, created_at FROM challenge_solver ORDER BY id DESC")
                .query((rs, n) -> new Solver(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getObject(8, OffsetDateTime.class))).list();
    }

    /** The active solver record of a SOLVER user, else refused. */
    long activeSolverOf(CurrentUser user) {
        if (user.role() != Role.SOLVER) throw new AccessDeniedException("only SOLVER users apply");
        return jdbc.sql("SELECT id FROM challenge_solver WHERE user_id = :u AND status = 'ACTIVE'").param("u", user.id()).query(Long.class)
                .optional().orElseThrow(() -> new ChallengeRefusedException("您的揭榜单位尚未通过科技局审核", "your organisation is not activated yet"));
    }
}
