package org.innoladder.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.innoladder.dashboard.internal.DashboardService;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.ladder.LadderService;
import org.innoladder.evaluation.StoredNearRatios;
import org.innoladder.ladder.LadderSnapshot;
import org.innoladder.region.Regions;
import org.innoladder.rules.ladder.Tier;
import org.innoladder.ladder.target.TargetService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The leaders' dashboard at scale: an embedded PostgreSQL filled set-based (generate_series) with N enterprises spread
 * over the real 常州 towns, their recognitions (valid, lapsing during the year, expired; both ladders) and evaluation
 * results of four ladder rulesets for 2024 and two for 2023 (outcomes and near ratios as an evaluation run stores them),
 * then the snapshot refresh of each year (timed), then each dashboard request (city 3204, its largest district, that
 * district's largest town) timed cold (first request after a PostgreSQL restart: shared buffers empty, OS page cache
 * not dropped) and warm (repetitions: median and max), in three variants in the same run: sums of the per-region
 * counts (the product's default), aggregation of the standings with scope and grouping on their copied region columns,
 * and the same through a join with {@code enterprise}; plus the first page of the enterprise list behind one figure.
 *
 * <pre>
 * mvn -B -q -pl rules,app,bench -am package -DskipTests
 * java -Xmx2g -cp bench/target/benchmarks.jar org.innoladder.bench.DashboardBenchmark --enterprises 1000000 --reps 5
 * </pre>
 */
public final class DashboardBenchmark {
    private DashboardBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int enterprises = option(args, "--enterprises", 1_000_000);
        int reps = option(args, "--reps", 5);
        var logs = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        logs.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        Path work = Files.createTempDirectory("innoladder-dashboard-bench");
        System.out.printf("%,d enterprises; %d processors; JVM max heap %d MB%n", enterprises,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        try {
            String district;
            String town;
            try (EmbeddedPostgres pg = start(work); HikariDataSource ds = dataSource(pg)) {
                Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:org/innoladder/region/migration", "classpath:org/innoladder/evaluation/migration")
                        .load().migrate();
                JdbcTemplate jdbc = new JdbcTemplate(ds);
                System.out.println("PostgreSQL " + jdbc.queryForObject("SHOW server_version", String.class) + ", shared_buffers "
                        + jdbc.queryForObject("SHOW shared_buffers", String.class) + ", work_mem " + jdbc.queryForObject("SHOW work_mem", String.class));
                long t = System.nanoTime();
                fill(jdbc, enterprises);
                System.out.printf("generated in %.1f s: %,d enterprises, %,d recognitions, %,d evaluation results%n", secs(t),
                        count(jdbc, "enterprise"), count(jdbc, "recognition"), count(jdbc, "evaluation_result"));
                LadderSnapshot snapshot = new LadderSnapshot(new NamedParameterJdbcTemplate(ds), null,
                        new LadderService(new NamedParameterJdbcTemplate(ds), 0.2, true, true),
                        new StoredNearRatios(JdbcClient.create(ds)), new Regions(JdbcClient.create(ds)), null);
                TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
                for (int year : new int[] {2023, 2024}) {
                    long r = System.nanoTime();
                    LadderSnapshot.Refreshed done = tx.execute(s -> snapshot.refresh(year, LadderSnapshot.Target.all(), "bench"));
                    System.out.printf("snapshot refresh %d (every region): %.1f s, %,d standings, %,d pool rows%n", year, secs(r),
                            done.standings(), done.poolRows());
                }
                long r = System.nanoTime();
                tx.execute(s -> snapshot.refresh(2024, LadderSnapshot.Target.region("320412"), "bench"));
                System.out.printf("snapshot refresh 2024 of one district (320412): %.1f s%n", secs(r));
                changedEnterprises(jdbc, tx, snapshot, 1000);
                jdbc.execute("VACUUM ANALYZE");
                district = jdbc.queryForObject("SELECT county_code FROM enterprise GROUP BY 1 ORDER BY count(*) DESC LIMIT 1", String.class);
                town = jdbc.queryForObject("SELECT town_code FROM enterprise WHERE county_code = ? AND town_code IS NOT NULL"
                        + " GROUP BY 1 ORDER BY count(*) DESC LIMIT 1", String.class, district);
                System.out.printf("size: ladder_standing %s, ladder_pool %s; district %s, town %s%n",
                        jdbc.queryForObject("SELECT pg_size_pretty(pg_total_relation_size('ladder_standing'))", String.class),
                        jdbc.queryForObject("SELECT pg_size_pretty(pg_total_relation_size('ladder_pool'))", String.class), district, town);
            }
            // restart on the same data directory (kept by setCleanDataDirectory(false)): shared buffers empty for the cold requests
            try (EmbeddedPostgres pg = start(work); HikariDataSource ds = dataSource(pg)) {
                List<String[]> rows = new ArrayList<>();
                for (String variant : new String[] {"counts", "standings", "join"}) {
                    DashboardService dashboard = dashboard(ds, !variant.equals("join"), variant.equals("counts"));
                    for (String[] who : new String[][] {{"city", "3204"}, {"district", district}, {"town", town}}) {
                        CurrentUser user = new CurrentUser(1, "bench", "bench", who[0].equals("town") ? Role.TOWN : Role.BUREAU,
                                who[1], null, null);
                        Supplier<Integer> request = () -> dashboard.dashboard(user, null, 2024).tier(Tier.HNTE).holding();
                        List<Double> ms = new ArrayList<>();
                        int value = 0;
                        for (int i = 0; i <= reps; i++) {
                            long s = System.nanoTime();
                            value = request.get();
                            ms.add((System.nanoTime() - s) / 1e6);
                        }
                        double cold = ms.remove(0);
                        Collections.sort(ms);
                        rows.add(new String[] {variant, who[0] + " " + who[1],
                                "%.0f".formatted(cold), "%.0f".formatted(ms.get(ms.size() / 2)), "%.0f".formatted(ms.get(ms.size() - 1)),
                                "%,d".formatted(value)});
                        // the enterprise list behind one figure (first page), warm
                        DashboardService.ListRequest q = dashboard.check(user, null, null, "2024", "HOLDING", "HNTE", null, null);
                        List<Double> list = new ArrayList<>();
                        for (int i = 0; i < reps; i++) {
                            long s = System.nanoTime();
                            dashboard.enterprises(user, q, 1, 50);
                            list.add((System.nanoTime() - s) / 1e6);
                        }
                        Collections.sort(list);
                        rows.add(new String[] {variant, who[0] + " list HNTE held p.1", "",
                                "%.0f".formatted(list.get(list.size() / 2)), "%.0f".formatted(list.get(list.size() - 1)), ""});
                    }
                }
                System.out.println();
                System.out.printf("%-16s %-28s %9s %11s %8s %10s%n", "variant", "request", "cold ms", "median ms", "max ms", "HNTE held");
                for (String[] row : rows) System.out.printf("%-16s %-28s %9s %11s %8s %10s%n", (Object[]) row);
            }
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * {@code n} enterprises spread over the whole region change (their 2024 results turn round; then they move town):
     * the snapshot refreshed for them alone (counts moved by their contributions), against recounting the regions they
     * live in, the refresh before incremental counts, in the same run.
     */
    static void changedEnterprises(JdbcTemplate jdbc, TransactionTemplate tx, LadderSnapshot snapshot, int n) {
        List<Long> ids = jdbc.queryForList("SELECT id FROM enterprise ORDER BY id", Long.class);
        List<Long> changed = new ArrayList<>();
        for (int i = 0; i < n; i++) changed.add(ids.get((int) ((long) i * ids.size() / n)));
        NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
        Runnable flip = () -> named.update("""
                UPDATE evaluation_result SET outcome = CASE outcome WHEN 'QUALIFIED' THEN 'NOT_QUALIFIED' ELSE 'QUALIFIED' END,
                       near_ratio = CASE outcome WHEN 'QUALIFIED' THEN 0.1 END
                WHERE year = 2024 AND enterprise_id IN (:ids) AND outcome <> 'UNDETERMINED'""", Map.of("ids", changed));
        LadderSnapshot.Target few = LadderSnapshot.Target.enterprises(changed);
        LadderSnapshot.Target regions = new LadderSnapshot.Target(few.sql(), few.params(), null, false);
        for (int round = 1; round <= 2; round++) {
            flip.run();
            long a = System.nanoTime();
            tx.execute(s -> snapshot.refresh(2024, few, "bench"));
            double incremental = secs(a);
            flip.run();
            long b = System.nanoTime();
            tx.execute(s -> snapshot.refresh(2024, regions, "bench"));
            System.out.printf("snapshot refresh 2024 of %,d changed enterprises spread over the region, round %d: counts moved %.1f s,"
                    + " their regions recounted %.1f s%n", n, round, incremental, secs(b));
        }
        List<String> towns = jdbc.queryForList("SELECT region_code FROM enterprise WHERE town_code IS NOT NULL GROUP BY 1"
                + " ORDER BY count(*) DESC, 1 LIMIT 2", String.class);
        for (int i = 0; i < changed.size(); i++) {
            jdbc.update("UPDATE enterprise SET region_code = ? WHERE id = ?", towns.get(i % 2), changed.get(i));
        }
        long m = System.nanoTime();
        int moved = tx.execute(s -> snapshot.syncRegions());
        System.out.printf("%,d enterprises moved town: standings and pools follow (%,d rows) and counts moved in %.1f s%n", n, moved, secs(m));
    }

    static DashboardService dashboard(HikariDataSource ds, boolean copiedRegions, boolean counts) {
        NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(ds);
        LadderService ladder = new LadderService(named, 0.2, copiedRegions, counts);
        Regions regions = new Regions(JdbcClient.create(ds));
        LadderSnapshot snapshot = new LadderSnapshot(named, null, ladder, new StoredNearRatios(JdbcClient.create(ds)), regions, null);
        TargetService targets = new TargetService(regions, JdbcClient.create(ds), ladder, null, List.of(), 1, 0.5, 0.25);
        return new DashboardService(regions, named, ladder, snapshot, targets);
    }

    static EmbeddedPostgres start(Path work) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg")).setCleanDataDirectory(false)
                .setServerConfig("timezone", "Asia/Shanghai").start();
    }

    static HikariDataSource dataSource(EmbeddedPostgres pg) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres");
        ds.setUsername("postgres");
        ds.setPassword("postgres");
        ds.setMaximumPoolSize(4);
        return ds;
    }

    /**
     * Set-based generation, deterministic (hash of the enterprise number, no random()). Enterprises over every 常州 town
     * (one in 20 registered at district level), recognitions per ladder and year, results with outcome shares and near
     * ratios of a plausible evaluation.
     */
    static void fill(JdbcTemplate jdbc, int n) {
        jdbc.execute("SET synchronous_commit = off");
        jdbc.execute("CREATE TEMP TABLE towns AS SELECT row_number() OVER (ORDER BY code) - 1 AS k, code, parent_code"
                + " FROM region WHERE level = 'town' AND code LIKE '3204%'");
        int towns = jdbc.queryForObject("SELECT count(*) FROM towns", Integer.class);
        jdbc.update("""
                INSERT INTO enterprise (credit_code, name, region_code, founded_on)
                SELECT '91' || lpad(i::text, 16, '0'), '压测企业' || i,
                       CASE WHEN i % 20 = 0 THEN t.parent_code ELSE t.code END,
                       DATE '2000-01-01' + (i % 8000)
                FROM generate_series(1, ?) i JOIN towns t ON t.k = (hashint4(i) & 2147483647) % ?""", n, towns);
        jdbc.execute("CREATE TEMP TABLE h AS SELECT id, (hashint4(id::int) & 2147483647) % 1000 AS r,"
                + " (hashint4(id::int + 7) & 2147483647) % 1000 AS s FROM enterprise");
        jdbc.execute("""
                INSERT INTO recognition (enterprise_id, kind, certificate_no, issued_on, expires_on, source)
                SELECT id, 'TSME', 'T' || id || '-' || y, make_date(y, 4, 1) + (s % 150), make_date(y, 12, 31), 'bench'
                FROM h, generate_series(2022, 2024) y WHERE r < 250 + (y - 2022) * 30
                UNION ALL
                SELECT id, 'HNTE', 'H' || id, make_date(2021 + r % 4, 11, 1) + (s % 50), make_date(2024 + r % 4, 10, 31) + (s % 50),
                       'bench' FROM h WHERE r < 120
                UNION ALL
                SELECT id, 'GAZELLE', 'G' || id, DATE '2023-06-01', DATE '2026-05-31', 'bench' FROM h WHERE r < 12
                UNION ALL
                SELECT id, 'INNOVATIVE_SME', 'I' || id, make_date(2022 + s % 3, 9, 1), make_date(2025 + s % 3, 8, 31), 'bench'
                FROM h WHERE s < 150
                UNION ALL
                SELECT id, 'SPECIALISED_SME', 'S' || id, make_date(2021 + s % 3, 6, 1), make_date(2024 + s % 3, 5, 31), 'bench'
                FROM h WHERE s < 40
                UNION ALL
                SELECT id, 'LITTLE_GIANT', 'L' || id, DATE '2022-07-01', DATE '2025-06-30', 'bench' FROM h WHERE s < 6""");
        jdbc.execute("INSERT INTO evaluation_run (id, year, rulesets, status, started_by) VALUES (1, 2024, '{}', 'DONE', 'bench')");
        jdbc.execute("""
                INSERT INTO evaluation_result (run_id, enterprise_id, year, ruleset_id, ruleset_version, outcome, near_ratio)
                SELECT 1, h.id, v.year, v.ruleset_id, v.version,
                       CASE WHEN q < v.qualified THEN 'QUALIFIED' WHEN q < v.qualified + 100 THEN 'UNDETERMINED' ELSE 'NOT_QUALIFIED' END,
                       CASE WHEN q >= v.qualified + 100 THEN CASE WHEN q % 3 = 0 THEN (q % 50) / 100.0 ELSE 'Infinity' END END
                FROM h CROSS JOIN (VALUES (2024, 'tsme', '2017', 300), (2024, 'hnte', '2016', 150),
                                          (2024, 'innovative_sme', '2022', 200), (2024, 'gazelle', 'yancheng-2022', 20),
                                          (2023, 'tsme', '2017', 280), (2023, 'hnte', '2016', 140)) AS v(year, ruleset_id, version, qualified)
                CROSS JOIN LATERAL (SELECT (hashint4(h.id::int * 31 + v.year + length(v.ruleset_id)) & 2147483647) % 1000 AS q) x""");
        jdbc.execute("ANALYZE");
    }

    static long count(JdbcTemplate jdbc, String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }

    static int option(String[] args, String name, int otherwise) {
        for (int k = 0; k + 1 < args.length; k++) if (args[k].equals(name)) return Integer.parseInt(args[k + 1].replace("_", ""));
        return otherwise;
    }

    static double secs(long from) {
        return (System.nanoTime() - from) / 1e9;
    }
}
