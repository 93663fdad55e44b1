package org.innoladder.bench;

import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.innoladder.rules.facts.Column;
import org.innoladder.generator.GeneratorSettings;
import org.innoladder.generator.SyntheticData;
import org.innoladder.importer.ImportOptions;
import org.innoladder.importer.ImportProgress;
import org.innoladder.importer.ImportReport;
import org.innoladder.importer.ImportService;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * End-to-end import benchmark: a 100,000-row enterprise-year CSV (made by the product's generator with every
 * data-dictionary column, or given as the first argument)
 * imported into an embedded PostgreSQL through {@link ImportService}, against the yardstick of loading the same
 * file with a plain {@code COPY} into a table of every data-dictionary column. Prints wall time, rows/s, peak heap and
 * GC time of each, and the ratio.
 *
 * <pre>
 * mvn -B -o package -pl rules,app,bench -DskipTests
 * java -Xmx512m -cp bench/target/benchmarks.jar org.innoladder.bench.ImportBenchmark [FILE.csv | ROWS]
 * </pre>
 * The importer's phase timings (read/validate/stage, each merge statement) are logged at DEBUG.
 */
public final class ImportBenchmark {
    /** The yardstick: a table of every data-dictionary column, keyed like enterprise_year, loaded by COPY. */
    private static final String YARDSTICK = "CREATE TABLE yardstick ("
            + java.util.Arrays.stream(Column.values()).map(c -> c.key() + " " + sqlType(c)).collect(Collectors.joining(", "))
            + ", PRIMARY KEY (credit_code, year))";

    private ImportBenchmark() {
    }

    record Measure(String what, long rows, double seconds, long peakHeapMb, long gcMillis) {
        void print() {
            System.out.printf("%-34s %,9d rows  %7.2f s  %,10.0f rows/s  peak heap %4d MB  GC %,6d ms%n",
                    what, rows, seconds, rows / seconds, peakHeapMb, gcMillis);
        }
    }

    public static void main(String[] args) throws Exception {
        // quiet, except the importer's own phase timings
        var context = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        context.getLogger("org.innoladder.importer").setLevel(ch.qos.logback.classic.Level.DEBUG);
        Path work = Files.createTempDirectory("innoladder-bench");
        Path file;
        int rows = 100_000;
        if (args.length > 0 && Files.isRegularFile(Path.of(args[0]))) {
            file = Path.of(args[0]);
        } else {
            if (args.length > 0) rows = Integer.parseInt(args[0]);
            file = work.resolve("enterprise-years.csv");
            generate(file, rows);
        }
        System.out.printf("file %s, %,d bytes; JVM max heap %d MB; %d processors%n", file, Files.size(file),
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());

        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg"))
                .setCleanDataDirectory(true).setServerConfig("timezone", "Asia/Shanghai").start();
             HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres");
            ds.setUsername("postgres");
            ds.setPassword("postgres");
            ds.setMaximumPoolSize(4);
            Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:org/innoladder/region/migration", "classpath:org/innoladder/evaluation/migration")
                    .load().migrate();

            ImportService importer = new ImportService(ds, new DataSourceTransactionManager(ds), null);
            ImportOptions options = ImportOptions.everything("bench", "bench");

            Measure dry = measure("ImportService dry run (validate)", () -> {
                ImportReport r = ImportService.withoutDatabase().importFile(file, null, ImportOptions.validateOnly(), ImportProgress.NONE);
                return r.rowsRead();
            });
            Measure first = measure("ImportService into empty tables", () -> {
                ImportReport r = importer.importFile(file, null, options, ImportProgress.NONE);
                if (r.status() != ImportReport.Status.COMMITTED) throw new IllegalStateException(r.message());
                return r.rowsInserted();
            });
            Path copy = work.resolve("same-values.csv");
            Files.copy(file, copy);
            Files.writeString(copy, "\n", java.nio.file.StandardOpenOption.APPEND);   // other bytes, same values
            Measure again = measure("ImportService same values again", () -> {
                ImportReport r = importer.importFile(copy, null, options, ImportProgress.NONE);
                if (r.rowsUnchanged() != r.rowsValid()) throw new IllegalStateException(r.message());
                return r.rowsRead();
            });
            Measure yard = measure("plain COPY into a table (yardstick)", () -> copyYardstick(ds, file));

            System.out.println();
            dry.print();
            first.print();
            again.print();
            yard.print();
            System.out.printf("ImportService / COPY wall-time ratio: %.1f×%n", first.seconds / yard.seconds);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long copyYardstick(DataSource ds, Path file) {
        try (Connection c = ds.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute(YARDSTICK);
            }
            try (InputStream in = Files.newInputStream(file)) {
                return c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY yardstick FROM STDIN (FORMAT csv, HEADER true)", in);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Measure measure(String what, Supplier<Long> run) {
        System.gc();
        long gcBefore = gcMillis();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        long rows = run.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        Measure m = new Measure(what, rows, seconds, peak >> 20, gcMillis() - gcBefore);
        m.print();
        return m;
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) total += Math.max(0, gc.getCollectionTime());
        return total;
    }

    /**
     * The product's own generator (what {@code ./innoladder generate} writes): every data-dictionary column,
     * UTF-8 with BOM, English headers. {@code rows} is approximate: enterprises are founded over the years, so
     * they have up to six yearly rows (19,000 enterprises over 2019-2024 make about 100,000 rows).
     */
    static void generate(Path file, int rows) throws Exception {
        int enterprises = (int) Math.round(rows * 19_000.0 / 100_000);
        new SyntheticData(new GeneratorSettings(enterprises, 2019, 2024, 7, false)).writeCsv(file);
    }

    private static String sqlType(Column c) {
        return switch (c.type()) {
            case TEXT -> "text";
            case INT -> "integer";
            case MONEY -> "numeric(18, 2)";
            case BOOL -> "boolean";
            case DATE -> "date";
        };
    }
}
