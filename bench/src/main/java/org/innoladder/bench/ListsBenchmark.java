package org.innoladder.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.innoladder.evaluation.StoredNearRatios;
import org.innoladder.ladder.LadderService;
import org.innoladder.ladder.LadderSnapshot;
import org.innoladder.region.Regions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The paged list pages at scale, as a user meets them: the first and the 100th page of every list (enterprises, the
 * dashboard's drill-down, a reserve pool, the points ranking, the award cases, the ladder's transitions) requested over
 * HTTP from the product's own server, for a city, a district and a town officer, timed end to end (query and page).
 *
 * <p>Two steps, so that one prepared data set serves many measurements and builds can be compared in one run:
 * <pre>
 * mvn -B -q -o package -DskipTests -pl rules,app,bench -am
 * java -Xmx3g -cp bench/target/benchmarks.jar org.innoladder.bench.ListsBenchmark prepare --dir /tmp/lists-1m --enterprises 1000000
 * java -cp bench/target/benchmarks.jar org.innoladder.bench.ListsBenchmark measure --dir /tmp/lists-1m --reps 20 \
 *      before=/tmp/innoladder-before.jar after=app/target/innoladder-app-0.1.0-SNAPSHOT-exec.jar
 * </pre>
 * {@code prepare} fills an embedded PostgreSQL set-based ({@link DashboardBenchmark#fill}: enterprises over the real
 * 常州 towns, recognitions, evaluation results), refreshes the ladder snapshot of 2023 and 2024 as the product does,
 * adds innovation points for 2024, award cases for a fifth of the enterprises, and three officers. {@code measure}
 * starts each jar's {@code serve} on that data directory in turn and requests every page {@code reps} times after one
 * warm-up; it prints p50, p95 and max per page, and the server's CPU time per page (its JVM and its PostgreSQL
 * processes), which other load on a shared machine disturbs far less than the wall time. {@code --pages a,b} measures
 * only the pages whose names contain one of those words.
 */
public final class ListsBenchmark {
    static final String PASSWORD = "Bench@2026";

    private ListsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) throw new IllegalArgumentException("prepare --dir D --enterprises N | measure --dir D label=jar …");
        Path dir = Path.of(value(args, "--dir", "/tmp/innoladder-lists"));
        var logs = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        logs.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        if (args[0].equals("prepare")) prepare(dir, Measure.option(args, "--enterprises", 1_000_000));
        else if (args[0].equals("refresh")) refresh(dir, Measure.option(args, "--changed", 1000));
        else measure(dir, args, Measure.option(args, "--reps", 20));
    }

    // ---- prepare --------------------------------------------------------------------------------------------

    static void prepare(Path dir, int enterprises) throws Exception {
        Files.createDirectories(dir);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("postgres")).setCleanDataDirectory(false)
                .setServerConfig("timezone", "Asia/Shanghai").start(); HikariDataSource ds = DashboardBenchmark.dataSource(pg)) {
            Flyway.configure().dataSource(ds).locations(appMigrations()).load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            long t = System.nanoTime();
            DashboardBenchmark.fill(jdbc, enterprises);
            System.out.printf(Locale.ROOT, "generated %,d enterprises in %.1f s%n", enterprises, Measure.secs(t));
            LadderSnapshot snapshot = new LadderSnapshot(new NamedParameterJdbcTemplate(ds), null,
                    new LadderService(new NamedParameterJdbcTemplate(ds), 0.2, true, true),
                    new StoredNearRatios(JdbcClient.create(ds)), new Regions(JdbcClient.create(ds)), null);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
            for (int year : new int[] {2023, 2024}) {
                long r = System.nanoTime();
                tx.execute(s -> snapshot.refresh(year, LadderSnapshot.Target.all(), "bench"));
                System.out.printf(Locale.ROOT, "snapshot %d refreshed in %.1f s%n", year, Measure.secs(r));
            }
            t = System.nanoTime();
            points(jdbc);
            awards(jdbc);
            officers(jdbc);
            jdbc.execute("VACUUM ANALYZE");
            System.out.printf(Locale.ROOT, "points, award cases and officers in %.1f s%n", Measure.secs(t));
        }
    }

    /**
     * What a snapshot refresh of a few enterprises costs on this data (the transitions stored at refresh, V182, add to
     * it): 2024, 2023, 2024, 2023 refreshed for {@code changed} enterprises spread over the region, each timed. Run it
     * on a copy of the data directory that a build's server has migrated, with that build's bench jar.
     */
    static void refresh(Path dir, int changed) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("postgres")).setCleanDataDirectory(false)
                .setServerConfig("timezone", "Asia/Shanghai").start(); HikariDataSource ds = DashboardBenchmark.dataSource(pg)) {
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            LadderSnapshot snapshot = new LadderSnapshot(new NamedParameterJdbcTemplate(ds), null,
                    new LadderService(new NamedParameterJdbcTemplate(ds), 0.2, true, true),
                    new StoredNearRatios(JdbcClient.create(ds)), new Regions(JdbcClient.create(ds)), null);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
            long count = jdbc.queryForObject("SELECT count(*) FROM enterprise", Long.class);
            List<Long> ids = jdbc.queryForList("SELECT id FROM enterprise WHERE id % ? = 7 ORDER BY id LIMIT ?", Long.class,
                    Math.max(1, count / changed), changed);
            for (int year : new int[] {2024, 2023, 2024, 2023}) {
                long t = System.nanoTime();
                tx.execute(s -> snapshot.refresh(year, LadderSnapshot.Target.enterprises(ids), "bench"));
                System.out.printf(Locale.ROOT, "refresh %d of %,d enterprises: %.2f s%n", year, ids.size(), Measure.secs(t));
            }
        }
    }

    /** The application's Flyway locations, read from its application.yml, so the server starts on this schema as is. */
    static String[] appMigrations() throws IOException {
        try (var in = ListsBenchmark.class.getResourceAsStream("/application.yml")) {
            String yml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            List<String> locations = new ArrayList<>();
            Matcher m = Pattern.compile("^\\s+- (classpath:\\S+migration\\S*)$", Pattern.MULTILINE).matcher(yml);
            while (m.find()) locations.add(m.group(1));
            return locations.toArray(String[]::new);
        }
    }

    /** Points of 2024 for every enterprise: a total from a hash, stages by age, percentiles by rank within the stage. */
    static void points(JdbcTemplate jdbc) {
        jdbc.execute("""
                INSERT INTO points_run (id, year, model_id, model_version, started_by, finished_at, enterprises)
                VALUES (1, 2024, 'innoladder-default', 'bench', 'bench', now(), (SELECT count(*) FROM enterprise))""");
        jdbc.execute("""
                INSERT INTO enterprise_points (enterprise_id, year, model_id, model_version, stage, total, percentile,
                                               stage_uncertain, breakdown, run_id)
                SELECT id, 2024, 'innoladder-default', 'bench', stage, total,
                       round(100.0 * (rank() OVER (PARTITION BY stage ORDER BY total) - 1)
                             / greatest(count(*) OVER (PARTITION BY stage) - 1, 1), 2), false, '{}', 1
                FROM (SELECT e.id, CASE WHEN e.founded_on > DATE '2019-01-01' THEN 'startup'
                                        WHEN e.id % 3 = 0 THEN 'growth' ELSE 'stable' END AS stage,
                             round(((hashint4(e.id::int + 11) & 2147483647) % 10000) / 100.0, 2) AS total
                      FROM enterprise e) x""");
        // written straight into the table, so the distribution's summary is built here as a points run builds it
        jdbc.execute("SELECT points_summary_refresh(2024)");
    }

    /** A published automatic policy and award cases for a fifth of the enterprises, in every step of the workflow. */
    static void awards(JdbcTemplate jdbc) {
        jdbc.execute("INSERT INTO policy (id, code, region_code, status, published_version, created_by)"
                + " VALUES (1, 'bench-hnte-award', '3204', 'PUBLISHED', 1, 'bench')");
        jdbc.execute("""
                INSERT INTO policy_version (policy_id, version, title_zh, title_en, issuer, document_no, period_start, period_end,
                                            target_group, mode, eligibility, award, budget_yuan, definition, created_by)
                VALUES (1, 1, '压测高企奖励', 'Bench HNTE award', '常州市科学技术局', '压测〔2024〕1号', DATE '2024-01-01',
                        DATE '2024-12-31', '高新技术企业', 'AUTOMATIC', 'true', '200000', 1e12, 'bench', 'bench')""");
        jdbc.execute("""
                INSERT INTO award_case (policy_id, policy_version, enterprise_id, period, origin, amount_yuan, status,
                                        status_since, account_name, account_bank, account_number, created_at)
                SELECT 1, 1, e.id, 2024, 'AUTOMATIC', 200000,
                       (ARRAY['MATCHED','MATCHED','MATCHED','TOWN_REVIEWED','BUDGET_WAIT'])[1 + e.id % 5],
                       TIMESTAMPTZ '2024-03-01 09:00+08' + make_interval(mins => ((hashint4(e.id::int) & 2147483647) % 400000)),
                       CASE WHEN e.id % 5 >= 3 THEN e.name END, CASE WHEN e.id % 5 >= 3 THEN '压测银行' END,
                       CASE WHEN e.id % 5 >= 3 THEN lpad(e.id::text, 12, '0') END,
                       TIMESTAMPTZ '2024-03-01 09:00+08'
                FROM enterprise e WHERE e.id % 5 = 0""");
    }

    /** A city, a district and a town officer; the district and town with the most enterprises. */
    static void officers(JdbcTemplate jdbc) {
        String district = jdbc.queryForObject("SELECT county_code FROM enterprise GROUP BY 1 ORDER BY count(*) DESC LIMIT 1", String.class);
        String town = jdbc.queryForObject("SELECT town_code FROM enterprise WHERE county_code = ? AND town_code IS NOT NULL"
                + " GROUP BY 1 ORDER BY count(*) DESC LIMIT 1", String.class, district);
        String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD);
        for (String[] o : new String[][] {{"bench_city", "BUREAU", "3204"}, {"bench_district", "BUREAU", district},
                {"bench_town", "TOWN", town}}) {
            jdbc.update("INSERT INTO app_user (username, password_hash, display_name, role, region_code) VALUES (?, ?, ?, ?, ?)",
                    o[0], hash, o[0], o[1], o[2]);
        }
    }

    // ---- measure --------------------------------------------------------------------------------------------

    static void measure(Path dir, String[] args, int reps) throws Exception {
        List<String> only = List.of(value(args, "--pages", "").split(",")).stream().filter(x -> !x.isBlank()).toList();
        Map<String, Path> jars = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq > 0 && !a.startsWith("--")) jars.put(a.substring(0, eq), Path.of(a.substring(eq + 1)));
        }
        if (jars.isEmpty()) throw new IllegalArgumentException("name at least one jar: label=path/to/innoladder-app-…-exec.jar");
        System.out.printf(Locale.ROOT, "%d processors, load average %.2f, %d requests per page after one warm-up%n%n",
                Runtime.getRuntime().availableProcessors(), Measure.load(), reps);
        System.out.println("| build | officer | page | p50 ms | p95 ms | max ms | server CPU ms per page (JVM + PostgreSQL) | bytes |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Map.Entry<String, Path> jar : jars.entrySet()) {
            int port = FirstStartBenchmark.freePort();
            int pgPort = FirstStartBenchmark.freePort();
            List<String> command = new ArrayList<>(List.of("java", "-Xmx2g", "-jar", jar.getValue().toAbsolutePath().toString(), "serve",
                    "--server.port=" + port, "--management.server.port=0", "--innoladder.demo.load-when-empty=false",
                    "--innoladder.database.embedded.data-dir=" + dir.resolve("postgres").toAbsolutePath(),
                    "--innoladder.database.embedded.port=" + pgPort, "--innoladder.import.upload-dir=" + dir.resolve("uploads")));
            // e.g. --spring.flyway.out-of-order=true for a data set that a later branch's migrations reached first
            for (String a : args) if (a.startsWith("--spring.")) command.add(a);
            Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("server-" + jar.getKey() + ".log").toFile()).start();
            try {
                String base = "http://localhost:" + port;
                waitFor(base + "/login", server);
                ServerCpu cpu = new ServerCpu(server.pid(), dir.resolve("postgres"));
                for (String officer : new String[] {"bench_city", "bench_district", "bench_town"}) {
                    HttpClient http = login(base, officer);
                    for (Map.Entry<String, String> page : pages().entrySet()) {
                        if (!only.isEmpty() && only.stream().noneMatch(page.getKey()::contains)) continue;
                        for (int n : new int[] {1, 100}) {
                            String url = base + page.getValue() + (page.getValue().contains("?") ? "&" : "?") + "page=" + n;
                            System.out.println(time(http, cpu, jar.getKey(), officer, page.getKey() + " p." + n, url, reps));
                        }
                    }
                }
            } finally {
                server.destroy();
                server.waitFor();
            }
        }
    }

    /** The list pages, each for 2024 (the prepared year) where the page takes a year. */
    static Map<String, String> pages() {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("enterprises", "/enterprises");
        pages.put("dashboard: HNTE held", "/dashboard/enterprises?year=2024&figure=HOLDING&tier=HNTE");
        pages.put("dashboard: TSME held", "/dashboard/enterprises?year=2024&figure=HOLDING&tier=TSME");
        pages.put("HNTE reserve pool", "/ladder/pool?tier=HNTE&year=2024");
        pages.put("points ranking", "/points?year=2024");
        pages.put("award cases", "/awards");
        pages.put("transitions 2023→2024", "/ladder/transitions?from=2023&to=2024");
        return pages;
    }

    static String time(HttpClient http, ServerCpu cpu, String build, String officer, String label, String url, int reps)
            throws Exception {
        List<Double> ms = new ArrayList<>();
        long bytes = 0;
        long cpuBefore = 0;
        for (int i = 0; i <= reps; i++) {
            if (i == 1) cpuBefore = cpu.nanos();
            long s = System.nanoTime();
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
            double took = (System.nanoTime() - s) / 1e6;
            if (r.statusCode() != 200) throw new IllegalStateException(url + " answered " + r.statusCode());
            bytes = r.body().length;
            if (i > 0) ms.add(took);
        }
        double cpuMs = (cpu.nanos() - cpuBefore) / 1e6 / reps;
        Collections.sort(ms);
        return String.format(Locale.ROOT, "| %s | %s | %s | %.0f | %.0f | %.0f | %.0f | %,d |", build, officer, label,
                ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.95) - 1), ms.get(ms.size() - 1), cpuMs, bytes);
    }

    /**
     * CPU time used by the server: its JVM and every process of its PostgreSQL (the postmaster's children), from
     * {@code /proc} in clock ticks of 10 ms. On a shared machine this is what a page costs, whatever else runs.
     */
    record ServerCpu(long jvmPid, Path dataDir) {
        long nanos() throws IOException {
            long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
            long ticks = ticks(jvmPid) + ticks(postmaster);
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                    String[] f = stat(Long.parseLong(p.getFileName().toString()));
                    if (f != null && Long.parseLong(f[1]) == postmaster) ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
            return ticks * 10_000_000L;
        }

        private static long ticks(long pid) throws IOException {
            String[] f = stat(pid);
            return f == null ? 0 : Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }

        /** The fields of /proc/PID/stat after the command name (state first), or null when the process is gone. */
        private static String[] stat(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            } catch (IOException gone) {
                return null;
            }
        }
    }

    static HttpClient login(String base, String username) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String form = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
        if (!csrf.find()) throw new IllegalStateException("no CSRF token on the login page");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + PASSWORD + "&_csrf=" + csrf.group(1)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.uri().getPath().startsWith("/login")) throw new IllegalStateException(username + " could not log in");
        return http;
    }

    static void waitFor(String url, Process server) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) throw new IllegalStateException("the server stopped; see its log in the data directory");
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the server did not answer within 20 minutes (migrations on a large data set take minutes)");
    }

    static String value(String[] args, String name, String otherwise) {
        for (int k = 0; k + 1 < args.length; k++) if (args[k].equals(name)) return args[k + 1];
        return otherwise;
    }
}
