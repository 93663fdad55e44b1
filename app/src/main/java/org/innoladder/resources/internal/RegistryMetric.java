package org.innoladder.resources.internal;

import org.innoladder.identity.CurrentUser;
import org.innoladder.ladder.TargetMetric;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A target metric read from one of the registries by one query: the query receives {@code :scope} (the caller's region
 * prefix followed by %), {@code :region} (the target's region prefix followed by %) and {@code :year}, and answers one
 * whole number. A caller whose scope names no region (an enterprise, a bank) counts none.
 */
record RegistryMetric(JdbcClient jdbc, String code, String nameZh, String nameEn, String unit, String sql) implements TargetMetric {
    @Override
    public long actual(CurrentUser user, String region, int year) {
        String root = Contracts.scopeRoot(user.scope());
        if (root == null) return 0;
        return jdbc.sql(sql).param("scope", root + "%").param("region", (region == null ? "" : region) + "%").param("year", year)
                .query(Long.class).single();
    }
}
