package org.innoladder.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.innoladder.rules.Rulesets;

/**
 * The command: evaluate a file of enterprise-years on Spark, write the compact results as Parquet, optionally score
 * the points and match policies (Parquet too) and, given a JDBC URL, load all of it into the platform's database.
 *
 * <pre>
 * spark-submit --class org.innoladder.spark.EvaluateOnSpark --jars innoladder-rules.jar,… innoladder-spark.jar \
 *     --input hdfs:///torch/enterprise-years/ --out hdfs:///torch/results.parquet --from 2022 --to 2024 \
 *     --rulesets tsme@2017,hnte@2016 [--partitions 400] \
 *     [--points-out hdfs:///torch/points.parquet [--points-model region-points.yaml]] \
 *     [--policies examples|a.yaml,b.yaml --matches-out hdfs:///torch/matches.parquet] \
 *     [--jdbc jdbc:postgresql://db/innoladder --user u --password p]
 * </pre>
 * Without spark-submit (no {@code spark.master} set) it runs in this JVM on every core ({@code local[*]}).
 */
public final class EvaluateOnSpark {
    private EvaluateOnSpark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String input = required(o, "input"), out = required(o, "out");
        int from = Integer.parseInt(required(o, "from")), to = Integer.parseInt(o.getOrDefault("to", o.get("from")));
        List<String> rulesets = o.containsKey("rulesets") ? Arrays.asList(o.get("rulesets").split(","))
                : Rulesets.list().stream().map(i -> i.ref()).toList();
        String zone = o.getOrDefault("zone", "Asia/Shanghai");
        int partitions = Integer.parseInt(o.getOrDefault("partitions", "200"));
        String pointsOut = o.get("points-out"), matchesOut = o.get("matches-out");
        ModelText model = o.containsKey("points-model") ? ModelText.of(Path.of(o.get("points-model"))) : ModelText.defaultModel();
        List<PolicyText> policies = policies(o.get("policies"));
        if (!policies.isEmpty() && (pointsOut == null || matchesOut == null)) {
            throw new IllegalArgumentException("--policies needs --points-out and --matches-out (policies read the run's points)");
        }
        SparkSession.Builder builder = SparkSession.builder().appName("InnoLadder evaluation");
        if (System.getProperty("spark.master") == null) builder.master("local[*]");
        try (SparkSession spark = builder.getOrCreate()) {
            LongAccumulator rejected = spark.sparkContext().longAccumulator("rejected rows");
            long t = System.nanoTime();
            Dataset<Row> facts = SparkEvaluation.read(spark, input);
            SparkEvaluation.evaluate(facts, from, to, rulesets, zone, partitions, rejected).write().mode("overwrite").parquet(out);
            System.out.printf("evaluated %s for %d–%d under %s in %.1f s; %d rows rejected; results in %s%n", input, from, to,
                    String.join(", ", rulesets), (System.nanoTime() - t) / 1e9, rejected.value(), out);
            if (pointsOut != null) {
                t = System.nanoTime();
                SparkPoints.score(facts, from, to, model, zone, partitions, spark.sparkContext().longAccumulator())
                        .write().mode("overwrite").parquet(pointsOut);
                System.out.printf("scored points (%s) in %.1f s; points in %s%n", model.model(), (System.nanoTime() - t) / 1e9, pointsOut);
            }
            if (!policies.isEmpty()) {
                t = System.nanoTime();
                SparkPolicies.match(facts, from, to, policies, spark.read().parquet(out), spark.read().parquet(pointsOut), zone, partitions,
                        spark.sparkContext().longAccumulator()).write().mode("overwrite").parquet(matchesOut);
                System.out.printf("matched %d policies in %.1f s; matches in %s%n", policies.size(), (System.nanoTime() - t) / 1e9, matchesOut);
            }
            if (o.containsKey("jdbc")) load(spark, o, out, pointsOut, model, matchesOut, policies);
        }
    }

    /** Results, then points, then matches, each in its own transaction, each as the application stores them. */
    private static void load(SparkSession spark, Map<String, String> o, String out, String pointsOut, ModelText model, String matchesOut,
                             List<PolicyText> policies) throws Exception {
        try (Connection c = DriverManager.getConnection(o.get("jdbc"), o.get("user"), o.get("password"))) {
            long t = System.nanoTime();
            Iterator<Row> rows = spark.read().parquet(out).toLocalIterator();
            ResultLoader.Loaded loaded = ResultLoader.load(c, new Iterator<>() {
                public boolean hasNext() {
                    return rows.hasNext();
                }

                public StoredResult next() {
                    return StoredResult.of(rows.next());
                }
            });
            System.out.printf("loaded %d results in %.1f s (%d runs); %d of enterprises the platform does not know%n",
                    loaded.stored(), (System.nanoTime() - t) / 1e9, loaded.runs(), loaded.unknownEnterprise());
            if (pointsOut == null) return;
            t = System.nanoTime();
            PointsLoader.Loaded points = PointsLoader.load(c, spark.read().parquet(pointsOut).toLocalIterator(), model.model());
            System.out.printf("loaded %d points in %.1f s (%d runs); %d of enterprises the platform does not know%n",
                    points.stored(), (System.nanoTime() - t) / 1e9, points.runs(), points.unknownEnterprise());
            if (policies.isEmpty()) return;
            t = System.nanoTime();
            Map<Integer, Long> population = new HashMap<>();
            for (Row r : spark.read().parquet(pointsOut).groupBy("year").count().collectAsList()) population.put(r.getInt(0), r.getLong(1));
            MatchLoader.Loaded matches = MatchLoader.load(c, spark.read().parquet(matchesOut).toLocalIterator(), policies, population);
            System.out.printf("loaded %d matches in %.1f s (%d runs); %d of enterprises the platform does not know%n",
                    matches.stored(), (System.nanoTime() - t) / 1e9, matches.runs(), matches.unknownEnterprise());
        }
    }

    /** {@code examples} (the rules jar's), or policy files separated by commas. */
    private static List<PolicyText> policies(String option) throws IOException {
        if (option == null || option.isBlank()) return List.of();
        if (option.equals("examples")) return PolicyText.examples();
        List<PolicyText> out = new ArrayList<>();
        for (String f : option.split(",")) out.add(PolicyText.of(Path.of(f.strip())));
        return out;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("options are --name value pairs; not understood: " + args[i]);
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }

    private static String required(Map<String, String> o, String name) {
        String v = o.get(name);
        if (v == null || v.isBlank()) throw new IllegalArgumentException("--" + name + " is required");
        return v;
    }
}
