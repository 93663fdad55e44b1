package org.innoladder.review;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.rules.facts.CreditCode;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Review test data written straight into the tables: users, experts, enterprises with HNTE-ready facts. */
final class ReviewFixtures {
    static final String WUJIN = "320412", HUTANG = "320412100", XINBEI = "320411";
    private static final AtomicInteger SEQ = new AtomicInteger((int) (System.nanoTime() % 100_000));

    private final JdbcClient jdbc;

    ReviewFixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static int next() {
        return SEQ.incrementAndGet();
    }

    CurrentUser user(String prefix, Role role, String region, Long enterpriseId) {
        String username = prefix + next();
        long id = jdbc.sql("""
                INSERT INTO app_user (username, password_hash, display_name, role, region_code, enterprise_id)
                VALUES (?, 'x', ?, ?, ?, ?) RETURNING id""")
                .params(username, username + "（测试）", role.name(), region, enterpriseId).query(Long.class).single();
        return new CurrentUser(id, username, username + "（测试）", role, region, enterpriseId, null);
    }

    record Expert(long id, CurrentUser user) {
    }

    Expert expert(String organisation, String orgCode, List<String> fields) {
        CurrentUser u = user("rv_expert", Role.EXPERT, null, null);
        long id = jdbc.sql("""
                INSERT INTO review_expert (user_id, name, organisation, organisation_credit_code, title, fields, region_code)
                VALUES (?, ?, ?, ?, '研究员', ?, '3204') RETURNING id""")
                .params(u.id(), "专家" + u.id(), organisation, orgCode, fields.toArray(String[]::new)).query(Long.class).single();
        return new Expert(id, u);
    }

    record Enterprise(long id, String creditCode, String name, String regionCode) {
    }

    /** An enterprise whose facts of {@code year} meet every HNTE condition except the expert-judged score items. */
    Enterprise hnteCandidate(String regionCode, int year) {
        int n = next();
        String code = CreditCode.complete("91320412" + String.format("%08d", 60_000_000 + n));
        String name = "评审测试" + n + "科技有限公司";
        long id = jdbc.sql("""
                INSERT INTO enterprise (credit_code, name, region_code, founded_on, hnte_domain) VALUES (?, ?, ?, DATE '2015-03-01', '01')
                RETURNING id""").params(code, name, regionCode).query(Long.class).single();
        year(id, year, Map.of("employees", 100, "tech_staff", 20, "sales_revenue", 40_000_000, "total_income", 42_000_000,
                "hightech_income", 30_000_000, "total_assets", 60_000_000, "total_liabilities", 20_000_000, "rd_expense", 2_400_000,
                "rd_expense_domestic", 2_400_000, "conversions", 6));
        year(id, year - 1, Map.of("sales_revenue", 30_000_000, "total_assets", 45_000_000, "total_liabilities", 15_000_000,
                "rd_expense", 1_800_000, "rd_expense_domestic", 1_800_000, "conversions", 5));
        year(id, year - 2, Map.of("sales_revenue", 20_000_000, "total_assets", 35_000_000, "total_liabilities", 15_000_000,
                "rd_expense", 1_200_000, "rd_expense_domestic", 1_200_000, "conversions", 4));
        jdbc.sql("UPDATE enterprise_year SET ip_class1 = 2, ip_class2 = 3, ip_own_rd = true, major_incident = false WHERE enterprise_id = ? AND year = ?")
                .params(id, year).update();
        return new Enterprise(id, code, name, regionCode);
    }

    private void year(long id, int year, Map<String, Integer> values) {
        List<String> cols = List.copyOf(values.keySet());
        String sql = "INSERT INTO enterprise_year (enterprise_id, year, " + String.join(", ", cols) + ") VALUES (?, ?"
                + ", ?".repeat(cols.size()) + ")";
        Object[] params = new Object[cols.size() + 2];
        params[0] = id;
        params[1] = year;
        for (int i = 0; i < cols.size(); i++) params[i + 2] = values.get(cols.get(i));
        jdbc.sql(sql).params(params).update();
    }
}
