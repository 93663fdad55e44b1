package org.innoladder.credit.internal;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.innoladder.db.SumGauges;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The risk-compensation pools as gauges (docs/monitoring.md): funded, committed, returned and balance
 * ({@link RiskPools.Pool#balance()}: funded + returned − committed) in yuan, summed over every region and period.
 */
@Component
class RiskPoolMetrics implements MeterBinder {
    private final JdbcClient jdbc;

    RiskPoolMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        SumGauges.register(registry, jdbc, "innoladder.credit.pool.yuan", "Risk-compensation pools of every region and period, in yuan",
                "risk_pool", Map.of("funded", "coalesce(sum(funded_yuan), 0)", "committed", "coalesce(sum(committed_yuan), 0)",
                        "returned", "coalesce(sum(returned_yuan), 0)",
                        "balance", "coalesce(sum(funded_yuan + returned_yuan - committed_yuan), 0)"));
    }
}
