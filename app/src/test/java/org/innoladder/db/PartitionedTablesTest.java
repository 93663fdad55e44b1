package org.innoladder.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.innoladder.cli.DatabaseContext;
import org.innoladder.demo.internal.DemoData;
import org.innoladder.generator.GeneratorSettings;
import org.innoladder.ladder.LadderSnapshot;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The operator's script {@code db/partitioning/partition-by-year.sql} (docs/database-growth.md): two databases of the
 * test's embedded server get the same demo data set (import, evaluations of every default ruleset for two years, a
 * ladder snapshot), one plain and one whose {@code enterprise_year} and {@code evaluation_result} were partitioned by
 * year after the migrations. The application runs unchanged on the partitioned one, its rows lie in the year
 * partitions, and every stored fact, result and standing equals the plain database's.
 */
@SpringBootTest
@ActiveProfiles("test")
class PartitionedTablesTest {
    static final List<String> COMPARED = List.of(
            "SELECT e.credit_code, y.year, y.employees, y.sales_revenue, y.rd_expense, y.rd_institution_level FROM enterprise_year y"
                    + " JOIN enterprise e ON e.id = y.enterprise_id",
            "SELECT e.credit_code, r.year, r.ruleset_id, r.ruleset_version, r.outcome, r.score_min, r.score_max, r.near_ratio,"
                    + " encode(r.detail, 'hex') FROM evaluation_result r JOIN enterprise e ON e.id = r.enterprise_id",
            "SELECT e.credit_code, s.year, s.growth_official, s.miit_official, s.growth_eligible, s.miit_eligible, s.held_mask,"
                    + " s.qualified_mask FROM ladder_standing s JOIN enterprise e ON e.id = s.enterprise_id",
            "SELECT e.credit_code, p.year, p.tier, p.reason, p.near_ratio FROM ladder_pool p JOIN enterprise e ON e.id = p.enterprise_id");

    @Autowired
    DataSource dataSource;

    @Test
    void theApplicationStoresAndReadsTheSameOnTablesPartitionedByYear() throws Exception {
        HikariDataSource server = (HikariDataSource) dataSource;
        String suffix = ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000;
        String plain = "plain_" + suffix, partitioned = "parted_" + suffix;
        try (Connection c = server.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + plain);
            s.execute("CREATE DATABASE " + partitioned);
        }
        Map<String, String> expected = load(server, plain, false);
        Map<String, String> actual = load(server, partitioned, true);

        try (ConfigurableApplicationContext ctx = DatabaseContext.start(spring(server, partitioned))) {
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            for (String table : List.of("enterprise_year", "evaluation_result")) {
                assertThat(jdbc.sql("SELECT relkind::text FROM pg_class WHERE relname = ?").param(table).query(String.class).single())
                        .as(table + " is partitioned").isEqualTo("p");
                assertThat(jdbc.sql("SELECT count(*) FROM " + table + "_y2024").query(Long.class).single())
                        .as("rows of 2024 in their partition").isPositive();
                assertThat(jdbc.sql("SELECT count(*) FROM " + table + "_default").query(Long.class).single()).isZero();
            }
            // each partition of the results keeps the table's fillfactor, so a re-run's updates stay heap-only
            assertThat(jdbc.sql("SELECT DISTINCT array_to_string(c.reloptions, ',') FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                    + " WHERE i.inhparent = 'evaluation_result'::regclass").query(String.class).list()).containsExactly("fillfactor=50");
            // the migrations' names survive, so later migrations find them
            assertThat(jdbc.sql("SELECT count(*) FROM pg_indexes WHERE indexname IN ('enterprise_year_pkey', 'enterprise_year_year_idx',"
                    + " 'evaluation_result_pkey', 'evaluation_result_list_idx')").query(Long.class).single()).isEqualTo(4);
        }
        assertThat(actual.get(COMPARED.get(1))).as("results were stored").doesNotStartWith("0:");
        assertThat(actual).isEqualTo(expected);
    }

    /** Migrates, partitions if asked, loads the demo data set and refreshes the snapshot; a fingerprint per query. */
    private static Map<String, String> load(HikariDataSource server, String database, boolean partition) throws Exception {
        try (ConfigurableApplicationContext ctx = DatabaseContext.start(spring(server, database))) {
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            if (partition) {
                String script = new ClassPathResource("db/partitioning/partition-by-year.sql").getContentAsString(StandardCharsets.UTF_8);
                try (Connection c = ctx.getBean(DataSource.class).getConnection(); Statement s = c.createStatement()) {
                    s.execute(script);
                    s.execute(script); // a second run leaves partitioned tables alone
                }
            }
            ctx.getBean(DemoData.class).ensureLoaded(new GeneratorSettings(60, 2023, 2024, 11, false));
            for (int year = 2023; year <= 2024; year++) {
                ctx.getBean(LadderSnapshot.class).refresh(year, LadderSnapshot.Target.all(), "test");
            }
            Map<String, String> fingerprints = new LinkedHashMap<>();
            for (String q : COMPARED) {
                fingerprints.put(q, jdbc.sql("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM ("
                        + q + ") t").query(String.class).single());
            }
            return fingerprints;
        }
    }

    private static List<String> spring(HikariDataSource server, String database) {
        return List.of("--spring.datasource.url=" + server.getJdbcUrl().replaceFirst("/postgres$", "/" + database),
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
    }
}
