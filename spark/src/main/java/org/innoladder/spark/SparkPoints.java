package org.innoladder.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.innoladder.rules.points.AdjustmentResult;
import org.innoladder.rules.points.Breakdown;
import org.innoladder.rules.points.EnterprisePoints;
import org.innoladder.rules.points.Indicator;
import org.innoladder.rules.points.IndicatorScore;
import org.innoladder.rules.points.PointsModel;
import org.innoladder.rules.points.Stage;
import org.innoladder.rules.points.Standings;
import org.innoladder.rules.facts.FactRow;

/**
 * The innovation points (企业创新积分) of every enterprise-year of a file, the whole file being one population, as the
 * application's points run scores a region: {@link PointsModel#score} per year. A standard score says where a value
 * stands among the whole reference group and the percentile where the points stand in the whole stage, so the run
 * has three steps:
 * <ol>
 * <li>each task scores its own enterprises with the model: stage, raw values and bonuses and deductions depend on
 *     the enterprise's own rows only, and are kept; the task's standard scores are not;</li>
 * <li>windows over the whole population count, for each year, reference group and indicator, the known values
 *     strictly below, equal to and above each value ({@code rank}), or take the group's min and max
 *     ({@code minmax}), and the rules jar's {@link Standings} turns the counts into standard scores;</li>
 * <li>each enterprise is completed with them ({@link Standings#complete}: the model's own arithmetic), and a window
 *     over each year's stage counts the enterprises with strictly fewer points for the percentile.</li>
 * </ol>
 * The rows are the application's {@code enterprise_points} rows ({@link #SCHEMA}), the breakdown written by the rules
 * jar's {@link Breakdown}.
 */
public final class SparkPoints {
    /** One enterprise-year's points, keyed by credit code. */
    public static final StructType SCHEMA = new StructType()
            .add("credit_code", DataTypes.StringType, false)
            .add("year", DataTypes.IntegerType, false)
            .add("model_id", DataTypes.StringType, false)
            .add("model_version", DataTypes.StringType, false)
            .add("stage", DataTypes.StringType, false)
            .add("total", DataTypes.DoubleType, false)
            .add("percentile", DataTypes.DoubleType, false)
            .add("stage_uncertain", DataTypes.BooleanType, false)
            .add("breakdown", DataTypes.StringType, false);

    /** Step 1: what a task knows of its own enterprises. */
    private static final StructType MEASURED = new StructType()
            .add("credit_code", DataTypes.StringType, false)
            .add("name", DataTypes.StringType, true)
            .add("year", DataTypes.IntegerType, false)
            .add("stage", DataTypes.StringType, false)
            .add("group", DataTypes.IntegerType, false)
            .add("stage_uncertain", DataTypes.BooleanType, false)
            .add("value", DataTypes.createArrayType(DataTypes.DoubleType, true), false)
            .add("bonus", DataTypes.DoubleType, false)
            .add("deduction", DataTypes.DoubleType, false)
            .add("adjustment", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("adjustment_points", DataTypes.createArrayType(DataTypes.DoubleType, false), false);

    /** Step 3 before the percentile. */
    private static final StructType COMPLETED = new StructType()
            .add("credit_code", DataTypes.StringType, false)
            .add("year", DataTypes.IntegerType, false)
            .add("stage", DataTypes.StringType, false)
            .add("total", DataTypes.DoubleType, false)
            .add("stage_uncertain", DataTypes.BooleanType, false)
            .add("breakdown", DataTypes.StringType, false);

    private SparkPoints() {
    }

    /**
     * The points of every enterprise with a row in each year from..to.
     *
     * @param rejected counts the rows rejected (invalid or duplicated), as {@link SparkEvaluation#evaluate} does
     */
    public static Dataset<Row> score(Dataset<Row> facts, int fromYear, int toYear, ModelText modelText, String zone,
                                     int partitions, LongAccumulator rejected) {
        if (fromYear > toYear) throw new IllegalArgumentException("from year " + fromYear + " is after to year " + toYear);
        PointsModel model = modelText.model(); // an invalid model fails here, on the driver, by file, item and line
        FactCells cells = FactCells.of(Arrays.asList(facts.columns()), zone);
        String key = facts.columns()[cells.creditCodePosition()];
        MapPartitionsFunction<Row, Row> measure = rows -> measure(rows, cells, fromYear, toYear, modelText, rejected);
        // steps 2 and 3 read it several times: measured once
        Dataset<Row> measured = facts.repartition(partitions, col(key)).mapPartitions(measure, Encoders.row(MEASURED))
                .persist(StorageLevel.MEMORY_AND_DISK());

        Map<String, Long> stageSizes = new HashMap<>();
        for (Row r : measured.groupBy("year", "stage").count().collectAsList()) {
            stageSizes.put(r.getInt(0) + "/" + r.getString(1), r.getLong(2));
        }
        Dataset<Row> values = measured.select(col("credit_code"), col("year"), col("group"), posexplode(col("value")).as(new String[] {"k", "v"}));
        Dataset<Row> scores = standings(values.where(col("v").isNotNull()), model)
                .unionByName(values.where(col("v").isNull()).select(col("credit_code"), col("year"), col("k"), lit(0.0).as("s")))
                .select(col("credit_code"), col("year"), struct(col("k"), col("s")).as("ks"))
                .groupBy("credit_code", "year").agg(sort_array(collect_list(col("ks"))).as("standard"));

        MapFunction<Row, Row> complete = r -> complete(r, modelText, stageSizes);
        Dataset<Row> completed = measured.join(scores, seq("credit_code", "year"))
                .map(complete, Encoders.row(COMPLETED));
        UserDefinedFunction percentile = udf((Integer rank, Long size) -> Standings.percentile(rank - 1, size), DataTypes.DoubleType).asNonNullable();
        var stage = Window.partitionBy("year", "stage");
        return completed.select(col("credit_code"), col("year"), lit(model.id()).as("model_id"), lit(model.version()).as("model_version"),
                        col("stage"), col("total"),
                        percentile.apply(rank().over(stage.orderBy("total")), count(lit(1)).over(stage)).as("percentile"),
                        col("stage_uncertain"), col("breakdown"))
                .to(SCHEMA);
    }

    /**
     * The standard score {@code s} of each known value {@code v} of indicator {@code k} of an enterprise-year: windows
     * over its year and reference group count the known values strictly below it ({@code rank() - 1}), equal to it and
     * in all (or take the group's min and max), and the rules jar's {@link Standings} scores the counts. A missing
     * value scores 0 (the model's rule), added by the caller.
     */
    private static Dataset<Row> standings(Dataset<Row> known, PointsModel model) {
        boolean[] higher = new boolean[model.indicators().size()];
        for (int k = 0; k < higher.length; k++) higher[k] = model.indicators().get(k).higherIsBetter();
        var group = Window.partitionBy("year", "group", "k");
        Column s;
        if (model.method() == PointsModel.Method.MINMAX) {
            UserDefinedFunction minmax = udf((Integer k, Double v, Double lo, Double hi) -> Standings.minmax(v, lo, hi, higher[k]),
                    DataTypes.DoubleType);
            s = minmax.apply(col("k"), col("v"), min("v").over(group), max("v").over(group));
        } else {
            UserDefinedFunction rank = udf((Integer k, Integer below, Long equal, Long all) -> {
                long above = all - below - equal;
                return higher[k] ? Standings.rank(below, above) : Standings.rank(above, below);
            }, DataTypes.DoubleType);
            Column below = rank().over(group.orderBy("v")).minus(1);
            s = rank.apply(col("k"), below, count(lit(1)).over(Window.partitionBy("year", "group", "k", "v")), count(lit(1)).over(group));
        }
        return known.select(col("credit_code"), col("year"), col("k"), s.as("s"));
    }

    private static Iterator<Row> measure(Iterator<Row> rows, FactCells cells, int fromYear, int toYear, ModelText modelText,
                                         LongAccumulator rejected) {
        PointsModel model = modelText.model();
        List<FactRow> valid = new ArrayList<>(EnterpriseRows.read(rows, cells, rejected).values());
        Map<String, Integer> stageIndex = new HashMap<>();
        for (Stage s : model.stages()) stageIndex.put(s.id(), stageIndex.size());
        boolean byStage = model.reference() == PointsModel.Reference.STAGE;
        List<Row> out = new ArrayList<>();
        for (int year = fromYear; year <= toYear; year++) {
            for (EnterprisePoints e : model.score(valid, year).enterprises()) {
                Double[] value = new Double[e.indicators().size()];
                for (int k = 0; k < value.length; k++) value[k] = e.indicators().get(k).value();
                String[] adjustment = new String[e.adjustments().size()];
                Double[] adjustmentPoints = new Double[adjustment.length];
                for (int a = 0; a < adjustment.length; a++) {
                    adjustment[a] = e.adjustments().get(a).status().name();
                    adjustmentPoints[a] = e.adjustments().get(a).points();
                }
                out.add(RowFactory.create(e.creditCode(), e.name(), year, e.stage(), byStage ? stageIndex.get(e.stage()) : 0,
                        e.stageUncertain(), value, e.bonus(), e.deduction(), adjustment, adjustmentPoints));
            }
        }
        return out.iterator();
    }

    private static Row complete(Row r, ModelText modelText, Map<String, Long> stageSizes) {
        PointsModel model = modelText.model();
        List<Indicator> indicators = model.indicators();
        List<Double> value = r.getList(r.fieldIndex("value"));
        List<IndicatorScore> measured = new ArrayList<>(indicators.size());
        for (int k = 0; k < indicators.size(); k++) {
            Indicator ind = indicators.get(k);
            measured.add(new IndicatorScore(ind.id(), ind.group(), value.get(k), 0, 0, 0, value.get(k) == null));
        }
        List<String> status = r.getList(r.fieldIndex("adjustment"));
        List<Double> adjustmentPoints = r.getList(r.fieldIndex("adjustment_points"));
        List<AdjustmentResult> adjustments = new ArrayList<>(status.size());
        for (int a = 0; a < status.size(); a++) {
            var adj = model.adjustments().get(a);
            adjustments.add(new AdjustmentResult(adj.id(), adj.kind(), AdjustmentResult.Status.valueOf(status.get(a)), adjustmentPoints.get(a)));
        }
        String stage = r.getString(r.fieldIndex("stage"));
        int year = r.getInt(r.fieldIndex("year"));
        EnterprisePoints partial = new EnterprisePoints(r.getString(r.fieldIndex("credit_code")), r.getString(r.fieldIndex("name")),
                stage, r.getBoolean(r.fieldIndex("stage_uncertain")), 0, 0, r.getDouble(r.fieldIndex("bonus")),
                r.getDouble(r.fieldIndex("deduction")), 0, List.of(), List.copyOf(measured), List.copyOf(adjustments), List.of());
        List<Row> ks = r.getList(r.fieldIndex("standard"));
        double[] standard = new double[ks.size()];
        for (int k = 0; k < standard.length; k++) standard[k] = ks.get(k).getDouble(1);
        EnterprisePoints e = Standings.complete(model, partial, standard, Double.NaN);
        StringBuilder breakdown = new StringBuilder(1024);
        Breakdown.write(breakdown, model, e, stageSizes.get(year + "/" + stage));
        return RowFactory.create(e.creditCode(), year, stage, e.points(), e.stageUncertain(), breakdown.toString());
    }

    /** Column names as the Scala sequence a join on equal columns takes. */
    static scala.collection.immutable.Seq<String> seq(String... names) {
        return scala.jdk.javaapi.CollectionConverters.asScala(Arrays.asList(names)).toList();
    }
}
