package org.innoladder.credit.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
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
        gauge(registry, "funded", "coalesce(sum(funded_yuan), 0)");
        gauge(registry, "committed", "coalesce(sum(committed_yuan), 0)");
        gauge(registry, "returned", "coalesce(sum(returned_yuan), 0)");
        gauge(registry, "balance", "coalesce(sum(funded_yuan + returned_yuan - committed_yuan), 0)");
    }

    private void gauge(MeterRegistry registry, String state, String aggregate) {
        Gauge.builder("innoladder.credit.pool.yuan", jdbc,
                        j -> j.sql("SELECT " + aggregate + " FROM risk_pool").query(Double.class).single())
                .description("Risk-compensation pools of every region and period, in yuan").tag("state", state)
                .baseUnit("yuan").strongReference(true).register(registry);
    }
}
