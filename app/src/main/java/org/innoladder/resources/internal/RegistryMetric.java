package org.innoladder.resources.internal;

import java.time.LocalDate;
import java.util.OptionalLong;

import org.innoladder.identity.CurrentUser;
import org.innoladder.ladder.TargetMetric;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A target metric read from one of the registries by one query: the query receives {@code :scope} (the caller's region
 * prefix followed by %), {@code :region} (the target's region prefix followed by %), {@code :year} and {@code :day} (the
 * year's last day, or the day asked for a flow's value so far), and answers one whole number. A caller whose scope names no region (an enterprise, a bank) counts none.
 */
record RegistryMetric(JdbcClient jdbc, String code, String nameZh, String nameEn, String unit, String sql, boolean flow) implements TargetMetric {
    @Override
    public long actual(CurrentUser user, String region, int year) {
        return value(user, region, year, LocalDate.of(year, 12, 31));
    }

    /** A flow as of any day; a stock (known by the year of recognition only) on the year's last day alone. */
    @Override
    public OptionalLong actualAsOf(CurrentUser user, String region, LocalDate day) {
        if (!flow && !day.equals(LocalDate.of(day.getYear(), 12, 31))) return OptionalLong.empty();
        return OptionalLong.of(value(user, region, day.getYear(), day));
    }

    private long value(CurrentUser user, String region, int year, LocalDate day) {
        String root = Contracts.scopeRoot(user.scope());
        if (root == null) return 0;
        return jdbc.sql(sql).param("scope", root + "%").param("region", (region == null ? "" : region) + "%").param("year", year)
                .param("day", day).query(Long.class).single();
    }
}
