package org.innoladder.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.innoladder.credit.domain.LoanStatus;
import org.innoladder.credit.internal.Loans;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The bank's loan book (银行工作台) over N loans of one bank (and as many of two other banks beside them): the queries
 * behind one page of the book ({@link Loans#list}: the count in scope and 50 rows with enterprise, bank and product
 * names), timed for the first page, random pages and a status filter by page number ({@link Loans#list}: OFFSET), and
 * by keyset ({@link Loans#book}: older than a loan) for a random page, the 100th, the last and a status filter; p50,
 * p95 and max over the repetitions. The count comes from the service's cache after the first request, as in use.
 *
 * <pre>
 * mvn -B -q -pl rules,app,bench -am package -DskipTests
 * java -Xmx1g -cp bench/target/benchmarks.jar org.innoladder.bench.LoanBookBenchmark --loans 100000 --reps 200
 * </pre>
 */
public final class LoanBookBenchmark {
    private LoanBookBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = Measure.option(args, "--loans", 100_000);
        int reps = Measure.option(args, "--reps", 200);
        var logs = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        logs.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        Path work = Files.createTempDirectory("innoladder-loanbook-bench");
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
                    FROM generate_series(1, ?) i""", Math.max(1000, n / 5));
            jdbc.execute("INSERT INTO bank (code, name) VALUES ('B1', '压测银行一'), ('B2', '压测银行二'), ('B3', '压测银行三')");
            jdbc.execute("""
                    INSERT INTO credit_product (bank_id, code, name, kind, amount_min_yuan, amount_max_yuan, rate_min, rate_max,
                        term_months, eligibility, pool_covered)
                    SELECT id, 'P', '压测产品', 'POINTS', 100000, 5000000, 0.03, 0.05, 12, '[]'::jsonb, true FROM bank""");
            String[] states = {"SUBMITTED", "UNDER_REVIEW", "APPROVED", "CONTRACTED", "DISBURSED", "REPAYING", "REPAYING",
                    "REPAYING", "CLOSED", "CLOSED", "OVERDUE", "NON_PERFORMING"};
            jdbc.update("""
                    INSERT INTO loan (enterprise_id, region_code, bank_id, product_id, status, requested_yuan, disbursed_yuan,
                                      outstanding_yuan)
                    SELECT 1 + (hashint4(i) & 2147483647) % (SELECT count(*) FROM enterprise), '320412100', b.id, p.id,
                           (?::text[])[1 + i % 12], 1000000, 1000000, 500000
                    FROM generate_series(1, ?) i CROSS JOIN bank b JOIN credit_product p ON p.bank_id = b.id""", states, n);
            jdbc.execute("VACUUM ANALYZE");
            System.out.printf("%,d loans (%,d per bank) in %.1f s; %d processors; load %.1f%n",
                    jdbc.queryForObject("SELECT count(*) FROM loan", Long.class), n, Measure.secs(t),
                    Runtime.getRuntime().availableProcessors(), Measure.load());
            long bank = jdbc.queryForObject("SELECT id FROM bank WHERE code = 'B1'", Long.class);
            Loans loans = new Loans(JdbcClient.create(ds), null, null, null, Clock.systemDefaultZone(), null);
            CurrentUser user = new CurrentUser(1, "bench", "bench", Role.BANK, null, null, bank);
            int pages = (n + 49) / 50;
            Random rnd = new Random(7);
            // keyset cursors: the ids of the bank's book and of its REPAYING loans, newest first
            List<Long> ids = jdbc.queryForList("SELECT id FROM loan WHERE bank_id = ? ORDER BY id DESC", Long.class, bank);
            List<Long> repaying = jdbc.queryForList("SELECT id FROM loan WHERE bank_id = ? AND status = 'REPAYING' ORDER BY id DESC",
                    Long.class, bank);
            for (String variant : new String[] {"first page", "random page", "status REPAYING, random page", "keyset, random page",
                    "keyset, 100th page", "keyset, last page", "keyset REPAYING, random page"}) {
                List<Double> ms = new ArrayList<>();
                for (int i = 0; i < reps + 10; i++) {
                    long s = System.nanoTime();
                    switch (variant) {
                        case "first page" -> loans.list(user, null, 1, 50);
                        case "random page" -> loans.list(user, null, 1 + rnd.nextInt(pages), 50);
                        case "status REPAYING, random page" -> loans.list(user, LoanStatus.REPAYING, 1 + rnd.nextInt(Math.max(1, pages / 4)), 50);
                        // the page after a random one: "older than" the last loan of page k
                        case "keyset, random page" -> {
                            int k = rnd.nextInt(pages - 1);
                            loans.book(user, null, ids.get(k * 50 + 49), null, k + 2, 50);
                        }
                        case "keyset, 100th page" -> loans.book(user, null, ids.get(99 * 50 - 1), null, 100, 50);
                        case "keyset, last page" -> loans.book(user, null, ids.get((pages - 1) * 50 - 1), null, pages, 50);
                        default -> {
                            int k = rnd.nextInt(Math.max(1, repaying.size() / 50 - 1));
                            loans.book(user, LoanStatus.REPAYING, repaying.get(k * 50 + 49), null, k + 2, 50);
                        }
                    }
                    if (i >= 10) ms.add((System.nanoTime() - s) / 1e6);
                }
                Collections.sort(ms);
                System.out.printf("%-30s p50 %6.1f ms   p95 %6.1f ms   max %6.1f ms   (%d requests after 10 warm-up)%n", variant,
                        ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.95) - 1), ms.get(ms.size() - 1), ms.size());
            }
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
