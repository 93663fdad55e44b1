package org.innoladder.db;

import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Gauges of a money ledger table (docs/monitoring.md): one gauge per state, tagged {@code state}, each read with a small
 * aggregate over the whole table per scrape.
 */
public final class SumGauges {
    private SumGauges() {
    }

    /**
     * Registers {@code name} once per entry of {@code aggregates}: the state it is tagged with, and the SQL aggregate over
     * {@code table} that measures it (a constant of the caller, never user input).
     */
    public static void register(MeterRegistry registry, JdbcClient jdbc, String name, String description, String table,
                                Map<String, String> aggregates) {
        aggregates.forEach((state, aggregate) -> Gauge.builder(name, jdbc,
                        j -> j.sql("SELECT " + aggregate + " FROM " + table).query(Double.class).single())
                .description(description).tag("state", state).baseUnit("yuan").strongReference(true).register(registry));
    }
}
