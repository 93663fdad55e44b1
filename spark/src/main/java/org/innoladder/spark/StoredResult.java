package org.innoladder.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

import org.innoladder.rules.CompactResult;
import org.innoladder.rules.EvaluationResult;
import org.innoladder.rules.NearRatio;
import org.innoladder.rules.Outcome;
import org.innoladder.rules.ResultCodec;
import org.innoladder.rules.Ruleset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One evaluation result as the platform stores it in {@code evaluation_result} (compact form, see the rules jar's
 * {@link ResultCodec}), keyed by credit code instead of the database's enterprise id: the row a Parquet file holds and
 * the loader copies. {@code nearRatio} is null except for NOT_QUALIFIED results, where +Infinity means never near —
 * exactly what the application's writer stores.
 */
public record StoredResult(String creditCode, int year, String rulesetId, String rulesetVersion, String outcome,
                           Integer scoreMin, Integer scoreMax, Double nearRatio, byte[] detail) implements Serializable {

    public static final StructType SCHEMA = new StructType()
            .add("credit_code", DataTypes.StringType, false)
            .add("year", DataTypes.IntegerType, false)
            .add("ruleset_id", DataTypes.StringType, false)
            .add("ruleset_version", DataTypes.StringType, false)
            .add("outcome", DataTypes.StringType, false)
            .add("score_min", DataTypes.IntegerType, true)
            .add("score_max", DataTypes.IntegerType, true)
            .add("near_ratio", DataTypes.DoubleType, true)
            .add("detail", DataTypes.BinaryType, false);

    /** The stored form of one explained result, as the application's {@code CompactResultWriter} makes it. */
    public static StoredResult of(Ruleset ruleset, int year, EvaluationResult r) {
        CompactResult c = ResultCodec.encode(ruleset, r);
        Double near = r.outcome() == Outcome.NOT_QUALIFIED ? NearRatio.of(ruleset, r) : null;
        return new StoredResult(r.creditCode(), year, ruleset.id(), ruleset.version(), c.outcome().name(),
                c.score() == null ? null : c.score().min(), c.score() == null ? null : c.score().max(), near, c.detail());
    }

    public Row toRow() {
        return RowFactory.create(creditCode, year, rulesetId, rulesetVersion, outcome, scoreMin, scoreMax, nearRatio, detail);
    }

    public static StoredResult of(Row row) {
        return new StoredResult(row.getString(0), row.getInt(1), row.getString(2), row.getString(3), row.getString(4),
                row.isNullAt(5) ? null : row.getInt(5), row.isNullAt(6) ? null : row.getInt(6),
                row.isNullAt(7) ? null : row.getDouble(7), (byte[]) row.get(8));
    }

    /** The key the platform stores one result under. */
    public String key() {
        return creditCode + "/" + year + "/" + rulesetId + "@" + rulesetVersion;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredResult s && year == s.year && creditCode.equals(s.creditCode) && rulesetId.equals(s.rulesetId)
                && rulesetVersion.equals(s.rulesetVersion) && outcome.equals(s.outcome) && Objects.equals(scoreMin, s.scoreMin)
                && Objects.equals(scoreMax, s.scoreMax) && Objects.equals(nearRatio, s.nearRatio) && Arrays.equals(detail, s.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(creditCode, year, rulesetId, rulesetVersion, outcome, scoreMin, scoreMax, nearRatio) * 31
                + Arrays.hashCode(detail);
    }

    @Override
    public String toString() {
        return key() + " " + outcome + " [" + scoreMin + "," + scoreMax + "] near " + nearRatio + " detail "
                + Arrays.toString(detail);
    }
}
