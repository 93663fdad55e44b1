package org.innoladder.award;

import org.innoladder.award.domain.AwardStatus;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;

import org.innoladder.rules.facts.CreditCode;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Award test data written straight into the V70/V71 tables (the award package does not depend on the policy
 * engineer's code): policies with a published version, matching runs, matches, enterprises and users. Names carry
 * a per-JVM sequence so tests sharing a Spring context never collide.
 */
final class AwardFixtures {
    static final String CITY = "3204", WUJIN = "320412", HUTANG = "320412100", NIUTANG = "320412102", XINBEI = "320411";
    private static final AtomicInteger SEQ = new AtomicInteger((int) (System.nanoTime() % 100_000));

    private final JdbcClient jdbc;

    AwardFixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static int next() {
        return SEQ.incrementAndGet();
    }

    record Enterprise(long id, String creditCode, String name, String regionCode) {
    }

    Enterprise enterprise(String regionCode) {
        int n = next();
        String code = CreditCode.complete("91320412" + String.format("%08d", 70_000_000 + n));
        String name = "兑现测试" + n + "科技有限公司";
        long id = jdbc.sql("""
                INSERT INTO enterprise (credit_code, name, region_code, founded_on) VALUES (?, ?, ?, DATE '2015-03-01')
                RETURNING id""").params(code, name, regionCode).query(Long.class).single();
        return new Enterprise(id, code, name, regionCode);
    }

    CurrentUser user(String prefix, Role role, String region, Long enterpriseId) {
        return user(prefix + next(), role, region, enterpriseId, "x");
    }

    /** A user with the given exact name and password hash (upserted: scope fields follow the arguments). */
    CurrentUser user(String username, Role role, String region, Long enterpriseId, String passwordHash) {
        long id = jdbc.sql("""
                INSERT INTO app_user (username, password_hash, display_name, role, region_code, enterprise_id)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (username) DO UPDATE SET role = EXCLUDED.role, region_code = EXCLUDED.region_code,
                    enterprise_id = EXCLUDED.enterprise_id, password_hash = EXCLUDED.password_hash, enabled = true,
                    failed_logins = 0, locked_until = NULL
                RETURNING id""")
                .params(username, passwordHash, username + "（测试）", role.name(), region, enterpriseId).query(Long.class).single();
        return new CurrentUser(id, username, username + "（测试）", role, region, enterpriseId, null);
    }

    record Policy(long id, String code, int version) {
    }

    Policy policy(String mode, BigDecimal budget, String regionCode) {
        String code = "AWT-" + next();
        long id = jdbc.sql("""
                INSERT INTO policy (code, region_code, status, published_version, created_by) VALUES (?, ?, 'PUBLISHED', 1, 'test')
                RETURNING id""").params(code, regionCode).query(Long.class).single();
        version(id, 1, mode, budget);
        return new Policy(id, code, 1);
    }

    void version(long policyId, int version, String mode, BigDecimal budget) {
        jdbc.sql("""
                INSERT INTO policy_version (policy_id, version, title_zh, title_en, issuer, document_no, period_start, period_end,
                    target_group, mode, eligibility, award, budget_yuan, example, definition, created_by)
                VALUES (?, ?, ?, ?, '常州市科学技术局', '示例〔2026〕1号', DATE '2024-01-01', DATE '2027-12-31', '高新技术企业',
                    ?, 'true', '200000.0', ?, true, 'code: x', 'test')""")
                .params(policyId, version, "首次认定高企奖励（测试" + policyId + "）", "First HNTE recognition award (test " + policyId + ")",
                        mode, budget).update();
    }

    /** Publishes a new version with another budget (the ledger follows the published version). */
    void republish(Policy p, int version, BigDecimal budget) {
        String mode = jdbc.sql("SELECT mode FROM policy_version WHERE policy_id = ? AND version = ?").params(p.id(), p.version())
                .query(String.class).single();
        version(p.id(), version, mode, budget);
        jdbc.sql("UPDATE policy SET published_version = ? WHERE id = ?").params(version, p.id()).update();
    }

    long run(Policy p, int period) {
        return jdbc.sql("""
                INSERT INTO policy_match_run (policy_id, policy_version, region_code, period, status, started_by, finished_at)
                VALUES (?, ?, '3204', ?, 'DONE', 'test', now()) RETURNING id""")
                .params(p.id(), p.version(), period).query(Long.class).single();
    }

    void match(Policy p, long runId, long enterpriseId, int period, String outcome, BigDecimal amount) {
        String explanation = outcome.equals("ELIGIBLE")
                ? "{\"zh\":\"符合：2024年首次认定高新技术企业；奖励 20 万元\",\"en\":\"Eligible: first recognised as HNTE in 2024; award 200,000 yuan\",\"criteria\":[],\"gaps\":[]}"
                : "{\"zh\":\"接近：研发费用占比不低于 5%——研发费用需增加 5.0 万元（当前 45.0 万元 → 需 50.0 万元）\",\"en\":\"Near\",\"criteria\":[],\"gaps\":[]}";
        jdbc.sql("""
                INSERT INTO policy_match (policy_id, enterprise_id, period, policy_version, run_id, outcome, amount_yuan, explanation, facts)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, '{}'::jsonb)
                ON CONFLICT (policy_id, enterprise_id, period) DO UPDATE SET run_id = EXCLUDED.run_id, outcome = EXCLUDED.outcome,
                    amount_yuan = EXCLUDED.amount_yuan, explanation = EXCLUDED.explanation""")
                .params(p.id(), enterpriseId, period, p.version(), runId, outcome, amount, explanation).update();
    }

    /** A case put straight into a state, with the earlier steps attributed to the given users (null: not taken). */
    long caseIn(Policy p, Enterprise e, int period, BigDecimal amount, AwardStatus status, Long confirmedBy, Long reviewedBy) {
        long id = jdbc.sql("""
                INSERT INTO award_case (policy_id, policy_version, enterprise_id, period, origin, amount_yuan, status, status_since,
                    account_name, account_bank, account_number, confirmed_by, confirmed_at, reviewed_by, reviewed_at, created_at)
                VALUES (?, ?, ?, ?, 'AUTOMATIC', ?, ?, now(), ?, '中国银行常州武进支行', '6216610100001234567', ?, now(), ?, now(), now())
                RETURNING id""")
                .params(p.id(), p.version(), e.id(), period, amount, status.name(), e.name(), confirmedBy, reviewedBy)
                .query(Long.class).single();
        jdbc.sql("INSERT INTO award_case_event (case_id, to_status, action, actor_username, at) VALUES (?, ?, 'FIXTURE', 'test', now())")
                .params(id, status.name()).update();
        return id;
    }

    String status(long caseId) {
        return jdbc.sql("SELECT status FROM award_case WHERE id = ?").param(caseId).query(String.class).single();
    }

    BigDecimal committed(Policy p, int period) {
        return jdbc.sql("SELECT coalesce((SELECT committed_yuan FROM award_budget WHERE policy_id = ? AND period = ?), 0)")
                .params(p.id(), period).query(BigDecimal.class).single();
    }

    long audits(String actor, String action, String target) {
        return jdbc.sql("SELECT count(*) FROM audit_log WHERE actor = ? AND action = ? AND target = ?")
                .params(actor, action, target).query(Long.class).single();
    }
}
