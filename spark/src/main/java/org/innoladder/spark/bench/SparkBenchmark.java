package org.innoladder.spark.bench;

import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.innoladder.rules.Ruleset;
import org.innoladder.rules.Rulesets;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.facts.RowResult;
import org.innoladder.rules.facts.RowValidator;
import org.innoladder.spark.EnterpriseBatch;
import org.innoladder.spark.FactCells;
import org.innoladder.spark.SparkEvaluation;

/**
 * The same file evaluated on Spark ({@code local[*]}) and on the single-JVM path (one population of the whole file
 * per year, as the application and {@code innoladder evaluate} do), in one run, for every year from..to under the
 * given rulesets. Lives in this module rather than {@code bench}: that one carries the Boot application, whose
 * dependency versions are not Spark's.
 *
 * <pre>
 * ./innoladder generate --enterprises 1000000 --years 2015-2024 --out /tmp/facts-10m.csv
 * mvn -B -q -pl rules,spark -am package -DskipTests
 * java -Xmx6g $(cat spark/target/add-opens.txt) -cp "spark/target/innoladder-spark-0.1.0-SNAPSHOT.jar:$(cat spark/target/classpath.txt)" \
 *     org.innoladder.spark.bench.SparkBenchmark --input /tmp/facts-10m.csv --from 2022 --to 2024 --single-jvm 1
 * </pre>
 * {@code --single-jvm 0} skips the single-JVM path (it holds every row of the file at once).
 */
public final class SparkBenchmark {
    private SparkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) o.put(args[i].substring(2), args[i + 1]);
        String input = o.get("input");
        int from = Integer.parseInt(o.getOrDefault("from", "2024")), to = Integer.parseInt(o.getOrDefault("to", String.valueOf(from)));
        List<String> refs = Arrays.asList(o.getOrDefault("rulesets", "tsme@2017,hnte@2016").split(","));
        int partitions = Integer.parseInt(o.getOrDefault("partitions", "64"));
        System.out.printf(Locale.ROOT, "%s (%,d MB), years %d–%d, %s; %d processors, max heap %,d MB, load average %.2f%n%n", input,
                Files.size(Path.of(input)) >> 20, from, to, String.join(", ", refs), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("| path | rows read | rows rejected | results | time | results/s | peak heap | load |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        if (!"0".equals(o.get("single-jvm"))) singleJvm(input, from, to, refs);
        Path out = Files.createTempDirectory("innoladder-spark-bench");
        try (SparkSession spark = SparkSession.builder().master(o.getOrDefault("master", "local[*]")).appName("bench")
                .config("spark.ui.enabled", "false").getOrCreate()) {
            LongAccumulator rejected = spark.sparkContext().longAccumulator();
            resetPeaks();
            long t = System.nanoTime();
            var facts = SparkEvaluation.read(spark, input);
            SparkEvaluation.evaluate(facts, from, to, refs, "Asia/Shanghai", partitions, rejected).write().parquet(out.resolve("r").toString());
            double secs = (System.nanoTime() - t) / 1e9;
            long results = spark.read().parquet(out.resolve("r").toString()).count();
            row("Spark local[*], " + partitions + " tasks, Parquet written", facts.count(), rejected.value(), results, secs);
        }
    }

    private static void singleJvm(String input, int from, int to, List<String> refs) throws Exception {
        resetPeaks();
        long t = System.nanoTime();
        CsvParserSettings settings = new CsvParserSettings();
        settings.setHeaderExtractionEnabled(true);
        settings.setMaxCharsPerColumn(1 << 16);
        settings.setNullValue(null);
        CsvParser parser = new CsvParser(settings);
        List<FactRow> rows = new ArrayList<>();
        long read = 0, rejected = 0;
        try (Reader reader = Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8)) {
            parser.beginParsing(reader);
            FactCells cells = FactCells.of(Arrays.asList(parser.getContext().parsedHeaders()), "Asia/Shanghai");
            RowValidator validator = cells.validator();
            String[] line;
            while ((line = parser.parseNext()) != null) {
                read++;
                RowResult<FactRow> r = cells.validate(validator, line);
                if (r.isValid()) rows.add(r.value());
                else rejected++;
            }
        }
        List<Ruleset> rulesets = refs.stream().map(Rulesets::get).toList();
        long results = EnterpriseBatch.evaluate(rows, from, to, rulesets).size();
        row("single JVM: one population per year (the application's path)", read, rejected, results, (System.nanoTime() - t) / 1e9);
    }

    private static void row(String path, long read, long rejected, long results, double secs) {
        System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d | %.1f s | %,.0f | %,d MB | %.1f |%n", path, read, rejected, results, secs,
                results / secs, peakHeapMb(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
        }
        return peak >> 20;
    }
}
