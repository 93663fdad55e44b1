package org.innoladder.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.innoladder.generator.GeneratorSettings;
import org.innoladder.identity.DemoAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** Its own database (the property makes a separate context), since it fills the enterprise tables. */
@SpringBootTest(properties = "innoladder.test.context=demo-data")
@ActiveProfiles("test")
class DemoDataTest {
    @Autowired
    DemoData demo;
    @Autowired
    JdbcClient jdbc;

    @Test
    void loadsTheSyntheticRegionThroughTheImporterOnceAndCreatesTheAccounts() {
        GeneratorSettings small = new GeneratorSettings(300, 2019, 2024, 2026, false);
        List<DemoAccounts.Account> accounts = demo.ensureLoaded(small);

        assertThat(accounts).extracting(DemoAccounts.Account::username)
                .contains("admin", "bureau", "wujin", "town", "enterprise", "bank", "expert", "leader");
        assertThat(count("SELECT count(*) FROM enterprise")).isEqualTo(300);
        assertThat(count("SELECT count(*) FROM enterprise WHERE region_code NOT LIKE '3204%'")).isZero();
        assertThat(count("SELECT count(*) FROM recognition")).isPositive();
        assertThat(count("SELECT count(*) FROM import_batch WHERE source = 'demo' AND status = 'COMMITTED'")).isEqualTo(2);
        // every value has its provenance
        assertThat(count("SELECT count(*) FROM enterprise_year WHERE sources = '{}'::jsonb")).isZero();
        long years = count("SELECT count(*) FROM enterprise_year");
        // the innovation points of every demo year, city-wide: one row per enterprise-year
        assertThat(count("SELECT count(*) FROM enterprise_points")).isEqualTo(years);
        assertThat(count("SELECT count(DISTINCT year) FROM enterprise_points")).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM points_run WHERE region_code <> '3204'")).isZero();

        demo.ensureLoaded(small);
        assertThat(count("SELECT count(*) FROM enterprise_year")).isEqualTo(years);
        assertThat(count("SELECT count(*) FROM import_batch")).isEqualTo(2);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
