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
import org.innoladder.rules.points.EnterprisePoints;
import org.innoladder.rules.points.PointsModel;
import org.innoladder.rules.points.PointsResult;
import org.innoladder.rules.policy.Policy;
import org.innoladder.rules.policy.PolicyBatch;
import org.innoladder.rules.policy.PolicyFacts;
import org.innoladder.rules.policy.PolicyOutcome;
import org.innoladder.spark.EnterpriseBatch;
import org.innoladder.spark.FactCells;
import org.innoladder.spark.ModelText;
import org.innoladder.spark.PolicyText;
import org.innoladder.spark.SparkEvaluation;
import org.innoladder.spark.SparkPoints;
import org.innoladder.spark.SparkPolicies;
import org.innoladder.spark.StoredResult;

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
 * {@code --single-jvm 0} skips the single-JVM path (it holds every row of the file at once). {@code --points 1} adds the
 * points model and {@code --policies examples} the rules jar's example policies (their context: the run's outcomes and
 * points), each step timed on its own, on both paths.
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
        boolean points = "1".equals(o.get("points"));
        List<PolicyText> policies = "examples".equals(o.get("policies")) ? PolicyText.examples() : List.of();
        System.out.println("| path | step | rows read | rows rejected | results | time | results/s | peak heap | load |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        if (!"0".equals(o.get("single-jvm"))) singleJvm(input, from, to, refs, points, policies);
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
            String path = "Spark local[*], " + partitions + " tasks, Parquet written";
            row(path, "evaluation", facts.count(), rejected.value(), results, secs);
            if (points) {
                resetPeaks();
                t = System.nanoTime();
                SparkPoints.score(facts, from, to, ModelText.defaultModel(), "Asia/Shanghai", partitions, spark.sparkContext().longAccumulator())
                        .write().parquet(out.resolve("p").toString());
                secs = (System.nanoTime() - t) / 1e9;
                row(path, "points", facts.count(), rejected.value(), spark.read().parquet(out.resolve("p").toString()).count(), secs);
            }
            if (points && !policies.isEmpty()) {
                resetPeaks();
                t = System.nanoTime();
                SparkPolicies.match(facts, from, to, policies, spark.read().parquet(out.resolve("r").toString()),
                        spark.read().parquet(out.resolve("p").toString()), "Asia/Shanghai", partitions, spark.sparkContext().longAccumulator())
                        .write().parquet(out.resolve("m").toString());
                secs = (System.nanoTime() - t) / 1e9;
                row(path, policies.size() + " policies", facts.count(), rejected.value(), spark.read().parquet(out.resolve("m").toString()).count(), secs);
            }
        }
    }

    private static void singleJvm(String input, int from, int to, List<String> refs, boolean points, List<PolicyText> policies)
            throws Exception {
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
        List<StoredResult> results = EnterpriseBatch.evaluate(rows, from, to, rulesets);
        String path = "single JVM: one population per year (the application's path)";
        row(path, "read and evaluation", read, rejected, results.size(), (System.nanoTime() - t) / 1e9);
        if (!points) return;
        resetPeaks();
        t = System.nanoTime();
        PointsModel model = PointsModel.defaultModel();
        Map<Integer, PointsResult> scored = new HashMap<>();
        long scores = 0;
        for (int year = from; year <= to; year++) {
            PointsResult p = model.score(rows, year);
            scored.put(year, p);
            scores += p.enterprises().size();
        }
        row(path, "points", read, rejected, scores, (System.nanoTime() - t) / 1e9);
        if (policies.isEmpty()) return;
        resetPeaks();
        t = System.nanoTime();
        Map<String, SparkPolicies.Context> context = context(results, scored);
        long matches = 0;
        for (int year = from; year <= to; year++) {
            PolicyFacts facts = null;
            for (PolicyText text : policies) {
                Policy policy = text.policy();
                if (year < policy.periodStart().getYear() || year > policy.periodEnd().getYear()) continue;
                if (facts == null) facts = SparkPolicies.withContext(PolicyFacts.of(rows, year), context);
                PolicyBatch batch = policy.evaluate(facts, true);
                for (int i = 0; i < batch.size(); i++) {
                    if (batch.outcome(i) == PolicyOutcome.NOT_ELIGIBLE) continue;
                    batch.result(i);
                    matches++;
                }
            }
        }
        row(path, policies.size() + " policies", read, rejected, matches, (System.nanoTime() - t) / 1e9);
    }

    /** What the application's matching reads from its tables: the stored outcomes (highest version) and points. */
    private static Map<String, SparkPolicies.Context> context(List<StoredResult> results, Map<Integer, PointsResult> scored) {
        Map<String, Map<String, String>> outcomes = new HashMap<>();
        Map<String, String> versions = new HashMap<>();
        for (StoredResult r : results) {
            String k = SparkPolicies.key(r.creditCode(), r.year());
            String v = versions.get(k + "/" + r.rulesetId());
            if (v != null && v.compareTo(r.rulesetVersion()) > 0) continue;
            versions.put(k + "/" + r.rulesetId(), r.rulesetVersion());
            outcomes.computeIfAbsent(k, x -> new HashMap<>()).put(r.rulesetId(), r.outcome());
        }
        Map<String, SparkPolicies.Context> context = new HashMap<>();
        for (PointsResult p : scored.values()) {
            for (EnterprisePoints e : p.enterprises()) {
                String k = SparkPolicies.key(e.creditCode(), p.year());
                context.put(k, new SparkPolicies.Context(outcomes.getOrDefault(k, Map.of()), e.points(), e.percentileInStage(), e.stage()));
            }
        }
        return context;
    }

    private static void row(String path, String step, long read, long rejected, long results, double secs) {
        System.out.printf(Locale.ROOT, "| %s | %s | %,d | %,d | %,d | %.1f s | %,.0f | %,d MB | %.1f |%n", path, step, read, rejected, results, secs,
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
