package org.innoladder.credit;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.rules.facts.CreditCode;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Banks, enterprises, users, products and loans written straight to the database for the credit tests. */
final class CreditFixtures {
    static final String CITY = "3204", WUJIN = "320412", HUTANG = "320412100", XINBEI = "320411";
    private static final AtomicInteger SEQ = new AtomicInteger((int) (System.nanoTime() % 100_000));
    final JdbcClient jdbc;

    CreditFixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static int next() {
        return SEQ.incrementAndGet();
    }

    record Ent(long id, String creditCode, String name, String region) {
    }

    Ent enterprise(String region) {
        int n = next();
        String code = CreditCode.complete("91320412" + String.format("%08d", 60_000_000 + n));
        String name = "融资测试" + n + "科技有限公司";
        long id = jdbc.sql("INSERT INTO enterprise (credit_code, name, region_code, founded_on) VALUES (?, ?, ?, DATE '2016-05-01') RETURNING id")
                .params(code, name, region).query(Long.class).single();
        return new Ent(id, code, name, region);
    }

    long bank(String prefix) {
        String code = prefix + "-" + next();
        return jdbc.sql("INSERT INTO bank (code, name) VALUES (?, ?) RETURNING id").params(code, code + " 测试银行").query(Long.class).single();
    }

    CurrentUser user(String prefix, Role role, String region, Long enterpriseId, Long bankId, String hash) {
        String username = prefix + "-" + next();
        long id = jdbc.sql("""
                INSERT INTO app_user (username, password_hash, display_name, role, region_code, enterprise_id, bank_id)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(username, hash, username + "（测试）", role.name(), region, enterpriseId, bankId).query(Long.class).single();
        return new CurrentUser(id, username, username, role, region, enterpriseId, bankId);
    }

    long consent(long enterprise, long bank, String parts) {
        return jdbc.sql("""
                INSERT INTO bank_authorisation (enterprise_id, bank_id, expires_at, parts)
                VALUES (?, ?, now() + interval '30 days', ?::text[]) RETURNING id""").params(enterprise, bank, parts).query(Long.class).single();
    }

    /** A product every enterprise matches (no criterion). */
    long openProduct(long bank) {
        return jdbc.sql("""
                INSERT INTO credit_product (bank_id, code, name, kind, amount_min_yuan, amount_max_yuan, rate_min, rate_max,
                    term_months, eligibility, pool_covered)
                VALUES (?, ?, '旅程测试积分贷', 'POINTS', 100000, 5000000, 0.03, 0.05, 12, '[]'::jsonb, true) RETURNING id""")
                .params(bank, "J" + next()).query(Long.class).single();
    }

    long product(long bank, boolean covered) {
        return jdbc.sql("""
                INSERT INTO credit_product (bank_id, code, name, kind, amount_min_yuan, amount_max_yuan, rate_min, rate_max,
                    term_months, eligibility, pool_covered)
                VALUES (?, ?, '测试积分贷', 'POINTS', 100000, 5000000, 0.03, 0.05, 12,
                    '[{"id":"points","zh":"创新积分不低于 60 分","en":"points of at least 60","condition":"points.total >= 60.0"}]'::jsonb, ?)
                RETURNING id""").params(bank, "P" + next(), covered).query(Long.class).single();
    }

    long loan(Ent e, long bank, long product, String status, BigDecimal outstanding) {
        return jdbc.sql("""
                INSERT INTO loan (enterprise_id, region_code, bank_id, product_id, status, requested_yuan, approved_yuan,
                                  disbursed_yuan, outstanding_yuan, first_loan, pure_credit_or_ip_pledge, disbursed_on)
                VALUES (?, ?, ?, ?, ?, 1000000, 1000000, ?, ?, false, false, ?) RETURNING id""")
                .params(e.id(), e.region(), bank, product, status, outstanding == null ? null : new BigDecimal("1000000"),
                        outstanding, outstanding == null ? null : java.time.LocalDate.now().minusMonths(6))
                .query(Long.class).single();
    }

    long pool(String region, BigDecimal funded) {
        int year = java.time.LocalDate.now().getYear();
        return jdbc.sql("""
                INSERT INTO risk_pool (region_code, period, scheme_code, funded_yuan) VALUES (?, ?, 'anhui_default', ?)
                ON CONFLICT (region_code, period) DO UPDATE SET funded_yuan = EXCLUDED.funded_yuan, committed_yuan = 0, returned_yuan = 0
                RETURNING id""").params(region, year, funded).query(Long.class).single();
    }

    /** A town of 武进区 that no pool other than the district's, the city's or the province's covers yet. */
    String freeTown() {
        return jdbc.sql("""
                SELECT r.code FROM region r WHERE r.code LIKE '320412%' AND length(r.code) = 9
                  AND NOT EXISTS (SELECT 1 FROM risk_pool p WHERE r.code LIKE p.region_code || '%'
                                  AND p.region_code NOT IN ('32', '3204', '320412'))
                  AND NOT EXISTS (SELECT 1 FROM enterprise e WHERE e.region_code = r.code)
                ORDER BY r.code DESC LIMIT 1""").query(String.class).single();
    }

    String status(long loan) {
        return jdbc.sql("SELECT status FROM loan WHERE id = ?").param(loan).query(String.class).single();
    }
}
