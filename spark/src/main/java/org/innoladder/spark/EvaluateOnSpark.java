package org.innoladder.spark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Arrays;
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
 * The command: evaluate a file of enterprise-years on Spark, write the compact results as Parquet and, given a JDBC
 * URL, load them into the platform's database.
 *
 * <pre>
 * spark-submit --class org.innoladder.spark.EvaluateOnSpark --jars innoladder-rules.jar,… innoladder-spark.jar \
 *     --input hdfs:///torch/enterprise-years/ --out hdfs:///torch/results.parquet --from 2022 --to 2024 \
 *     --rulesets tsme@2017,hnte@2016 [--partitions 400] [--jdbc jdbc:postgresql://db/innoladder --user u --password p]
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
        SparkSession.Builder builder = SparkSession.builder().appName("InnoLadder evaluation");
        if (System.getProperty("spark.master") == null) builder.master("local[*]");
        try (SparkSession spark = builder.getOrCreate()) {
            LongAccumulator rejected = spark.sparkContext().longAccumulator("rejected rows");
            long t = System.nanoTime();
            Dataset<Row> results = SparkEvaluation.evaluate(SparkEvaluation.read(spark, input), from, to, rulesets,
                    o.getOrDefault("zone", "Asia/Shanghai"), Integer.parseInt(o.getOrDefault("partitions", "200")), rejected);
            results.write().mode("overwrite").parquet(out);
            System.out.printf("evaluated %s for %d–%d under %s in %.1f s; %d rows rejected; results in %s%n", input, from, to,
                    String.join(", ", rulesets), (System.nanoTime() - t) / 1e9, rejected.value(), out);
            if (o.containsKey("jdbc")) {
                t = System.nanoTime();
                Iterator<Row> rows = spark.read().parquet(out).toLocalIterator();
                try (Connection c = DriverManager.getConnection(o.get("jdbc"), o.get("user"), o.get("password"))) {
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
                }
            }
        }
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
