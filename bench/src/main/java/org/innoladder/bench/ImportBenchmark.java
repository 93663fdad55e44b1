package org.innoladder.bench;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.innoladder.facts.CreditCode;
import org.innoladder.importer.ImportOptions;
import org.innoladder.importer.ImportProgress;
import org.innoladder.importer.ImportReport;
import org.innoladder.importer.ImportService;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * End-to-end import benchmark: a 100,000-row enterprise-year CSV (generated, or given as the first argument)
 * imported into an embedded PostgreSQL through {@link ImportService}, against the yardstick of loading the same
 * file with a plain {@code COPY} into a table of the file's columns. Prints wall time, rows/s, peak heap and
 * GC time of each, and the ratio.
 *
 * <pre>
 * mvn -B -o package -pl rules,app,bench -DskipTests
 * java -Xmx512m -cp bench/target/benchmarks.jar org.innoladder.bench.ImportBenchmark [FILE.csv | ROWS]
 * </pre>
 * The importer's phase timings (read/validate/stage, each merge statement) are logged at DEBUG.
 */
public final class ImportBenchmark {
    private static final String HEADER = "统一社会信用代码,企业名称,所属区划代码,行业代码,成立日期,是否上市,年度,职工总数,科技人员数,研发人员数,"
            + "销售收入,主营业务收入,总收入,高新技术产品（服务）收入,资产总额,负债总额,净利润,研发费用,境内研发费用,Ⅰ类知识产权数,Ⅱ类知识产权数";
    private static final String YARDSTICK = "CREATE TABLE yardstick (credit_code text, name text, region_code text, industry_code text,"
            + " founded_on date, listed boolean, year integer, employees integer, tech_staff integer, rd_staff integer,"
            + " sales_revenue numeric(18, 2), main_business_revenue numeric(18, 2), total_income numeric(18, 2),"
            + " hightech_income numeric(18, 2), total_assets numeric(18, 2), total_liabilities numeric(18, 2),"
            + " net_profit numeric(18, 2), rd_expense numeric(18, 2), rd_expense_domestic numeric(18, 2), ip_class1 integer,"
            + " ip_class2 integer, PRIMARY KEY (credit_code, year))";

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
            Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:org/innoladder/region/migration")
                    .load().migrate();

            ImportService importer = new ImportService(ds, new DataSourceTransactionManager(ds), null);
            ImportOptions options = new ImportOptions("bench", "bench", null, false);

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

    /** Rows as a bureau's spreadsheet would have them: 20,000 enterprises × 5 years for 100,000 rows. */
    static void generate(Path file, int rows) throws Exception {
        int years = 5;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            String code = null;
            for (int i = 0; i < rows; i++) {
                int enterprise = i / years;
                if (i % years == 0) code = CreditCode.complete("91320412" + String.format("%08d", enterprise));
                int year = 2021 + i % years;
                long sales = 5_000_000L + (enterprise * 7919L) % 300_000_000L + year * 1000L;
                w.write(code + ",常州基准测试企业" + enterprise + "有限公司,320412" + (enterprise % 3 == 0 ? "100" : "") + ",C39"
                        + (10 + enterprise % 90) + ",2010-0" + (1 + enterprise % 9) + "-15," + (enterprise % 7 == 0 ? 1 : 0) + ","
                        + year + "," + (50 + enterprise % 500) + "," + (10 + enterprise % 40) + "," + (5 + enterprise % 30) + ","
                        + sales + ".25," + (sales - 1000) + "," + (sales + 5000) + ".25," + sales / 2 + "," + sales * 2 + ","
                        + sales + "," + (enterprise % 5 == 0 ? "-" : "") + sales / 20 + ".5," + sales / 25 + "," + sales / 30 + ","
                        + enterprise % 6 + "," + enterprise % 11 + "\n");
            }
        }
    }
}
