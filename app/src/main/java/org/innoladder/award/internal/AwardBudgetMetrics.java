package org.innoladder.award.internal;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.innoladder.db.SumGauges;
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
        SumGauges.register(registry, jdbc, "innoladder.award.budget.yuan", "Award budgets of every policy and period, in yuan",
                "award_budget", Map.of("budget", "coalesce(sum(budget_yuan), 0)", "committed", "coalesce(sum(committed_yuan), 0)",
                        "remaining", "coalesce(sum(budget_yuan - committed_yuan), 0)"));
    }
}
