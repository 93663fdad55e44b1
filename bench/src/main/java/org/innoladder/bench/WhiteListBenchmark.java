package org.innoladder.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.innoladder.credit.internal.ProductRule;
import org.innoladder.credit.internal.WhiteListRule;
import org.innoladder.credit.internal.WhiteLists;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The white list (科技型企业白名单) of one region over N enterprises: each with stored points, a ladder standing and
 * (for one in ten) a loan, then {@link WhiteLists#compute} — the set-based read of points, tiers and loans, the rule's
 * four CEL criteria per enterprise, and the COPY of every outcome — in one transaction, as a publication runs it.
 * Besides the wall time it reports the CPU time of the JVM (all threads) and of PostgreSQL (all its processes), since
 * the shared machine's wall times say more about the other users than about this code.
 *
 * <pre>
 * mvn -B -q -pl rules,app,bench -am package -DskipTests
 * java -Xmx2g -cp bench/target/benchmarks.jar org.innoladder.bench.WhiteListBenchmark --enterprises 1000000 --reps 3
 * </pre>
 */
public final class WhiteListBenchmark {
    private WhiteListBenchmark() {
    }

    static final List<ProductRule.Criterion> RULE = List.of(
            new ProductRule.Criterion("percentile", "创新积分位于本阶段前 40%", "points in the top 40% of the stage", "points.percentile >= 60.0"),
            new ProductRule.Criterion("tech", "为有效高新技术企业或科技型中小企业", "a valid HNTE or TSME", "'HNTE' in tiers || 'TSME' in tiers"),
            new ProductRule.Criterion("no_npl", "无不良贷款", "no non-performing loan", "credit.non_performing == 0.0"),
            new ProductRule.Criterion("no_overdue", "无逾期贷款", "no overdue loan", "credit.overdue == 0.0"));

    /** The fields after the command name of /proc/PID/stat: [1] is the parent, [11] and [12] user and system ticks. */
    private static String[] stat(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * User + system CPU in milliseconds of PostgreSQL's processes: the postmaster serving {@code backend} and all its
     * children (every backend and background process), from /proc (Linux; clock ticks of 10 ms). Processes that
     * ended in between are not counted.
     */
    static long postgresCpuMillis(int backend) {
        String[] own = stat(Path.of("/proc/" + backend));
        if (own == null) return 0;
        String postmaster = own[1];
        long ticks = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                String[] f = stat(proc);
                if (f != null && (f[1].equals(postmaster) || proc.getFileName().toString().equals(postmaster))) {
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        } catch (java.io.IOException e) {
            return 0;
        }
        return ticks * 10;
    }

    public static void main(String[] args) throws Exception {
        int n = Measure.option(args, "--enterprises", 1_000_000);
        int reps = Measure.option(args, "--reps", 3);
        var logs = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        logs.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        Path work = Files.createTempDirectory("innoladder-whitelist-bench");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg")).start();
             HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres");
            ds.setUsername("postgres");
            Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:org/innoladder/region/migration")
                    .load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            long t = System.nanoTime();
            jdbc.execute("SET synchronous_commit = off");
            jdbc.update("""
                    INSERT INTO enterprise (credit_code, name, region_code, founded_on)
                    SELECT '91' || lpad(i::text, 16, '0'), '压测企业' || i, '320412100', DATE '2010-01-01' + (i % 4000)
                    FROM generate_series(1, ?) i""", n);
            jdbc.execute("INSERT INTO points_run (year, model_id, model_version, started_by) VALUES (2025, 'bench', '1', 'bench')");
            jdbc.execute("""
                    INSERT INTO enterprise_points (enterprise_id, year, model_id, model_version, stage, total, percentile,
                                                   stage_uncertain, breakdown, run_id)
                    SELECT id, 2025, 'bench', '1', 'growth', (hashint4(id::int) & 1023) / 10.23, (hashint4(id::int + 7) & 1023) / 10.23,
                           false, '{}'::jsonb, (SELECT id FROM points_run) FROM enterprise""");
            // TSME (bit 0) for half, HNTE (bit 1) for a fifth
            jdbc.execute("""
                    INSERT INTO ladder_standing (year, enterprise_id, credit_code, region_code, growth_official, held_mask,
                                                 qualified_mask)
                    SELECT 2025, id, credit_code, region_code, CASE WHEN id % 5 = 0 THEN 'HNTE' WHEN id % 2 = 0 THEN 'TSME' END,
                           (CASE WHEN id % 2 = 0 THEN 1 ELSE 0 END) | (CASE WHEN id % 5 = 0 THEN 2 ELSE 0 END), 0
                    FROM enterprise""");
            jdbc.execute("INSERT INTO bank (code, name) VALUES ('B1', '压测银行')");
            jdbc.execute("""
                    INSERT INTO loan (enterprise_id, region_code, bank_id, status, requested_yuan, disbursed_yuan, outstanding_yuan, disbursed_on)
                    SELECT id, region_code, (SELECT id FROM bank), (ARRAY['REPAYING', 'OVERDUE', 'NON_PERFORMING', 'CLOSED'])[1 + id % 4],
                           1000000, 1000000, 500000, DATE '2025-06-01'
                    FROM enterprise WHERE id % 10 = 0""");
            jdbc.execute("""
                    INSERT INTO white_list_rule (region_code, version, status, title, criteria, citation, effective_from, published_at)
                    VALUES ('32', 1, 'PUBLISHED', '压测规则', '[]'::jsonb, 'bench', DATE '2025-01-01', now())""");
            jdbc.execute("VACUUM ANALYZE");
            System.out.printf("%,d enterprises with points, standings and %,d loans in %.1f s; %d processors; load %.1f%n", n,
                    jdbc.queryForObject("SELECT count(*) FROM loan", Long.class), Measure.secs(t),
                    Runtime.getRuntime().availableProcessors(), Measure.load());
            WhiteLists lists = new WhiteLists(JdbcClient.create(ds), ds, JsonMapper.builder().build(), null, null, null);
            WhiteListRule rule = WhiteListRule.of(RULE);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
            long ruleId = jdbc.queryForObject("SELECT id FROM white_list_rule", Long.class);
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            for (int r = 1; r <= reps; r++) {
                long listId = jdbc.queryForObject("INSERT INTO white_list (region_code, period, rule_id, data_year) VALUES ('32', ?, ?, 2025) RETURNING id",
                        Long.class, String.valueOf(2000 + r), ruleId);
                double load = Measure.load();
                long[] server = new long[1];
                long cpu = os.getProcessCpuTime();
                long s = System.nanoTime();
                WhiteLists.Counts c = tx.execute(st -> {
                    // the database's share of the work: all of PostgreSQL's processes, since the read runs on a second backend
                    int backend = jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class);
                    server[0] = -postgresCpuMillis(backend);
                    WhiteLists.Counts counts = lists.compute(listId, rule, "32", 2025,
                            new org.innoladder.identity.DataScope.SqlFilter("true", Map.of()));
                    server[0] += postgresCpuMillis(backend);
                    return counts;
                });
                System.out.printf("run %d: %,d evaluated, %,d listed, %,d near misses in %.2f s wall; CPU %.2f s in the JVM (all threads), "
                                + "%.2f s in PostgreSQL (load before %.1f, after %.1f)%n",
                        r, c.evaluated(), c.listed(), c.near(), Measure.secs(s), (os.getProcessCpuTime() - cpu) / 1e9,
                        server[0] / 1000.0, load, Measure.load());
            }
            int pause = Measure.option(args, "--pause", 0);
            if (pause > 0) {
                System.out.println("database on port " + pg.getPort() + " for " + pause + " s");
                Thread.sleep(pause * 1000L);
            }
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
