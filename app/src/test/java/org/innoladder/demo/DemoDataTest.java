package org.innoladder.demo;

import org.innoladder.demo.internal.DemoData;
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
        // every demo year after the first is evaluated under the default version of every ruleset id
        assertThat(jdbc.sql("SELECT DISTINCT year FROM evaluation_run WHERE status = 'DONE' ORDER BY year")
                .query(Integer.class).list()).containsExactly(2020, 2021, 2022, 2023, 2024);
        assertThat(jdbc.sql("SELECT DISTINCT ruleset_id || '@' || ruleset_version FROM evaluation_result WHERE year = 2024")
                .query(String.class).set()).contains("tsme@2017", "hnte@2016", "gazelle@yancheng-2022")
                .doesNotContain("gazelle@jinan-2016");
        long results = count("SELECT count(*) FROM evaluation_result");
        // the resources registries: platforms (the source of rd_institution_level), carriers and their tenants
        assertThat(count("SELECT count(*) FROM rd_platform")).isPositive();
        assertThat(count("SELECT count(*) FROM enterprise_year WHERE sources -> 'rd_institution_level' ->> 'registry' = 'rd_platform'"))
                .isPositive();
        assertThat(count("SELECT count(*) FROM carrier")).isPositive();
        assertThat(count("SELECT count(*) FROM carrier_tenant")).isPositive();
        assertThat(count("SELECT count(*) FROM tech_contract WHERE signed_on >= DATE '2024-01-01'")).isPositive();
        assertThat(count("SELECT count(*) FROM talent_award")).isPositive();
        assertThat(count("SELECT count(*) FROM resource_import WHERE rows_rejected > 0")).isZero();
        long registries = count("SELECT count(*) FROM resource_import");
        // the innovation points of every demo year (2020-2024 by the evaluation runs, 2019 on its own), over the
        // whole demo population: one row per enterprise-year
        assertThat(count("SELECT count(*) FROM enterprise_points")).isEqualTo(years);
        assertThat(count("SELECT count(DISTINCT year) FROM enterprise_points")).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM points_run WHERE evaluation_run_id IS NOT NULL")).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM points_run WHERE region_code IS NOT NULL")).isZero();

        demo.ensureLoaded(small);
        assertThat(count("SELECT count(*) FROM enterprise_year")).isEqualTo(years);
        assertThat(count("SELECT count(*) FROM import_batch")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM evaluation_result")).isEqualTo(results);
        assertThat(count("SELECT count(*) FROM resource_import")).isEqualTo(registries);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
