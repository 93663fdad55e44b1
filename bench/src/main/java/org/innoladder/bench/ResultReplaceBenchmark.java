package org.innoladder.bench;

import static org.innoladder.bench.Measure.load;
import static org.innoladder.bench.Measure.ms;
import static org.innoladder.bench.Measure.option;
import static org.innoladder.bench.Measure.secs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

/**
 * How to delete the stored results a run replaces, in one run against one embedded PostgreSQL 17 with the product's
 * durable settings: {@code evaluation_result} holds M enterprises × 2 rulesets × Y years of compact rows (plus rows of
 * other enterprises that stay), and each variant deletes the run's rows inside a transaction that is then rolled
 * back, so every variant meets the same table; the variants alternate over the rounds.
 * <ul>
 *   <li><b>any, generic plan</b> — one {@code DELETE … WHERE year = ? AND ruleset_id = ? AND ruleset_version = ? AND
 *       enterprise_id = ANY (?)} per ruleset and year, the run's enterprise ids bound as one array, planned once for any
 *       array as PostgreSQL does after a driver-side prepared statement has run five times on a connection: the array
 *       is searched linearly for every row, so the time grows with ids × rows (the writer before this benchmark,
 *       600 s for 300,000 enterprises in {@code CompactResultsBenchmark});</li>
 *   <li><b>any, custom plan</b> — the same statement planned for the array it gets ({@code plan_cache_mode =
 *       force_custom_plan}), which hashes the array (the writer now);</li>
 *   <li><b>unnest</b> — one DELETE per ruleset and year joined to {@code unnest(?::bigint[])}, generic plan;</li>
 *   <li><b>joined</b> — the ids into a temporary table once, then one DELETE for every ruleset and year of the run
 *       joined to it.</li>
 * </ul>
 * {@code --generic 0} leaves the generic-plan variant out (it takes minutes beyond about 100,000 ids).
 *
 * <pre>
 * mvn -B -q -pl rules,app,bench -am package -DskipTests
 * java -Xmx4g -cp bench/target/benchmarks.jar org.innoladder.bench.ResultReplaceBenchmark --enterprises 50000 --rounds 2
 * java -Xmx4g -cp bench/target/benchmarks.jar org.innoladder.bench.ResultReplaceBenchmark --enterprises 1000000 --generic 0 --rounds 2
 * </pre>
 */
public final class ResultReplaceBenchmark {
    private static final String[][] RULESETS = {{"tsme", "2017"}, {"hnte", "2016"}};

    private ResultReplaceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int enterprises = option(args, "--enterprises", 1_000_000);
        int others = option(args, "--others", 0);
        int years = option(args, "--years", 1);
        int rounds = option(args, "--rounds", 2);
        Path work = Files.createTempDirectory("innoladder-replace-bench");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg")).setCleanDataDirectory(true)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").setServerConfig("full_page_writes", "on")
                .start();
             HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres");
            ds.setUsername("postgres");
            ds.setPassword("postgres");
            Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:org/innoladder/region/migration",
                    "classpath:org/innoladder/evaluation/migration").load().migrate();
            long t = System.nanoTime();
            fill(ds, enterprises + others, years, option(args, "--analyzed", 1) == 1);
            System.out.println(explain(ds, enterprises));
            System.out.printf(Locale.ROOT, "%,d enterprises replaced (of %,d stored) × %d rulesets × %d years = %,d rows deleted per"
                            + " variant; table filled in %.1f s (not timed); %d processors, load average %.2f%n%n",
                    enterprises, enterprises + others, RULESETS.length, years, (long) enterprises * RULESETS.length * years, secs(t),
                    Runtime.getRuntime().availableProcessors(), load());
            Long[] ids = LongStream.rangeClosed(1, enterprises).map(i -> i * (enterprises + others) / enterprises).boxed()
                    .toArray(Long[]::new);
            List<Variant> variants = new ArrayList<>();
            if (option(args, "--generic", 1) == 1) {
                variants.add(new Variant("any, generic plan", c -> perSource(c, ids, years, ANY, "force_generic_plan")));
            }
            variants.add(new Variant("any, custom plan", c -> perSource(c, ids, years, ANY, "force_custom_plan")));
            variants.add(new Variant("unnest, generic plan", c -> perSource(c, ids, years, UNNEST, "force_generic_plan")));
            variants.add(new Variant("joined: ids into a temporary table, one DELETE joined to it", c -> joined(c, ids, years)));
            System.out.println("| round | " + String.join(" | ", variants.stream().map(Variant::name).toList()) + " | load |");
            System.out.println("|---|" + "---|".repeat(variants.size()) + "---|");
            for (int round = 1; round <= rounds; round++) {
                List<String> cells = new ArrayList<>();
                for (Variant v : variants) cells.add(ms(v.time(ds)));
                System.out.printf(Locale.ROOT, "| %d | %s | %.1f |%n", round, String.join(" | ", cells), load());
            }
        }
    }

    /** Rows as a run stores them: every enterprise × ruleset × year, a 40-byte detail. */
    private static void fill(HikariDataSource ds, int enterprises, int years, boolean analyzed) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String[] r : RULESETS) {
                s.execute(String.format(Locale.ROOT, "INSERT INTO evaluation_result (run_id, enterprise_id, year, ruleset_id, ruleset_version,"
                        + " outcome, score_min, score_max, near_ratio, detail) SELECT 1, e, 2025 - y, '%s', '%s', 'NOT_QUALIFIED', NULL, NULL,"
                        + " 0.5, decode(repeat('ab', 40), 'hex') FROM generate_series(1, %d) e, generate_series(1, %d) y", r[0], r[1],
                        enterprises, years));
            }
            if (analyzed) s.execute("VACUUM ANALYZE evaluation_result");
        }
    }

    private static final String ANY = "DELETE FROM evaluation_result WHERE enterprise_id = ANY (?) AND year = ? AND ruleset_id = ?"
            + " AND ruleset_version = ?";
    private static final String UNNEST = "DELETE FROM evaluation_result r USING unnest(?::bigint[]) AS e(id) WHERE r.enterprise_id = e.id"
            + " AND r.year = ? AND r.ruleset_id = ? AND r.ruleset_version = ?";

    private static void perSource(Connection c, Long[] ids, int years, String sql, String planCacheMode) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL plan_cache_mode = " + planCacheMode);
        }
        for (String[] r : RULESETS) {
            for (int y = 1; y <= years; y++) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setArray(1, c.createArrayOf("bigint", ids));
                    ps.setInt(2, 2025 - y);
                    ps.setString(3, r[0]);
                    ps.setString(4, r[1]);
                    ps.executeUpdate();
                }
            }
        }
    }

    private static void joined(Connection c, Long[] ids, int years) throws SQLException {
        List<String> keys = new ArrayList<>();
        for (String[] r : RULESETS) {
            for (int y = 1; y <= years; y++) keys.add("(" + (2025 - y) + ", '" + r[0] + "', '" + r[1] + "')");
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE replaced_enterprise (id bigint PRIMARY KEY) ON COMMIT DROP");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO replaced_enterprise SELECT DISTINCT unnest(?::bigint[])")) {
            ps.setArray(1, c.createArrayOf("bigint", ids));
            ps.executeUpdate();
        }
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE replaced_enterprise");
            s.executeUpdate("DELETE FROM evaluation_result r USING replaced_enterprise e WHERE r.enterprise_id = e.id"
                    + " AND (r.year, r.ruleset_id, r.ruleset_version) IN (" + String.join(", ", keys) + ")");
        }
    }

    /** The plans PostgreSQL makes for the ANY delete: for the bound array, and once for any array. */
    private static String explain(HikariDataSource ds, int enterprises) throws SQLException {
        StringBuilder plan = new StringBuilder("Custom plan (the array known):\n");
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN DELETE FROM evaluation_result"
                    + " WHERE enterprise_id = ANY (?) AND year = 2024 AND ruleset_id = 'tsme' AND ruleset_version = '2017'")) {
                ps.setArray(1, c.createArrayOf("bigint", LongStream.rangeClosed(1, enterprises).boxed().toArray(Long[]::new)));
                lines(ps, plan);
            }
            plan.append("Generic plan (any array):\n");
            try (Statement s = c.createStatement()) {
                s.execute("PREPARE replaced(bigint[], int, text, text) AS DELETE FROM evaluation_result"
                        + " WHERE enterprise_id = ANY ($1) AND year = $2 AND ruleset_id = $3 AND ruleset_version = $4");
                s.execute("SET plan_cache_mode = force_generic_plan");
            }
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN EXECUTE replaced('{1,2}', 2024, 'tsme', '2017')")) {
                lines(ps, plan);
            }
            try (Statement s = c.createStatement()) {
                s.execute("DEALLOCATE replaced");
                s.execute("RESET plan_cache_mode");
            }
        }
        return plan.toString();
    }

    private static void lines(PreparedStatement ps, StringBuilder plan) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String line = rs.getString(1);
                plan.append(line.length() > 160 ? line.substring(0, 160) + "…" : line).append('\n');
            }
        }
    }

    interface Work {
        void run(Connection c) throws SQLException;
    }

    record Variant(String name, Work work) {
        long time(HikariDataSource ds) throws SQLException {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                long t = System.nanoTime();
                work.run(c);
                long elapsed = System.nanoTime() - t;
                c.rollback();
                return elapsed;
            }
        }
    }
}
