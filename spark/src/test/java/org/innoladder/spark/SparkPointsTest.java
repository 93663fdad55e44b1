package org.innoladder.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.innoladder.rules.points.Breakdown;
import org.innoladder.rules.points.EnterprisePoints;
import org.innoladder.rules.points.PointsModel;
import org.innoladder.rules.points.PointsResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The points model on Spark ({@code local[2]}, the file over 7 tasks) against the application's call — one
 * {@link PointsModel#score} of the whole population per year — for every enterprise-year of the generated file (2022–2024):
 * stage, points, percentile, uncertainty and the stored breakdown, exactly.
 */
class SparkPointsTest {
    private static final String FILE = Path.of("src/test/resources/enterprise-years.csv").toAbsolutePath().toString();
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("test").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** One stored points row, as compared. */
    record Points(String creditCode, int year, String model, String stage, double total, double percentile, boolean uncertain,
                  String breakdown) {
        String key() {
            return creditCode + "/" + year;
        }

        static Points of(Row r) {
            return new Points(r.getString(0), r.getInt(1), r.getString(2) + "@" + r.getString(3), r.getString(4), r.getDouble(5),
                    r.getDouble(6), r.getBoolean(7), r.getString(8));
        }
    }

    @Test
    void everyEnterpriseYearsPointsEqualTheWholePopulationsScore(@TempDir Path dir) {
        assertSameAsSingleJvm(ModelText.defaultModel(), dir, 2022);
    }

    @Test
    void theSameWithMinmaxScoresAndTheWholePopulationAsReference(@TempDir Path dir) throws Exception {
        PointsModel base = PointsModel.defaultModel();
        String yaml;
        try (var in = PointsModel.class.getClassLoader().getResourceAsStream("points/default.yaml")) {
            yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(yaml).contains("reference: stage").contains("method: rank");
        Path other = dir.resolve("minmax.yaml");
        java.nio.file.Files.writeString(other, yaml.replace("reference: stage", "reference: population").replace("method: rank", "method: minmax"));
        ModelText minmax = ModelText.of(other);
        assertThat(minmax.model().method()).isEqualTo(PointsModel.Method.MINMAX);
        assertThat(minmax.model().indicators()).hasSameSizeAs(base.indicators());
        assertSameAsSingleJvm(minmax, dir, 2023);
    }

    private static void assertSameAsSingleJvm(ModelText modelText, Path dir, int fromYear) {
        LongAccumulator rejected = spark.sparkContext().longAccumulator();
        Dataset<Row> facts = SparkEvaluation.read(spark, FILE);
        String out = dir.resolve("points.parquet").toString();
        SparkPoints.score(facts, fromYear, 2024, modelText, "Asia/Shanghai", 7, rejected).write().parquet(out);
        List<Points> onSpark = spark.read().parquet(out).collectAsList().stream().map(Points::of).toList();

        SingleJvm.Valid valid = SingleJvm.read(facts.collectAsList(), Arrays.asList(facts.columns()));
        List<Points> reference = new ArrayList<>();
        PointsModel model = modelText.model();
        for (int year = fromYear; year <= 2024; year++) {
            PointsResult result = model.score(valid.rows(), year);
            for (EnterprisePoints e : result.enterprises()) {
                StringBuilder breakdown = new StringBuilder();
                Breakdown.write(breakdown, model, e, result.stageSize(e.stage()));
                reference.add(new Points(e.creditCode(), year, model.id() + "@" + model.version(), e.stage(), e.points(),
                        e.percentileInStage(), e.stageUncertain(), breakdown.toString()));
            }
        }
        assertThat(rejected.value()).isEqualTo(valid.rejected()).isPositive();
        assertThat(onSpark).hasSameSizeAs(reference).hasSizeGreaterThan(500);
        Map<String, Points> byKey = onSpark.stream().collect(Collectors.toMap(Points::key, Function.identity()));
        for (Points expected : reference) assertThat(byKey.get(expected.key())).isEqualTo(expected);
        // the comparison covers every stage, ties, missing values, bonuses and the percentile's ends
        assertThat(reference.stream().map(Points::stage).distinct()).hasSize(model.stages().size());
        assertThat(reference).anyMatch(p -> p.percentile() == 100.0).anyMatch(p -> p.percentile() == 0.0)
                .anyMatch(p -> p.breakdown().contains("\"missing\":true")).anyMatch(p -> p.breakdown().contains("\"APPLIED\""));
        assertThat(reference.stream().map(Points::total).distinct().count()).isGreaterThan(reference.size() / 2);
    }
}
