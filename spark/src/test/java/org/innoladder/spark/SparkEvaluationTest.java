package org.innoladder.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.innoladder.rules.BatchResult;
import org.innoladder.rules.Population;
import org.innoladder.rules.Ruleset;
import org.innoladder.rules.RulesetInfo;
import org.innoladder.rules.Rulesets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rulesets on Spark ({@code local[2]}, the file spread over 7 tasks) against the single-JVM path the application
 * runs — one population of the whole file per year, {@code Ruleset.evaluate}, the compact encoding — for every
 * enterprise, year and ruleset of a generated file with injected errors; then the results through Parquet and into
 * PostgreSQL.
 */
class SparkEvaluationTest {
    private static final String FILE = Path.of("src/test/resources/enterprise-years.csv").toAbsolutePath().toString();
    private static final List<String> RULESETS = Rulesets.list().stream().map(RulesetInfo::ref).toList();
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

    @Test
    void everyResultEqualsTheSingleJvmPathAndRejectedRowsAreCounted(@TempDir Path dir) {
        LongAccumulator rejected = spark.sparkContext().longAccumulator();
        Dataset<Row> facts = SparkEvaluation.read(spark, FILE);
        String out = dir.resolve("results.parquet").toString();
        SparkEvaluation.evaluate(facts, 2020, 2024, RULESETS, "Asia/Shanghai", 7, rejected).write().parquet(out);
        List<StoredResult> onSpark = spark.read().parquet(out).collectAsList().stream().map(StoredResult::of).toList();

        Reference reference = singleJvm(facts.collectAsList(), Arrays.asList(facts.columns()));
        assertThat(rejected.value()).as("rows rejected (the generator injected invalid and duplicated rows)")
                .isEqualTo(reference.rejected).isGreaterThan(0);
        assertThat(onSpark).hasSameSizeAs(reference.results).hasSizeGreaterThan(RULESETS.size() * 5 * 300);
        Map<String, StoredResult> byKey = onSpark.stream().collect(Collectors.toMap(StoredResult::key, Function.identity()));
        assertThat(byKey).hasSameSizeAs(onSpark);
        for (StoredResult expected : reference.results) assertThat(byKey.get(expected.key())).isEqualTo(expected);
        // the comparison covers every outcome
        assertThat(onSpark.stream().map(StoredResult::outcome).collect(Collectors.toSet()))
                .contains("QUALIFIED", "NOT_QUALIFIED", "UNDETERMINED");
    }

    @Test
    void anUnknownRulesetOrAFileOfOtherColumnsIsRefusedByName(@TempDir Path dir) throws Exception {
        Dataset<Row> facts = SparkEvaluation.read(spark, FILE);
        LongAccumulator rejected = spark.sparkContext().longAccumulator();
        assertThatThrownBy(() -> SparkEvaluation.evaluate(facts, 2024, 2024, List.of("tsme@1999"), "Asia/Shanghai", 2, rejected))
                .hasMessageContaining("tsme@1999");
        Path other = dir.resolve("other.csv");
        java.nio.file.Files.writeString(other, "甲,乙\n1,2\n");
        assertThatThrownBy(() -> SparkEvaluation.evaluate(SparkEvaluation.read(spark, other.toString()), 2024, 2024, RULESETS,
                "Asia/Shanghai", 2, rejected)).hasMessageContaining("not an enterprise-year file");
    }

    @Test
    void resultsLoadIntoThePlatformsTableReplacingEarlierOnes(@TempDir Path dir) throws Exception {
        LongAccumulator rejected = spark.sparkContext().longAccumulator();
        List<StoredResult> results = SparkEvaluation.evaluate(SparkEvaluation.read(spark, FILE), 2023, 2024,
                List.of("tsme@2017", "hnte@2016"), "Asia/Shanghai", 3, rejected).collectAsList().stream().map(StoredResult::of).toList();
        Set<String> codes = results.stream().map(StoredResult::creditCode).collect(Collectors.toCollection(java.util.TreeSet::new));
        List<String> registered = new ArrayList<>(codes).subList(0, codes.size() - 5); // five the platform does not know
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true).start();
             Connection c = pg.getPostgresDatabase().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute(PLATFORM_TABLES);
                for (String code : registered) s.execute("INSERT INTO enterprise (credit_code) VALUES ('" + code + "')");
            }
            ResultLoader.Loaded first = ResultLoader.load(c, results.iterator());
            long unknownRows = results.stream().filter(r -> !registered.contains(r.creditCode())).count();
            assertThat(first.copied()).isEqualTo(results.size());
            assertThat(first.unknownEnterprise()).isEqualTo(unknownRows).isPositive();
            assertThat(first.stored()).isEqualTo(results.size() - unknownRows);
            assertThat(first.runs()).isEqualTo(2);
            assertThat(stored(c)).containsExactlyInAnyOrderElementsOf(results.stream()
                    .filter(r -> registered.contains(r.creditCode())).toList());

            ResultLoader.Loaded again = ResultLoader.load(c, results.iterator());
            assertThat(again.stored()).isEqualTo(first.stored());
            assertThat(stored(c)).hasSize((int) first.stored());
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(DISTINCT run_id), min(run_id) > 4 FROM evaluation_result")) {
                rs.next();
                assertThat(rs.getInt(1)).as("every row now belongs to the second load's runs").isEqualTo(2);
                assertThat(rs.getBoolean(2)).isTrue();
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT year, status, started_by, stored, counts -> 'tsme@2017' ->> 'QUALIFIED' FROM evaluation_run WHERE id > 4 ORDER BY year")) {
                for (int year : new int[] {2023, 2024}) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(year);
                    assertThat(rs.getString(2)).isEqualTo("DONE");
                    assertThat(rs.getString(3)).isEqualTo("spark");
                    assertThat(rs.getLong(4)).isEqualTo(results.stream()
                            .filter(r -> r.year() == year && registered.contains(r.creditCode())).count());
                    assertThat(rs.getLong(5)).isEqualTo(results.stream().filter(r -> r.year() == year && r.rulesetId().equals("tsme")
                            && r.outcome().equals("QUALIFIED")).count());
                }
            }
        }
    }

    /**
     * The platform's tables as the application's migrations leave them (V30, V62, V101, V102: results keep no foreign
     * keys), without the region table.
     */
    private static final String PLATFORM_TABLES = """
            CREATE TABLE enterprise (id bigserial PRIMARY KEY, credit_code text NOT NULL UNIQUE);
            CREATE TABLE evaluation_run (
                id bigserial PRIMARY KEY, region_code text, year integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
                rulesets text[] NOT NULL, status text NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
                started_by text NOT NULL, started_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz,
                rows_loaded integer NOT NULL DEFAULT 0, enterprises integer NOT NULL DEFAULT 0, evaluated integer NOT NULL DEFAULT 0,
                stored integer NOT NULL DEFAULT 0, counts jsonb NOT NULL DEFAULT '{}', message text);
            INSERT INTO evaluation_run (year, rulesets, status, started_by) VALUES (2024, '{}', 'DONE', 'earlier'), (2023, '{}', 'DONE', 'earlier');
            CREATE TABLE evaluation_result (
                run_id bigint NOT NULL, enterprise_id bigint NOT NULL,
                year integer NOT NULL, ruleset_id text NOT NULL, ruleset_version text NOT NULL,
                outcome text NOT NULL CHECK (outcome IN ('QUALIFIED', 'NOT_QUALIFIED', 'UNDETERMINED')),
                score_min integer, score_max integer, evaluated_at timestamptz NOT NULL DEFAULT now(),
                near_ratio double precision, detail bytea NOT NULL,
                PRIMARY KEY (enterprise_id, year, ruleset_id, ruleset_version));
            """;

    private static List<StoredResult> stored(Connection c) throws Exception {
        List<StoredResult> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT e.credit_code, r.year, r.ruleset_id, r.ruleset_version, r.outcome, r.score_min, r.score_max, r.near_ratio, r.detail
                FROM evaluation_result r JOIN enterprise e ON e.id = r.enterprise_id""")) {
            while (rs.next()) {
                out.add(new StoredResult(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        (Integer) rs.getObject(6), (Integer) rs.getObject(7), (Double) rs.getObject(8), rs.getBytes(9)));
            }
        }
        return out;
    }

    private record Reference(List<StoredResult> results, long rejected) {
    }

    /** What the application does with the whole file in one JVM: one population per year, each ruleset's batch. */
    private static Reference singleJvm(List<Row> rows, List<String> headers) {
        SingleJvm.Valid valid = SingleJvm.read(rows, headers);
        List<StoredResult> results = new ArrayList<>();
        for (int year = 2020; year <= 2024; year++) {
            Population population = Population.of(valid.rows(), year);
            for (String ref : RULESETS) {
                Ruleset ruleset = Rulesets.get(ref);
                BatchResult batch = ruleset.evaluate(population);
                for (int i = 0; i < batch.size(); i++) results.add(StoredResult.of(ruleset, year, batch.result(i)));
            }
        }
        return new Reference(results, valid.rejected());
    }
}
