package org.innoladder.policy;

import org.innoladder.rules.policy.Policies;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.innoladder.rules.facts.CreditCode;
import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/** Test data written with plain SQL, as the importer would leave it, and the users the policy tests act as. */
final class PolicyFixtures {
    static final CurrentUser ADMIN = new CurrentUser(1, "admin", "管理员", Role.ADMIN, null, null, null);
    static final CurrentUser BUREAU = new CurrentUser(2, "bureau", "常州市科技局", Role.BUREAU, "3204", null, null);
    static final CurrentUser WUJIN = new CurrentUser(3, "wujin", "武进区科技局", Role.BUREAU, "320412", null, null);
    static final CurrentUser LEADER = new CurrentUser(4, "leader", "领导", Role.LEADER, "3204", null, null);
    static final CurrentUser TOWN = new CurrentUser(5, "town", "湖塘镇", Role.TOWN, "320412100", null, null);

    private PolicyFixtures() {
    }

    static RequestPostProcessor as(CurrentUser u) {
        return user(AppUserDetails.of(u));
    }

    static String code(String county6, int tag, int n) {
        return CreditCode.complete("91" + county6 + String.format("%02d%06d", tag, n));
    }

    static long enterprise(JdbcClient jdbc, String code, String name, String region) {
        return jdbc.sql("INSERT INTO enterprise (credit_code, name, region_code, hnte_domain, founded_on, listed)"
                        + " VALUES (?, ?, ?, '01', ?, false) RETURNING id")
                .params(code, name, region, LocalDate.of(2012, 3, 1)).query(Long.class).single();
    }

    /** Inserts or replaces one year; keys are data-dictionary column keys. */
    static void year(JdbcClient jdbc, long id, int year, Map<String, Object> values) {
        jdbc.sql("DELETE FROM enterprise_year WHERE enterprise_id = ? AND year = ?").params(id, year).update();
        StringBuilder sql = new StringBuilder("INSERT INTO enterprise_year (enterprise_id, year");
        values.keySet().forEach(k -> sql.append(", ").append(k));
        sql.append(") VALUES (:id, :year");
        values.keySet().forEach(k -> sql.append(", :").append(k));
        JdbcClient.StatementSpec s = jdbc.sql(sql.append(")").toString()).param("id", id).param("year", year);
        for (var e : values.entrySet()) s = s.param(e.getKey(), e.getValue());
        s.update();
    }

    static Map<String, Object> facts(long rdExpense, Boolean badCredit) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("employees", 100);
        v.put("tech_staff", 20);
        v.put("rd_staff", 15);
        v.put("sales_revenue", new BigDecimal("50000000.00"));
        v.put("rd_expense", BigDecimal.valueOf(rdExpense));
        v.put("bad_credit", badCredit);
        v.put("major_incident", false);
        // the rest of a tsme@2017 full-marks enterprise, so that rulesets can be re-evaluated on it
        v.put("total_assets", new BigDecimal("80000000.00"));
        v.put("total_costs", new BigDecimal("40000000.00"));
        v.put("ip_class1", 1);
        v.put("ip_class2", 0);
        v.put("hnte_certified", false);
        v.put("national_award_5y", false);
        v.put("rd_institution_level", "none");
        v.put("led_standard_5y", false);
        return v;
    }

    static void recognition(JdbcClient jdbc, long id, String kind, LocalDate issued, LocalDate expires) {
        jdbc.sql("INSERT INTO recognition (enterprise_id, kind, certificate_no, issued_on, expires_on, issuer, source)"
                        + " VALUES (?, ?, ?, ?, ?, '江苏省科学技术厅', 'upload')")
                .params(id, kind, kind + "-" + id + "-" + issued, issued, expires).update();
    }

    static String yaml(String exampleCode) {
        return Policies.example(exampleCode).yaml();
    }
}
