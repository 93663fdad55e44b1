package org.innoladder.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.innoladder.identity.DataScope;
import org.innoladder.resources.internal.Contracts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The technology-contract statistics page (技术合同) over N registered contracts: one request is what the page asks
 * for — the flows of the region and the sums per kind ({@link Contracts#statistics}, read from the monthly summary), per district
 * or town, and the first page of the list — for the city (3204, all its districts) and for one district (320412, its towns), in the latest
 * year. Contracts are spread over five years, eight districts with four towns each, and a fifth of the counterparties
 * outside the city; p50, p95 and max over the repetitions.
 *
 * <pre>
 * mvn -B -q -pl rules,app,bench -am package -DskipTests
 * java -Xmx1g -cp bench/target/benchmarks.jar org.innoladder.bench.ContractStatsBenchmark --contracts 1000000 --reps 100
 * </pre>
 */
public final class ContractStatsBenchmark {
    private ContractStatsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = Measure.option(args, "--contracts", 1_000_000);
        int reps = Measure.option(args, "--reps", 100);
        var logs = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        logs.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        Path work = Files.createTempDirectory("innoladder-contract-bench");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg")).start();
             HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres");
            ds.setUsername("postgres");
            Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:org/innoladder/region/migration")
                    .load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            long t = System.nanoTime();
            jdbc.execute("SET synchronous_commit = off");
            // the real towns of 常州 from the region table: 8 districts × up to 4 towns, and places outside 常州
            List<String> towns = jdbc.queryForList("""
                    SELECT code FROM (SELECT code, row_number() OVER (PARTITION BY left(code, 6) ORDER BY code) AS k
                                      FROM region WHERE code LIKE '3204%' AND length(code) = 9) x WHERE k <= 4 ORDER BY code""", String.class);
            List<String> outside = jdbc.queryForList("SELECT code FROM region WHERE length(code) = 6 AND code NOT LIKE '3204%' ORDER BY code LIMIT 50",
                    String.class);
            jdbc.update("""
                    INSERT INTO tech_contract (contract_no, kind, buyer_name, buyer_region, seller_name, seller_region, amount_yuan,
                                               tech_amount_yuan, signed_on)
                    SELECT 'B' || i, (ARRAY['DEVELOPMENT','TRANSFER','LICENSING','CONSULTING','SERVICE'])[1 + i % 5], '买方' || i,
                           CASE WHEN i % 5 = 0 THEN o[1 + i % array_length(o, 1)] ELSE t[1 + (i * 7) % array_length(t, 1)] END,
                           '卖方' || i,
                           CASE WHEN i % 5 = 1 THEN o[1 + (i * 3) % array_length(o, 1)] ELSE t[1 + (i * 13) % array_length(t, 1)] END,
                           10000 + (hashint4(i) & 65535) * 100, 8000 + (hashint4(i) & 65535) * 80,
                           DATE '2021-01-01' + (i % 1826)
                    FROM generate_series(1, ?) i, (SELECT ?::text[] AS t, ?::text[] AS o) a""",
                    n, towns.toArray(String[]::new), outside.toArray(String[]::new));
            System.out.printf("%,d contracts in %.1f s (%d towns, %d outside places); %d processors; load %.1f%n",
                    jdbc.queryForObject("SELECT count(*) FROM tech_contract", Long.class), Measure.secs(t), towns.size(), outside.size(),
                    Runtime.getRuntime().availableProcessors(), Measure.load());
            Contracts contracts = new Contracts(JdbcClient.create(ds));
            // the bulk insert bypassed the import, which keeps the monthly summary: build it from the contracts once
            t = System.nanoTime();
            contracts.rebuildSummary();
            jdbc.execute("VACUUM ANALYZE");
            System.out.printf("monthly summary: %,d rows in %.1f s%n", jdbc.queryForObject("SELECT count(*) FROM tech_contract_summary", Long.class),
                    Measure.secs(t));
            for (String region : new String[] {"3204", "320412"}) {
                DataScope scope = new DataScope.RegionSubtree(region);
                Contracts.Filter f = new Contracts.Filter(null, 2025, null, null);
                List<Double> ms = new ArrayList<>();
                List<List<Double>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                for (int i = 0; i < reps + 5; i++) {
                    long s = System.nanoTime();
                    contracts.statistics(scope, f);
                    long a = System.nanoTime();
                    contracts.byRegion(scope, f);
                    long b = System.nanoTime();
                    contracts.list(scope, f, 1, 50);
                    long e = System.nanoTime();
                    if (i >= 5) {
                        ms.add((e - s) / 1e6);
                        parts.get(0).add((a - s) / 1e6);
                        parts.get(1).add((b - a) / 1e6);
                        parts.get(2).add((e - b) / 1e6);
                    }
                }
                Collections.sort(ms);
                parts.forEach(Collections::sort);
                System.out.printf("scope %-7s 2025: p50 %6.1f ms   p95 %6.1f ms   max %6.1f ms   (%d requests after 5 warm-up);"
                                + " p50 of its parts: directions and kinds %.1f ms, regions %.1f ms, list %.1f ms%n", region,
                        ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.95) - 1), ms.get(ms.size() - 1), ms.size(),
                        parts.get(0).get(ms.size() / 2), parts.get(1).get(ms.size() / 2), parts.get(2).get(ms.size() / 2));
            }
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
