package org.innoladder.spark;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.innoladder.rules.Ruleset;
import org.innoladder.rules.Rulesets;
import org.innoladder.rules.facts.FactRow;

/**
 * The rulesets of the rules jar over a file of enterprise-years on Spark. Rows are spread over the cluster by
 * credit code, so each task holds every row of its enterprises (the look-back years included) and evaluates them
 * with {@link EnterpriseBatch}, the application's own calls; the results are the platform's compact rows
 * ({@link StoredResult#SCHEMA}). Invalid rows are rejected as the importer rejects them (the data dictionary's
 * validator) and counted, and a credit code that appears twice for one year is rejected in both rows, since which
 * one is right cannot be told.
 */
public final class SparkEvaluation {
    private SparkEvaluation() {
    }

    /** What a run read and made. */
    public record Counts(long rejectedRows, long results) {
    }

    /** A file's enterprise-years: CSV with a header row (Chinese or English data-dictionary headers) or Parquet. */
    public static Dataset<Row> read(SparkSession spark, String path) {
        if (path.endsWith(".parquet")) return spark.read().parquet(path);
        return spark.read().option("header", "true").option("encoding", "UTF-8").option("inferSchema", "false").csv(path);
    }

    /**
     * The results of every enterprise with a row in each year from..to under each ruleset ({@code id@version}).
     *
     * @param partitions how many tasks share the enterprises (each holds its enterprises' rows at once)
     * @param rejected   counts the rows rejected (invalid or duplicated)
     */
    public static Dataset<Row> evaluate(Dataset<Row> facts, int fromYear, int toYear, List<String> rulesetRefs, String zone,
                                        int partitions, LongAccumulator rejected) {
        if (fromYear > toYear) throw new IllegalArgumentException("from year " + fromYear + " is after to year " + toYear);
        for (String ref : rulesetRefs) Rulesets.get(ref); // an unknown ruleset fails here, on the driver, by name
        FactCells cells = FactCells.of(Arrays.asList(facts.columns()), zone);
        String key = facts.columns()[cells.creditCodePosition()];
        List<String> refs = List.copyOf(rulesetRefs);
        MapPartitionsFunction<Row, Row> evaluate = rows -> evaluatePartition(rows, cells, fromYear, toYear, refs, rejected);
        return facts.repartition(partitions, col(key)).mapPartitions(evaluate, Encoders.row(StoredResult.SCHEMA));
    }

    private static Iterator<Row> evaluatePartition(Iterator<Row> rows, FactCells cells, int fromYear, int toYear,
                                                   List<String> refs, LongAccumulator rejected) {
        Map<String, FactRow> byKey = EnterpriseRows.read(rows, cells, rejected);
        List<Ruleset> rulesets = refs.stream().map(Rulesets::get).toList();
        List<StoredResult> results = EnterpriseBatch.evaluate(byKey.values(), fromYear, toYear, rulesets);
        List<Row> out = new ArrayList<>(results.size());
        for (StoredResult s : results) out.add(s.toRow());
        return out.iterator();
    }
}
