package org.innoladder.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.facts.RowResult;
import org.innoladder.rules.facts.RowValidator;
import org.innoladder.rules.ladder.Tier;
import org.innoladder.rules.policy.Policy;
import org.innoladder.rules.policy.PolicyBatch;
import org.innoladder.rules.policy.PolicyContext;
import org.innoladder.rules.policy.PolicyFacts;
import org.innoladder.rules.policy.PolicyOutcome;
import org.innoladder.rules.policy.PolicyResult;

/**
 * Policies (政策速兑) matched on Spark over a file of enterprise-years, as the application's matching run matches a
 * published version over a region's population: {@code Policy.evaluate(facts, true)} per year of the policy's period,
 * ELIGIBLE, NEAR and UNDETERMINED kept with the amount, the bilingual explanation and the facts used
 * ({@link #SCHEMA}, the application's {@code policy_match} columns).
 *
 * <p>The context a policy reads besides the facts comes from the same run: {@code eval.<ruleset>} from its
 * evaluation results (QUALIFIED true, NOT_QUALIFIED false, otherwise unknown; of several versions of a ruleset the
 * highest), the {@code tier.<ladder>.eligible} they imply, and {@code points.*} from its points. Each enterprise-year
 * is joined with its context by credit code and year, then the rows are spread by credit code as for the evaluation.
 * The file holds no certificates or platform loans: {@code rec.*}, {@code tier.*.official} and {@code credit.*} stay
 * unknown, so a policy reading them comes out UNDETERMINED for every enterprise, where the application would know.
 */
public final class SparkPolicies {
    public static final StructType SCHEMA = new StructType()
            .add("policy_code", DataTypes.StringType, false)
            .add("credit_code", DataTypes.StringType, false)
            .add("period", DataTypes.IntegerType, false)
            .add("outcome", DataTypes.StringType, false)
            .add("amount_yuan", DataTypes.createDecimalType(16, 2), true)
            .add("explanation", DataTypes.StringType, false)
            .add("facts", DataTypes.StringType, false);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CODE = "_credit_code", YEAR = "_year", EVAL = "_eval", TOTAL = "_points_total",
            PERCENTILE = "_points_percentile", STAGE = "_points_stage";

    private SparkPolicies() {
    }

    /**
     * @param results the run's evaluation results ({@link StoredResult#SCHEMA})
     * @param points  the run's points ({@link SparkPoints#SCHEMA})
     */
    public static Dataset<Row> match(Dataset<Row> facts, int fromYear, int toYear, List<PolicyText> policies, Dataset<Row> results,
                                     Dataset<Row> points, String zone, int partitions, LongAccumulator rejected) {
        if (fromYear > toYear) throw new IllegalArgumentException("from year " + fromYear + " is after to year " + toYear);
        for (PolicyText p : policies) p.policy(); // an invalid policy fails here, on the driver, by file and field
        FactCells cells = FactCells.of(Arrays.asList(facts.columns()), zone);
        StructType keyedSchema = facts.schema().add(CODE, DataTypes.StringType, true).add(YEAR, DataTypes.IntegerType, true);
        MapPartitionsFunction<Row, Row> key = rows -> keyed(rows, cells);
        Dataset<Row> keyed = facts.mapPartitions(key, Encoders.row(keyedSchema));

        List<String> contextRulesets = Arrays.asList(PolicyContext.RULESETS);
        Dataset<Row> outcomes = results.where(col("ruleset_id").isin(contextRulesets.toArray()))
                .withColumn("latest", row_number().over(Window.partitionBy("credit_code", "year", "ruleset_id")
                        .orderBy(col("ruleset_version").desc())))
                .where(col("latest").equalTo(1))
                .groupBy(col("credit_code").as(CODE), col("year").as(YEAR))
                .agg(map_from_entries(collect_list(struct(col("ruleset_id"), col("outcome")))).as(EVAL));
        Dataset<Row> context = outcomes.join(points.select(col("credit_code").as(CODE), col("year").as(YEAR), col("total").as(TOTAL),
                col("percentile").as(PERCENTILE), col("stage").as(STAGE)), SparkPoints.seq(CODE, YEAR), "full_outer");

        List<Column> columns = new ArrayList<>();
        for (String c : keyedSchema.fieldNames()) columns.add(col(quoted(c)));
        for (String c : List.of(EVAL, TOTAL, PERCENTILE, STAGE)) columns.add(col(c));
        int fileColumns = facts.columns().length;
        List<PolicyText> ps = List.copyOf(policies);
        MapPartitionsFunction<Row, Row> match = rows -> matchPartition(rows, fileColumns, cells, fromYear, toYear, ps, rejected);
        return keyed.join(context, SparkPoints.seq(CODE, YEAR), "left").select(columns.toArray(new Column[0]))
                .repartition(partitions, col(CODE)).mapPartitions(match, Encoders.row(SCHEMA));
    }

    /** Each file row with its validated credit code and year (null for an invalid row: rejected later, once). */
    private static Iterator<Row> keyed(Iterator<Row> rows, FactCells cells) {
        RowValidator validator = cells.validator();
        return new Iterator<>() {
            public boolean hasNext() {
                return rows.hasNext();
            }

            public Row next() {
                Row row = rows.next();
                Object[] out = Arrays.copyOf(EnterpriseRows.cellsOf(row), row.length() + 2);
                RowResult<FactRow> r = cells.validate(validator, EnterpriseRows.cellsOf(row));
                if (r.isValid()) {
                    out[row.length()] = r.value().creditCode();
                    out[row.length() + 1] = r.value().year();
                }
                return RowFactory.create(out);
            }
        };
    }

    /**
     * One enterprise-year's context: ruleset id → outcome (the highest version's), and its points (null: not scored).
     */
    public record Context(Map<String, String> outcomes, Double total, Double percentile, String stage) {
    }

    private static Iterator<Row> matchPartition(Iterator<Row> rows, int fileColumns, FactCells cells, int fromYear, int toYear,
                                                List<PolicyText> policies, LongAccumulator rejected) throws JsonProcessingException {
        Map<String, Context> context = new HashMap<>();
        Iterator<Row> recording = new Iterator<>() {
            public boolean hasNext() {
                return rows.hasNext();
            }

            public Row next() {
                Row r = rows.next();
                if (!r.isNullAt(fileColumns)) {
                    int at = fileColumns + 2;
                    context.put(EnterpriseRows.key(r.getString(fileColumns), r.getInt(fileColumns + 1)), new Context(
                            r.isNullAt(at) ? Map.of() : r.getJavaMap(at), r.isNullAt(at + 1) ? null : r.getDouble(at + 1),
                            r.isNullAt(at + 2) ? null : r.getDouble(at + 2), r.isNullAt(at + 3) ? null : r.getString(at + 3)));
                }
                return r;
            }
        };
        List<FactRow> valid = new ArrayList<>(EnterpriseRows.read(recording, cells, rejected).values());
        List<Row> out = new ArrayList<>();
        for (int year = fromYear; year <= toYear; year++) {
            PolicyFacts facts = null;
            for (PolicyText text : policies) {
                Policy policy = text.policy();
                if (year < policy.periodStart().getYear() || year > policy.periodEnd().getYear()) continue;
                if (facts == null) facts = withContext(PolicyFacts.of(valid, year), context);
                if (facts.size() == 0) break;
                PolicyBatch batch = policy.evaluate(facts, true);
                for (int i = 0; i < batch.size(); i++) {
                    if (batch.outcome(i) == PolicyOutcome.NOT_ELIGIBLE) continue;
                    PolicyResult r = batch.result(i);
                    out.add(RowFactory.create(policy.code(), r.creditCode(), year, r.outcome().name(), r.amount(), explanation(r),
                            JSON.writeValueAsString(r.facts())));
                }
            }
        }
        return out.iterator();
    }

    /**
     * The context columns the application's matching fills from its tables ({@code policy.internal.PolicyPopulations}),
     * here from the run's own results and points, by credit code and year ({@link #key}).
     */
    public static PolicyFacts withContext(PolicyFacts facts, Map<String, Context> context) {
        int n = facts.size();
        Map<String, double[]> outcomes = new HashMap<>();
        for (String r : PolicyContext.RULESETS) {
            double[] a = new double[n];
            Arrays.fill(a, Double.NaN);
            outcomes.put(r, a);
        }
        for (int i = 0; i < n; i++) {
            Context c = context.get(EnterpriseRows.key(facts.population().creditCode(i), facts.year()));
            if (c == null) continue;
            for (Map.Entry<String, String> o : c.outcomes().entrySet()) {
                double[] a = outcomes.get(o.getKey());
                if (a != null) a[i] = o.getValue().equals("QUALIFIED") ? 1 : o.getValue().equals("NOT_QUALIFIED") ? 0 : Double.NaN;
            }
            if (c.stage() != null) {
                facts.set("points.stage", i, c.stage());
                facts.set("points.total", i, c.total());
                facts.set("points.percentile", i, c.percentile());
            }
        }
        outcomes.forEach((r, a) -> facts.setColumn("eval." + r, a));
        for (Tier.Ladder ladder : Tier.Ladder.values()) {
            double[] eligible = new double[n];
            Arrays.fill(eligible, Double.NaN);
            for (Tier t : Tier.of(ladder)) {
                if (t.rulesetId().isEmpty() || !outcomes.containsKey(t.rulesetId().get())) continue;
                double[] a = outcomes.get(t.rulesetId().get());
                for (int i = 0; i < n; i++) {
                    if (Double.isNaN(a[i])) continue;
                    if (Double.isNaN(eligible[i])) eligible[i] = 0;
                    if (a[i] == 1 && t.rank() > eligible[i]) eligible[i] = t.rank();
                }
            }
            facts.setColumn("tier." + ladder.name().toLowerCase(Locale.ROOT) + ".eligible", eligible);
        }
        return facts;
    }

    /** The key of an enterprise-year's context. */
    public static String key(String creditCode, int year) {
        return EnterpriseRows.key(creditCode, year);
    }

    static String explanation(PolicyResult r) throws JsonProcessingException {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("zh", r.explanationZh());
        m.put("en", r.explanationEn());
        m.put("criteria", r.criteria());
        m.put("gaps", r.gaps());
        m.put("unknown", r.unknown());
        return JSON.writeValueAsString(m);
    }

    private static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

}
