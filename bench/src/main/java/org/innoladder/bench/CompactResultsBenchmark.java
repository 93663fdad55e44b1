package org.innoladder.bench;

import static org.innoladder.bench.Measure.cpuNanos;
import static org.innoladder.bench.Measure.load;
import static org.innoladder.bench.Measure.ms;
import static org.innoladder.bench.Measure.option;
import static org.innoladder.bench.Measure.secs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.innoladder.db.CsvCopy;
import org.innoladder.evaluation.CompactResultWriter;
import org.innoladder.evaluation.CompactResultWriter.Source;
import org.innoladder.generator.GeneratorSettings;
import org.innoladder.generator.SyntheticData;
import org.innoladder.generator.SyntheticEnterprise;
import org.innoladder.rules.BatchResult;
import org.innoladder.rules.EvaluationResult;
import org.innoladder.rules.EvaluationResult.CriterionResult;
import org.innoladder.rules.EvaluationResult.Gap;
import org.innoladder.rules.EvaluationResult.ItemResult;
import org.innoladder.rules.NearRatio;
import org.innoladder.rules.Outcome;
import org.innoladder.rules.Population;
import org.innoladder.rules.ResultCodec;
import org.innoladder.rules.Ruleset;
import org.innoladder.rules.RulesetInfo;
import org.innoladder.rules.Rulesets;
import org.innoladder.rules.Status;
import org.innoladder.rules.facts.FactRow;
import org.postgresql.PGConnection;

/**
 * Compact against JSON storage of evaluation results, in one run against one embedded PostgreSQL 17 started with the
 * product's durable settings (fsync, synchronous_commit and full_page_writes on):
 * <ol>
 *   <li><b>store</b> — N generated enterprises (the demo generator, 2019–2024) × the default version of every ruleset ×
 *       the years 2020–2024, one transaction per year as a run stores it. Old: {@link LegacyJsonWriter} (the JSON writer
 *       of commit 4eebb31, into a table of the old definition); new: {@link ResultCodec} and {@link CompactResultWriter}.
 *       Both start from the same explained results, so this is storing alone; rounds alternate and the first round
 *       writes into empty tables, later ones replace. Then the same per year with evaluation and explanation included.</li>
 *   <li><b>format</b> — the same compact results as bytea by binary COPY (the product), bytea by text COPY (hex), and as
 *       PostgreSQL arrays by text COPY (statuses smallint[], values, thresholds and gaps float8[], item points int[],
 *       text values text[]); COPY time, size per row and the time to read every row back into Java.</li>
 *   <li><b>scale</b> — M enterprises (2022–2024) × tsme@2017 and hnte@2016 evaluated and stored: population, batch,
 *       explanations with the near ratio and encoding, then deleting any earlier rows and the binary COPY in one
 *       transaction, commit included. Optionally the old path at a smaller size for comparison.</li>
 * </ol>
 * Generating the data and inserting the enterprises are not timed.
 *
 * <pre>
 * mvn -B -q -pl rules,app,bench -am package -DskipTests
 * java -Xmx8g -cp bench/target/benchmarks.jar org.innoladder.bench.CompactResultsBenchmark --enterprises 6000 --rounds 2 \
 *      --scale 1000000 --old-at-scale 100000
 * </pre>
 */
public final class CompactResultsBenchmark {

    private CompactResultsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int enterprises = option(args, "--enterprises", 6000);
        int rounds = option(args, "--rounds", 2);
        int scale = option(args, "--scale", 1_000_000);
        int oldAtScale = option(args, "--old-at-scale", 0);
        var logs = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        logs.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        Path work = Files.createTempDirectory("innoladder-compact-bench");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg")).setCleanDataDirectory(true)
                .setServerConfig("timezone", "Asia/Shanghai").setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on").start();
             HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres");
            ds.setUsername("postgres");
            ds.setPassword("postgres");
            ds.setMaximumPoolSize(4);
            Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:org/innoladder/region/migration",
                    "classpath:org/innoladder/evaluation/migration").load().migrate();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute(LegacyJsonWriter.TABLE);
                s.execute(PREVIOUS_TABLE);
                try (ResultSet rs = s.executeQuery("SELECT version(), current_setting('fsync'), current_setting('synchronous_commit'),"
                        + " current_setting('shared_buffers')")) {
                    rs.next();
                    System.out.printf("%s; fsync %s, synchronous_commit %s, shared_buffers %s%n", rs.getString(1), rs.getString(2),
                            rs.getString(3), rs.getString(4));
                }
            }
            Runtime rt = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "java %s, %d processors, max heap %,d MB, load average %.2f%n%n", System.getProperty("java.version"),
                    rt.availableProcessors(), rt.maxMemory() >> 20, load());
            store(ds, enterprises, rounds);
            if (scale > 0) scale(ds, scale, oldAtScale);
        } finally {
            deleteQuietly(work);
        }
    }

    // ---- 1 and 2: the demo's size --------------------------------------------------------------------------------------

    private static void store(HikariDataSource ds, int n, int rounds) throws Exception {
        long t = System.nanoTime();
        SyntheticData data = new SyntheticData(new GeneratorSettings(n, 2019, 2024, 2026, false));
        List<SyntheticEnterprise> generated = IntStream.range(0, n).parallel().mapToObj(data::enterprise).toList();
        List<FactRow> rows = generated.stream().flatMap(e -> e.rows().stream()).toList();
        Map<String, Long> ids = insertEnterprises(ds, generated);
        long runId = run(ds);
        List<Ruleset> rulesets = Rulesets.list().stream().map(RulesetInfo::id).distinct().map(Rulesets::get).toList();
        Map<Integer, Population> populations = new LinkedHashMap<>();
        for (int year = 2020; year <= 2024; year++) populations.put(year, Population.of(rows, year));
        System.out.printf("%,d enterprises, %,d rows, %d rulesets, years 2020–2024 generated and inserted in %.1f s (not timed)%n",
                n, rows.size(), rulesets.size(), secs(t));

        long e = System.nanoTime();
        Map<Integer, Map<String, List<EvaluationResult>>> explained = new LinkedHashMap<>();
        int results = 0;
        for (var p : populations.entrySet()) {
            Map<String, List<EvaluationResult>> byRuleset = new LinkedHashMap<>();
            for (Ruleset r : rulesets) {
                List<EvaluationResult> list = r.evaluate(p.getValue()).results();
                byRuleset.put(r.info().ref(), list);
                results += list.size();
            }
            explained.put(p.getKey(), byRuleset);
        }
        System.out.printf("%,d results evaluated and explained in %s (the input of both writers, not timed below)%n%n", results, ms(System.nanoTime() - e));

        System.out.printf("Storing them, one transaction per year (%d rulesets each), commit included:%n", rulesets.size());
        System.out.println();
        System.out.println("| round | tables | old: toJson, CSV COPY to staging, upsert | new: binary COPY, or into a temporary table and MERGE"
                + " when replacing | old / new | CPU old: Java + PostgreSQL | CPU new: Java + PostgreSQL | CPU old / new"
                + " | compact before: DELETE, then binary COPY | old / compact before | CPU compact before: Java + PostgreSQL | load |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        // each writer stores one year once, untimed, and the tables are emptied: round 1 then measures storing, not the
        // JIT compiling the writer (which had cost the compact writers 3 s of CPU in the first round)
        var first = explained.entrySet().iterator().next();
        cost(ds, c -> {
            LegacyJsonWriter.store(c, runId, first.getValue(), ids);
            CompactResultWriter.store(c, runId, sources(first.getValue(), populations.get(first.getKey())), ids, x -> { });
            deleteThenCopy(c, runId, sources(first.getValue(), populations.get(first.getKey())), ids);
            c.createStatement().execute("TRUNCATE evaluation_result_json, evaluation_result, evaluation_result_previous");
        });
        for (int round = 1; round <= rounds; round++) {
            Cost old = cost(ds, c -> {
                for (var y : explained.entrySet()) {
                    LegacyJsonWriter.store(c, runId, y.getValue(), ids);
                    c.commit();
                }
            });
            Cost now = cost(ds, c -> {
                for (var y : explained.entrySet()) {
                    CompactResultWriter.store(c, runId, sources(y.getValue(), populations.get(y.getKey())), ids, x -> { });
                    c.commit();
                }
            });
            Cost before = cost(ds, c -> {
                for (var y : explained.entrySet()) {
                    deleteThenCopy(c, runId, sources(y.getValue(), populations.get(y.getKey())), ids);
                    c.commit();
                }
            });
            System.out.printf(Locale.ROOT, "| %d | %s | %s | **%s** | **%.1f×** | %s | %s | **%.1f×** | %s | %.1f× | %s | %.1f |%n", round,
                    round == 1 ? "empty" : "replacing", ms(old.wall), ms(now.wall), (double) old.wall / now.wall, old.cpu(), now.cpu(),
                    (double) old.total() / now.total(), ms(before.wall), (double) old.wall / before.wall, before.cpu(), load());
        }
        sizes(ds);

        System.out.println();
        System.out.println("Per year as a run does it after loading the facts (batch, explanations, store), both on this build's engine:");
        System.out.println();
        System.out.println("| round | old: batch + results() + JSON store | new: batch, then explanations while storing | old / new"
                + " | CPU old: Java + PostgreSQL | CPU new: Java + PostgreSQL | CPU old / new |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int round = 1; round <= rounds; round++) {
            Cost old = cost(ds, c -> {
                for (var p : populations.entrySet()) {
                    Map<String, List<EvaluationResult>> byRuleset = new LinkedHashMap<>();
                    for (Ruleset r : rulesets) byRuleset.put(r.info().ref(), r.evaluate(p.getValue()).results());
                    LegacyJsonWriter.store(c, runId, byRuleset, ids);
                    c.commit();
                }
            });
            Cost now = cost(ds, c -> {
                for (var p : populations.entrySet()) {
                    List<Source> sources = new ArrayList<>();
                    for (Ruleset r : rulesets) sources.add(Source.of(r, r.evaluate(p.getValue())));
                    CompactResultWriter.store(c, runId, sources, ids, x -> { });
                    c.commit();
                }
            });
            System.out.printf(Locale.ROOT, "| %d | %s | %s | %.1f× | %s | %s | %.1f× |%n", round, ms(old.wall), ms(now.wall),
                    (double) old.wall / now.wall, old.cpu(), now.cpu(), (double) old.total() / now.total());
        }

        formats(ds, explained, populations, ids, rounds);
    }

    /** The compact writer as it was before the MERGE (commit 5590603), into a table of evaluation_result's definition then. */
    private static final String PREVIOUS_TABLE = "CREATE TABLE evaluation_result_previous (LIKE evaluation_result INCLUDING ALL)"
            + " WITH (fillfactor = 100)";

    private static void deleteThenCopy(Connection c, long runId, List<Source> sources, Map<String, Long> ids) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(hashtext('evaluation_result'))");
        }
        for (Source source : sources) {
            Long[] enterprises = new Long[source.population().size()];
            for (int i = 0; i < enterprises.length; i++) enterprises[i] = ids.get(source.population().creditCode(i));
            org.innoladder.db.ArrayDelete.run(c, "DELETE FROM evaluation_result_previous WHERE year = ? AND ruleset_id = ?"
                    + " AND ruleset_version = ? AND enterprise_id = ANY (?)", ps -> {
                ps.setInt(1, source.population().year());
                ps.setString(2, source.ruleset().id());
                ps.setString(3, source.ruleset().version());
                ps.setArray(4, c.createArrayOf("bigint", enterprises));
            });
        }
        CompactResultWriter.copy(c, "evaluation_result_previous", runId, sources, ids, x -> { });
    }

    /** The explained results of a year as the writer's sources. */
    private static List<Source> sources(Map<String, List<EvaluationResult>> byRuleset, Population population) {
        List<Source> sources = new ArrayList<>();
        for (var r : byRuleset.entrySet()) sources.add(new Source(Rulesets.get(r.getKey()), population, r.getValue()::get));
        return sources;
    }

    private static void sizes(HikariDataSource ds) throws Exception {
        System.out.println();
        System.out.println("| table | rows | total size with indexes | heap | per row (heap) | average row | average payload |");
        System.out.println("|---|---|---|---|---|---|---|");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE evaluation_result_json");
            s.execute("VACUUM ANALYZE evaluation_result");
            for (String[] t : new String[][] {{"evaluation_result_json", "length(result::text)", "characters of JSON"},
                    {"evaluation_result", "length(detail)", "bytes of detail"}}) {
                try (ResultSet rs = s.executeQuery("SELECT count(*), pg_size_pretty(pg_total_relation_size('" + t[0] + "')),"
                        + " pg_size_pretty(pg_relation_size('" + t[0] + "')), pg_total_relation_size('" + t[0] + "'), pg_relation_size('"
                        + t[0] + "'), avg(pg_column_size(x.*)), avg(" + t[1] + ") FROM " + t[0] + " x")) {
                    rs.next();
                    long count = rs.getLong(1);
                    System.out.printf(Locale.ROOT, "| %s | %,d | %s (%,d B/row) | %s | %,d B | %,.0f B | %,.0f %s |%n", t[0], count,
                            rs.getString(2), rs.getLong(4) / count, rs.getString(3), rs.getLong(5) / count, rs.getDouble(6),
                            rs.getDouble(7), t[2]);
                }
            }
        }
    }

    // ---- 2: formats --------------------------------------------------------------------------------------------------

    private static final String KEY = "run_id bigint, enterprise_id bigint, year integer, ruleset_id text, ruleset_version text, outcome text,"
            + " score_min integer, score_max integer, near_ratio double precision, ";
    private static final String PK = ", PRIMARY KEY (enterprise_id, year, ruleset_id, ruleset_version))";

    private static void formats(HikariDataSource ds, Map<Integer, Map<String, List<EvaluationResult>>> explained,
                                Map<Integer, Population> populations, Map<String, Long> ids, int rounds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE fmt_binary (" + KEY + "detail bytea" + PK);
            s.execute("CREATE TABLE fmt_hex (" + KEY + "detail bytea" + PK);
            s.execute("CREATE TABLE fmt_arrays (" + KEY + "status smallint[], value float8[], threshold float8[], item integer[],"
                    + " gap float8[], text text[]" + PK);
            // evaluation_result's second index, with the database's collation and with "C"
            s.execute("CREATE TABLE fmt_listed (" + KEY + "detail bytea" + PK);
            s.execute("CREATE INDEX ON fmt_listed (ruleset_id, year, outcome)");
            s.execute("CREATE TABLE fmt_listed_c (" + KEY.replace("ruleset_id text", "ruleset_id text COLLATE \"C\"")
                    .replace("ruleset_version text", "ruleset_version text COLLATE \"C\"").replace("outcome text", "outcome text COLLATE \"C\"")
                    + "detail bytea" + PK);
            s.execute("CREATE INDEX ON fmt_listed_c (ruleset_id, year, outcome)");
        }
        List<Source> sources = new ArrayList<>();
        for (var y : explained.entrySet()) sources.addAll(sources(y.getValue(), populations.get(y.getKey())));
        int rows = sources.stream().mapToInt(x -> x.population().size()).sum();
        System.out.println();
        System.out.printf("Formats: the same %,d explained results encoded (all cores) and copied into tables keyed like evaluation_result, one"
                + " transaction each:%n%n", rows);
        System.out.println("| round | bytea, binary COPY | bytea, text COPY (hex) | arrays, text COPY | bytea, binary, with the list index"
                + " | the same, text columns in collation C |");
        System.out.println("|---|---|---|---|---|---|");
        for (int round = 1; round <= rounds; round++) {
            long bin = timed(ds, c -> {
                c.createStatement().execute("TRUNCATE fmt_binary");
                CompactResultWriter.copy(c, "fmt_binary", 0, sources, ids, x -> { });
            });
            long hex = timed(ds, c -> {
                c.createStatement().execute("TRUNCATE fmt_hex");
                textCopy(c, "fmt_hex", sources, ids, false);
            });
            long arr = timed(ds, c -> {
                c.createStatement().execute("TRUNCATE fmt_arrays");
                textCopy(c, "fmt_arrays", sources, ids, true);
            });
            long listed = timed(ds, c -> {
                c.createStatement().execute("TRUNCATE fmt_listed");
                CompactResultWriter.copy(c, "fmt_listed", 0, sources, ids, x -> { });
            });
            long listedC = timed(ds, c -> {
                c.createStatement().execute("TRUNCATE fmt_listed_c");
                CompactResultWriter.copy(c, "fmt_listed_c", 0, sources, ids, x -> { });
            });
            System.out.printf("| %d | %s | %s | %s | %s | %s |%n", round, ms(bin), ms(hex), ms(arr), ms(listed), ms(listedC));
        }
        System.out.println();
        System.out.println("| format | total size with indexes | per row | average row | read every row back: statuses | full results |");
        System.out.println("|---|---|---|---|---|---|");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String t : new String[] {"fmt_binary", "fmt_arrays"}) s.execute("VACUUM ANALYZE " + t);
            for (String t : new String[] {"fmt_binary", "fmt_arrays"}) {
                long statuses = Long.MAX_VALUE, full = Long.MAX_VALUE;
                for (int round = 0; round < Math.max(2, rounds); round++) {
                    statuses = Math.min(statuses, read(c, t, false));
                    if (t.equals("fmt_binary")) full = Math.min(full, read(c, t, true));
                }
                try (ResultSet rs = s.executeQuery("SELECT pg_size_pretty(pg_total_relation_size('" + t + "')), pg_total_relation_size('" + t
                        + "') / count(*), avg(pg_column_size(x.*)) FROM " + t + " x")) {
                    rs.next();
                    System.out.printf(Locale.ROOT, "| %s | %s | %,d B | %,.0f B | %s | %s |%n", t.equals("fmt_binary") ? "bytea" : "arrays",
                            rs.getString(1), rs.getLong(2), rs.getDouble(3), ms(statuses),
                            t.equals("fmt_binary") ? ms(full) : "(not built)");
                }
            }
        }
    }

    @FunctionalInterface
    private interface Work {
        void run(Connection c) throws Exception;
    }

    /** Wall time, and CPU time of this JVM and of the PostgreSQL backend that served the work. */
    private record Cost(long wall, long java, long postgres) {
        long total() {
            return java + postgres;
        }

        String cpu() {
            return ms(java) + " + " + ms(postgres);
        }
    }

    /** The work on one connection (autocommit off; the work commits), measured. */
    private static Cost cost(HikariDataSource ds, Work work) throws Exception {
        // the collector clears the previous work's garbage first, so no writer's CPU pays for another's (the JSON writer
        // leaves gigabytes, which otherwise the next writer's time collected)
        System.gc();
        try (Connection c = ds.getConnection()) {
            long pg = Measure.backendCpuNanos(c), java = cpuNanos(), a = System.nanoTime();
            c.setAutoCommit(false);
            work.run(c);
            c.commit();
            long wall = System.nanoTime() - a, javaCpu = cpuNanos() - java;
            c.setAutoCommit(true);
            return new Cost(wall, javaCpu, Measure.backendCpuNanos(c) - pg);
        }
    }

    private static long timed(HikariDataSource ds, Work work) throws Exception {
        long a = System.nanoTime();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            work.run(c);
            c.commit();
        }
        return System.nanoTime() - a;
    }

    /** Every row read back: statuses decoded (what lists need), or the full explained result (the file page). */
    private static long read(Connection c, String table, boolean full) throws Exception {
        long a = System.nanoTime();
        long fails = 0;
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.setFetchSize(10_000);
            boolean bytea = table.equals("fmt_binary");
            try (ResultSet rs = s.executeQuery("SELECT ruleset_id, ruleset_version, year, outcome, score_min, score_max, "
                    + (bytea ? "detail" : "status, value, threshold, item, gap, text") + " FROM " + table)) {
                while (rs.next()) {
                    Ruleset r = Rulesets.get(rs.getString(1) + "@" + rs.getString(2));
                    if (bytea && full) {
                        EvaluationResult x = org.innoladder.evaluation.CompactResultReader.result(new org.innoladder.evaluation.CompactResultReader.Row(
                                "", "", rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), (Integer) rs.getObject(5),
                                (Integer) rs.getObject(6), rs.getBytes(7)));
                        fails += x.criteria(Status.FAIL).size();
                    } else if (bytea) {
                        for (Status st : ResultCodec.statuses(r, rs.getBytes(7))) if (st == Status.FAIL) fails++;
                    } else {
                        for (Object st : (Object[]) rs.getArray(7).getArray()) if (((Number) st).intValue() == Status.FAIL.ordinal()) fails++;
                        for (int k = 8; k <= 12; k++) {
                            Array array = rs.getArray(k);
                            if (array != null) array.getArray();
                        }
                    }
                }
            }
        }
        c.commit();
        if (fails == 0) throw new IllegalStateException("no failed criterion read back from " + table);
        return System.nanoTime() - a;
    }

    private static void textCopy(Connection c, String table, List<Source> sources, Map<String, Long> ids, boolean arrays)
            throws Exception {
        var copy = c.unwrap(PGConnection.class).getCopyAPI();
        String sql = "COPY " + table + " FROM STDIN (FORMAT csv)";
        HexFormat hex = HexFormat.of();
        for (Source source : sources) {
            Population p = source.population();
            String[] lines = new String[p.size()];
            IntStream.range(0, p.size()).parallel().forEach(i -> {
                EvaluationResult r = source.result().apply(i);
                Double near = r.outcome() == Outcome.NOT_QUALIFIED ? NearRatio.of(source.ruleset(), r) : null;
                StringBuilder b = new StringBuilder(256).append("0,").append(ids.get(p.creditCode(i))).append(',').append(p.year()).append(',');
                CsvCopy.quoted(b, r.ruleset()).append(',');
                CsvCopy.quoted(b, r.version()).append(',').append(r.outcome()).append(',');
                if (r.score() != null) b.append(r.score().min());
                b.append(',');
                if (r.score() != null) b.append(r.score().max());
                b.append(',');
                if (near != null) b.append(near);
                b.append(',');
                if (arrays) arrays(b, r);
                else b.append("\\x").append(hex.formatHex(ResultCodec.encode(source.ruleset(), r).detail()));
                lines[i] = b.append('\n').toString();
            });
            StringBuilder b = new StringBuilder(1 << 20);
            for (String line : lines) {
                b.append(line);
                if (b.length() > 1 << 20) CsvCopy.flush(copy, sql, b);
            }
            CsvCopy.flush(copy, sql, b);
        }
    }

    /** The arrays variant: what the detail holds, as six PostgreSQL arrays in CSV. */
    private static void arrays(StringBuilder b, EvaluationResult r) {
        List<String> status = new ArrayList<>(), value = new ArrayList<>(), threshold = new ArrayList<>(), text = new ArrayList<>();
        for (CriterionResult c : r.criteria()) {
            status.add(String.valueOf(c.status().ordinal()));
            value.add(number(c.value(), text));
            threshold.add(number(c.threshold(), text));
        }
        List<String> item = new ArrayList<>();
        for (ItemResult i : r.items()) {
            item.add(String.valueOf(i.min()));
            item.add(String.valueOf(i.max()));
        }
        List<String> gap = new ArrayList<>();
        for (Gap g : r.gaps()) {
            gap.add(g.current().toPlainString());
            gap.add(g.required().toPlainString());
        }
        b.append("\"{").append(String.join(",", status)).append("}\",\"{").append(String.join(",", value)).append("}\",\"{")
                .append(String.join(",", threshold)).append("}\",\"{").append(String.join(",", item)).append("}\",\"{")
                .append(String.join(",", gap)).append("}\",\"{");
        for (int k = 0; k < text.size(); k++) {
            if (k > 0) b.append(',');
            b.append("\"\"").append(text.get(k).replace("\\", "\\\\").replace("\"", "\\\"\"")).append("\"\"");
        }
        b.append("}\"");
    }

    private static String number(Object v, List<String> text) {
        if (v instanceof Double d) return d.isNaN() ? "NaN" : d.isInfinite() ? (d > 0 ? "Infinity" : "-Infinity") : String.valueOf(d);
        if (v instanceof Boolean x) return x ? "1" : "0";
        if (v instanceof String s) text.add(s);
        return "NaN";
    }

    // ---- 3: at scale -----------------------------------------------------------------------------------------------------

    private static void scale(HikariDataSource ds, int n, int oldAt) throws Exception {
        System.out.println();
        long t = System.nanoTime();
        SyntheticData data = new SyntheticData(new GeneratorSettings(n, 2022, 2024, 2026, false));
        List<SyntheticEnterprise> generated = IntStream.range(0, n).parallel().mapToObj(data::enterprise).toList();
        List<FactRow> rows = generated.stream().flatMap(e -> e.rows().stream()).toList();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE evaluation_result, evaluation_result_json, fmt_binary, fmt_hex, fmt_arrays, enterprise CASCADE");
        }
        Map<String, Long> ids = insertEnterprises(ds, generated);
        generated = null;
        long runId = run(ds);
        System.out.printf("At scale: %,d enterprises with %,d rows (2022–2024) generated and inserted in %.1f s (not timed)%n%n", n, rows.size(),
                secs(t));
        Ruleset tsme = Rulesets.get("tsme@2017"), hnte = Rulesets.get("hnte@2016");
        System.out.println("| run | tables | population | tsme batch | hnte batch | store: explanations + near ratio + encoding while the binary COPY runs (into a temporary table, then MERGE, when replacing) | commit | **total** | results/s | CPU: Java (all threads) + PostgreSQL | load |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (int round = 1; round <= 2; round++) {
            long cpu = cpuNanos();
            long a = System.nanoTime();
            Population population = Population.of(rows, 2024);
            long b = System.nanoTime();
            BatchResult bt = tsme.evaluate(population);
            long c0 = System.nanoTime();
            BatchResult bh = hnte.evaluate(population);
            long d = System.nanoTime();
            int[] written = {0};
            long e, pg;
            try (Connection c = ds.getConnection()) {
                pg = Measure.backendCpuNanos(c);
                c.setAutoCommit(false);
                written[0] = CompactResultWriter.store(c, runId, List.of(Source.of(tsme, bt), Source.of(hnte, bh)), ids, x -> { });
                e = System.nanoTime();
                c.commit();
                c.setAutoCommit(true);
                pg = Measure.backendCpuNanos(c) - pg;
            }
            long f = System.nanoTime();
            cpu = cpuNanos() - cpu;
            System.out.printf(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | **%s** | %,.0f | %s + %s | %.1f |%n", round,
                    round == 1 ? "empty" : "replacing", ms(b - a), ms(c0 - b), ms(d - c0), ms(e - d), ms(f - e), ms(f - a),
                    written[0] / ((f - a) / 1e9), ms(cpu), ms(pg), load());
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), pg_size_pretty(pg_total_relation_size('evaluation_result')) FROM evaluation_result")) {
            rs.next();
            System.out.printf("%nevaluation_result: %,d rows, %s with indexes%n", rs.getLong(1), rs.getString(2));
        }
        if (oldAt > 0) {
            List<FactRow> some = rows.subList(0, Math.min(rows.size(), oldAt * 3));
            Population population = Population.of(some, 2024);
            System.out.println();
            System.out.printf("The old path on the first %,d enterprises (JSON explained results held in memory, then the JSON writer):%n%n",
                    population.size());
            System.out.println("| path | batch (+ explanations) | store | total | per result | store CPU: Java + PostgreSQL |");
            System.out.println("|---|---|---|---|---|---|");
            for (boolean old : new boolean[] {true, false}) {
                long a = System.nanoTime();
                Map<String, List<EvaluationResult>> byRuleset = new LinkedHashMap<>();
                List<Source> sources = new ArrayList<>();
                for (Ruleset r : List.of(tsme, hnte)) {
                    BatchResult batch = r.evaluate(population);
                    if (old) byRuleset.put(r.info().ref(), batch.results());
                    else sources.add(Source.of(r, batch));
                }
                long b = System.nanoTime();
                Cost store = cost(ds, c -> {
                    if (old) LegacyJsonWriter.store(c, runId, byRuleset, ids);
                    else CompactResultWriter.store(c, runId, sources, ids, x -> { });
                });
                long f = System.nanoTime();
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.1f µs | %s |%n", old ? "old (JSON): batch + explanations, then store"
                        : "new (compact): batch, then explanations while storing", ms(b - a), ms(f - b), ms(f - a),
                        (f - a) / 1e3 / (2.0 * population.size()), store.cpu());
            }
        }
    }

    // ---- shared ---------------------------------------------------------------------------------------------------------

    private static Map<String, Long> insertEnterprises(HikariDataSource ds, List<SyntheticEnterprise> generated) throws Exception {
        try (Connection c = ds.getConnection()) {
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder b = new StringBuilder(1 << 20);
            String sql = "COPY enterprise (credit_code, name, region_code, founded_on) FROM STDIN (FORMAT csv)";
            for (SyntheticEnterprise e : generated) {
                CsvCopy.quoted(b.append(e.creditCode()).append(','), e.name()).append(',').append(e.regionCode()).append(',')
                        .append(e.foundedOn()).append('\n');
                if (b.length() > 1 << 20) CsvCopy.flush(copy, sql, b);
            }
            CsvCopy.flush(copy, sql, b);
            Map<String, Long> ids = new HashMap<>(generated.size() * 2);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT credit_code, id FROM enterprise")) {
                while (rs.next()) ids.put(rs.getString(1), rs.getLong(2));
            }
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE enterprise");
            }
            return ids;
        }
    }

    private static long run(HikariDataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("INSERT INTO evaluation_run (year, rulesets, status, started_by) VALUES (2024, '{}', 'DONE', 'bench')"
                     + " RETURNING id")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // a temporary directory
        }
    }
}
