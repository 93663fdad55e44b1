package org.innoladder.award.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The award budget ledger as gauges (docs/monitoring.md): budget, committed and remaining yuan summed over every
 * policy and period of {@code award_budget}, read with one small aggregate per scrape.
 */
@Component
class AwardBudgetMetrics implements MeterBinder {
    private final JdbcClient jdbc;

    AwardBudgetMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "budget", "coalesce(sum(budget_yuan), 0)");
        gauge(registry, "committed", "coalesce(sum(committed_yuan), 0)");
        gauge(registry, "remaining", "coalesce(sum(budget_yuan - committed_yuan), 0)");
    }

    private void gauge(MeterRegistry registry, String state, String aggregate) {
        Gauge.builder("innoladder.award.budget.yuan", jdbc,
                        j -> j.sql("SELECT " + aggregate + " FROM award_budget").query(Double.class).single())
                .description("Award budgets of every policy and period, in yuan").tag("state", state)
                .baseUnit("yuan").strongReference(true).register(registry);
    }
}
