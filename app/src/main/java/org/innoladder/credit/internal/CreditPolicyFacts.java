package org.innoladder.credit.internal;

import java.sql.Date;
import java.time.LocalDate;

import org.innoladder.policy.PolicyFactSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code credit.*} policy facts: per enterprise, the loans disbursed in the period Y as banks reported them on
 * the platform (all products, and 积分贷 products alone). The loan table is the register of platform loans, so an
 * enterprise without one has a known 0 / false, not an unknown. Read set-based over the population's region; rows
 * outside the population (scope, no facts for Y) are skipped.
 */
@Component
class CreditPolicyFacts implements PolicyFactSource {
    private final JdbcClient jdbc;

    CreditPolicyFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String namespace() {
        return "credit";
    }

    @Override
    public void supply(Population population) {
        double[] amount = population.column("credit.disbursed_yuan", 0), loans = population.column("credit.disbursed_loans", 0),
                pointsAmount = population.column("credit.points_loan_yuan", 0), points = population.column("credit.points_loans", 0),
                any = population.column("credit.points_loan", 0);
        jdbc.sql("""
                SELECT l.enterprise_id, sum(l.disbursed_yuan), count(*),
                       coalesce(sum(l.disbursed_yuan) FILTER (WHERE p.kind = 'POINTS'), 0), count(*) FILTER (WHERE p.kind = 'POINTS')
                FROM loan l JOIN enterprise e ON e.id = l.enterprise_id LEFT JOIN credit_product p ON p.id = l.product_id
                WHERE l.disbursed_on >= :from AND l.disbursed_on < :to AND l.disbursed_yuan IS NOT NULL
                  AND e.region_code LIKE :region
                GROUP BY l.enterprise_id""")
                .param("from", Date.valueOf(LocalDate.of(population.year(), 1, 1)))
                .param("to", Date.valueOf(LocalDate.of(population.year() + 1, 1, 1)))
                .param("region", population.regionPrefix() + "%").query(rs -> {
                    int i = population.rowOf(rs.getLong(1));
                    if (i < 0) return;
                    amount[i] = rs.getDouble(2);
                    loans[i] = rs.getLong(3);
                    pointsAmount[i] = rs.getDouble(4);
                    points[i] = rs.getLong(5);
                    any[i] = points[i] > 0 ? 1 : 0;
                });
    }
}
