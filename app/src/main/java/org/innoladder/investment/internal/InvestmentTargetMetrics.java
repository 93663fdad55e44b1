package org.innoladder.investment.internal;

import java.time.LocalDate;
import java.util.OptionalLong;

import org.innoladder.identity.CurrentUser;
import org.innoladder.ladder.TargetMetric;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 科技招商 as ladder targets ({@link TargetMetric}): the investment signed in the year (签约投资额, whole 万元) and the
 * projects landed in it — by the date of the step, whatever followed (a project signed and later terminated was signed
 * that year), where the project's town lies, within the caller's scope.
 */
@Configuration(proxyBeanMethods = false)
class InvestmentTargetMetrics {
    record Metric(JdbcClient jdbc, String code, String nameZh, String nameEn, String unit, String sql) implements TargetMetric {
        @Override
        public long actual(CurrentUser user, String region, int year) {
            return actualAsOf(user, region, LocalDate.of(year, 12, 31)).getAsLong();
        }

        /** From 1 January to the day: the steps carry their dates. */
        @Override
        public OptionalLong actualAsOf(CurrentUser user, String region, LocalDate day) {
            String root = Projects.scopeRoot(user.scope());
            if (root == null) return OptionalLong.of(0);
            return OptionalLong.of(jdbc.sql(sql).param("scope", root + "%").param("region", (region == null ? "" : region) + "%")
                    .param("year", day.getYear()).param("day", day).query(Long.class).single());
        }
    }

    static final String IN_YEAR = " FROM investment_project p WHERE p.region_code LIKE :scope AND p.region_code LIKE :region"
            + " AND p.%1$s >= make_date(:year, 1, 1) AND p.%1$s <= :day";

    @Bean
    TargetMetric signedInvestmentMetric(JdbcClient jdbc) {
        return new Metric(jdbc, "INVESTMENT_SIGNED", "科技招商签约投资额（年内签约）", "Investment attracted for science and technology, signed in the year", "wanyuan",
                "SELECT CAST(round(coalesce(sum(p.signed_yuan), 0) / 10000) AS bigint)" + IN_YEAR.formatted("signed_on"));
    }

    @Bean
    TargetMetric landedProjectsMetric(JdbcClient jdbc) {
        return new Metric(jdbc, "INVESTMENT_LANDED", "科技招商落地项目数（年内落地）", "Investment projects landed in the year", "projects",
                "SELECT count(*)" + IN_YEAR.formatted("landed_on"));
    }
}
