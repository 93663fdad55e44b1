package org.innoladder.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.innoladder.rules.ladder.Tier;
import org.innoladder.rules.points.EnterprisePoints;
import org.innoladder.rules.points.PointsModel;
import org.innoladder.rules.points.PointsResult;
import org.innoladder.rules.policy.Policy;
import org.innoladder.rules.policy.PolicyBatch;
import org.innoladder.rules.policy.PolicyContext;
import org.innoladder.rules.policy.PolicyFacts;
import org.innoladder.rules.policy.PolicyOutcome;
import org.innoladder.rules.policy.PolicyResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policies on Spark ({@code local[2]}, 5 tasks) against the application's matching in one JVM: the population of the
 * whole file per year, its context filled as the application's {@code PolicyPopulations} fills it from the stored
 * evaluation results and points (here the single-JVM evaluation and points of the same file), and
 * {@code Policy.evaluate(facts, true)}. Every stored match — policy, enterprise, period, outcome, amount, explanation
 * and facts used — must be equal, and no other.
 */
class SparkPoliciesTest {
    private static final String FILE = Path.of("src/test/resources/enterprise-years.csv").toAbsolutePath().toString();
    private static final List<String> RULESETS = Rulesets.list().stream().map(RulesetInfo::ref).toList();
    private static SparkSession spark;
    private static List<PolicyText> policies;
    @TempDir
    static Path dir;
    private static String results, points, matches;

    /** The run: evaluation results, points and matches written as Parquet, as the command writes them. */
    @BeforeAll
    static void start() throws Exception {
        spark = SparkSession.builder().master("local[2]").appName("test").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4").getOrCreate();
        policies = new ArrayList<>(PolicyText.examples());
        policies.add(PolicyText.of(Path.of("src/test/resources/policies/points_and_assessment.yaml")));
        Dataset<Row> facts = SparkEvaluation.read(spark, FILE);
        results = dir.resolve("results.parquet").toString();
        points = dir.resolve("points.parquet").toString();
        matches = dir.resolve("matches.parquet").toString();
        SparkEvaluation.evaluate(facts, 2020, 2024, RULESETS, "Asia/Shanghai", 5, spark.sparkContext().longAccumulator())
                .write().parquet(results);
        SparkPoints.score(facts, 2020, 2024, ModelText.defaultModel(), "Asia/Shanghai", 5, spark.sparkContext().longAccumulator())
                .write().parquet(points);
        SparkPolicies.match(facts, 2020, 2024, policies, spark.read().parquet(results), spark.read().parquet(points), "Asia/Shanghai",
                5, rejected = spark.sparkContext().longAccumulator()).write().parquet(matches);
    }

    private static LongAccumulator rejected;

    @AfterAll
    static void stop() {
        spark.stop();
    }

    record Match(String policy, String creditCode, int period, String outcome, BigDecimal amount, String explanation, String facts) {
        String key() {
            return policy + "/" + creditCode + "/" + period;
        }

        static Match of(Row r) {
            return new Match(r.getString(0), r.getString(1), r.getInt(2), r.getString(3), r.getDecimal(4), r.getString(5), r.getString(6));
        }
    }

    @Test
    void everyMatchEqualsTheSingleJvmMatching() throws Exception {
        Dataset<Row> facts = SparkEvaluation.read(spark, FILE);
        List<Match> onSpark = spark.read().parquet(matches).collectAsList().stream().map(Match::of).toList();

        SingleJvm.Valid valid = SingleJvm.read(facts.collectAsList(), Arrays.asList(facts.columns()));
        List<Match> reference = singleJvm(valid, policies.stream().map(PolicyText::policy).toList());
        assertThat(rejected.value()).isEqualTo(valid.rejected());
        assertThat(onSpark).hasSameSizeAs(reference);
        Map<String, Match> byKey = onSpark.stream().collect(Collectors.toMap(Match::key, Function.identity()));
        for (Match expected : reference) assertThat(byKey.get(expected.key())).isEqualTo(expected);
        // the comparison covers every stored outcome of the policy reading points, assessments and tiers, over the years
        List<Match> own = reference.stream().filter(m -> m.policy().equals("spark_points_assessment")).toList();
        assertThat(own.stream().map(Match::outcome).distinct()).contains("ELIGIBLE", "NEAR", "UNDETERMINED");
        assertThat(own.stream().map(Match::period).distinct()).hasSize(5);
        assertThat(own).anyMatch(m -> m.amount() != null && m.amount().remainder(BigDecimal.valueOf(1000)).signum() != 0);
        // the examples (period 2024) that read certificates or loans are matched too: undetermined, as the file has none
        assertThat(reference).anyMatch(m -> m.policy().equals("hnte_reserve_award") && m.period() == 2024);
    }

    @Test
    void anInvalidPolicyIsRefusedByFileAndField() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        java.nio.file.Files.writeString(bad, java.nio.file.Files.readString(Path.of("src/test/resources/policies/points_and_assessment.yaml"))
                .replace("eval.tsme\"", "eval.tsme > 1\""));
        Dataset<Row> facts = SparkEvaluation.read(spark, FILE);
        assertThatThrownBy(() -> SparkPolicies.match(facts, 2024, 2024, List.of(PolicyText.of(bad)), facts, facts, "Asia/Shanghai", 2,
                spark.sparkContext().longAccumulator())).hasMessageContaining("bad.yaml");
    }

    @Test
    void pointsAndMatchesLoadIntoThePlatformsTablesReplacingEarlierOnes() throws Exception {
        List<Row> pointRows = spark.read().parquet(points).where("year >= 2023").collectAsList();
        List<Row> matchRows = spark.read().parquet(matches).where("period >= 2023").collectAsList();
        PolicyText own = policies.get(policies.size() - 1);
        List<String> codes = pointRows.stream().map(r -> r.getString(0)).distinct().sorted().toList();
        List<String> registered = codes.subList(0, codes.size() - 5); // five the platform does not know
        Map<Integer, Long> population = pointRows.stream().collect(Collectors.groupingBy(r -> r.getInt(1), Collectors.counting()));
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true).start();
             Connection c = pg.getPostgresDatabase().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute(PLATFORM_TABLES);
                for (String code : registered) s.execute("INSERT INTO enterprise (credit_code) VALUES ('" + code + "')");
            }
            try (var insert = c.prepareStatement("INSERT INTO policy_version VALUES (1, 1, ?)")) {
                insert.setString(1, own.yaml());
                insert.executeUpdate();
            }
            PointsLoader.Loaded first = PointsLoader.load(c, pointRows.iterator(), PointsModel.defaultModel());
            long unknown = pointRows.stream().filter(r -> !registered.contains(r.getString(0))).count();
            assertThat(first.unknownEnterprise()).isEqualTo(unknown).isPositive();
            assertThat(first.stored()).isEqualTo(pointRows.size() - unknown);
            assertThat(first.runs()).isEqualTo(2);
            PointsLoader.Loaded again = PointsLoader.load(c, pointRows.iterator(), PointsModel.defaultModel());
            assertThat(again.stored()).isEqualTo(first.stored());
            Map<String, Row> byKey = pointRows.stream().collect(Collectors.toMap(r -> r.getString(0) + "/" + r.getInt(1), r -> r));
            int checked = 0;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT e.credit_code, p.year, p.stage, p.total, p.percentile, p.stage_uncertain, p.breakdown, r.enterprises, r.stage_sizes ->> p.stage, r.started_by, r.id > 2
                    FROM enterprise_points p JOIN enterprise e ON e.id = p.enterprise_id JOIN points_run r ON r.id = p.run_id""")) {
                while (rs.next()) {
                    Row expected = byKey.get(rs.getString(1) + "/" + rs.getInt(2));
                    assertThat(rs.getString(3)).isEqualTo(expected.getString(4));
                    assertThat(rs.getBigDecimal(4)).isEqualTo(new BigDecimal(PointsLoader.number(expected.getDouble(5))));
                    assertThat(rs.getBigDecimal(4).doubleValue()).isEqualTo(expected.getDouble(5));
                    assertThat(rs.getBigDecimal(5).doubleValue()).isEqualTo(expected.getDouble(6));
                    assertThat(rs.getBoolean(6)).isEqualTo(expected.getBoolean(7));
                    assertThat(JSON.readTree(rs.getString(7))).isEqualTo(JSON.readTree(expected.getString(8)));
                    assertThat(rs.getLong(8)).isEqualTo(population.get(rs.getInt(2)));
                    assertThat(rs.getLong(9)).isEqualTo(JSON.readTree(expected.getString(8)).get("stage_size").asLong());
                    assertThat(rs.getString(10)).isEqualTo("spark");
                    assertThat(rs.getBoolean(11)).as("the second load's runs").isTrue();
                    checked++;
                }
            }
            assertThat(checked).isEqualTo(first.stored());

            List<Row> ownMatches = matchRows.stream().filter(r -> r.getString(0).equals(own.policy().code())).toList();
            assertThatThrownBy(() -> MatchLoader.load(c, matchRows.iterator(), List.of(own), population))
                    .hasMessageContaining("which was not named");
            assertThatThrownBy(() -> MatchLoader.load(c, ownMatches.iterator(), policies, population))
                    .hasMessageContaining("hnte_first_award is not published");
            PolicyText edited = new PolicyText(own.file(), own.yaml().replace("value: 40,", "value: 41,"));
            assertThatThrownBy(() -> MatchLoader.load(c, ownMatches.iterator(), List.of(edited), population))
                    .hasMessageContaining("not the definition matched");
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO policy_match_run (policy_id, policy_version, period, status, started_by) VALUES (1, 1, 2024, 'DONE', 'earlier')");
                s.execute("INSERT INTO policy_match (policy_id, enterprise_id, period, policy_version, run_id, outcome, explanation, facts)"
                        + " SELECT 1, max(id), 2024, 1, 1, 'NEAR', '{}', '{}' FROM enterprise"); // a match this load no longer holds
            }
            MatchLoader.Loaded loaded = MatchLoader.load(c, ownMatches.iterator(), List.of(own), population);
            long unknownMatches = ownMatches.stream().filter(r -> !registered.contains(r.getString(1))).count();
            assertThat(loaded.stored()).isEqualTo(ownMatches.size() - unknownMatches).isPositive();
            assertThat(loaded.runs()).isEqualTo(2);
            Map<String, Row> matchByKey = ownMatches.stream().collect(Collectors.toMap(r -> r.getString(1) + "/" + r.getInt(2), r -> r));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT e.credit_code, m.period, m.outcome, m.amount_yuan, m.explanation, m.facts, m.policy_version, r.evaluated,
                           r.eligible, r.near, r.started_by
                    FROM policy_match m JOIN enterprise e ON e.id = m.enterprise_id JOIN policy_match_run r ON r.id = m.run_id""")) {
                int n = 0;
                while (rs.next()) {
                    Row expected = matchByKey.get(rs.getString(1) + "/" + rs.getInt(2));
                    assertThat(expected).as("only the loaded matches remain").isNotNull();
                    assertThat(rs.getString(3)).isEqualTo(expected.getString(3));
                    assertThat(rs.getBigDecimal(4)).isEqualTo(expected.getDecimal(4));
                    assertThat(JSON.readTree(rs.getString(5))).isEqualTo(JSON.readTree(expected.getString(5)));
                    assertThat(JSON.readTree(rs.getString(6))).isEqualTo(JSON.readTree(expected.getString(6)));
                    assertThat(rs.getInt(7)).isEqualTo(1);
                    assertThat(rs.getLong(8)).isEqualTo(population.get(rs.getInt(2)));
                    int period = rs.getInt(2);
                    assertThat(rs.getLong(9)).isEqualTo(ownMatches.stream().filter(r -> r.getInt(2) == period && r.getString(3).equals("ELIGIBLE")).count());
                    assertThat(rs.getLong(10)).isEqualTo(ownMatches.stream().filter(r -> r.getInt(2) == period && r.getString(3).equals("NEAR")).count());
                    assertThat(rs.getString(11)).isEqualTo("spark");
                    n++;
                }
                assertThat(n).isEqualTo(loaded.stored());
            }
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * The platform's tables as the application's migrations leave them (V30, V63, V70), without the region table and
     * the columns the loaders do not write.
     */
    private static final String PLATFORM_TABLES = """
            CREATE TABLE enterprise (id bigserial PRIMARY KEY, credit_code text NOT NULL UNIQUE);
            CREATE TABLE points_run (
                id bigserial PRIMARY KEY, evaluation_run_id bigint, region_code text,
                year integer NOT NULL CHECK (year BETWEEN 1990 AND 2100), model_id text NOT NULL, model_version text NOT NULL,
                started_by text NOT NULL, started_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz,
                enterprises integer NOT NULL DEFAULT 0, stage_sizes jsonb NOT NULL DEFAULT '{}', labels jsonb NOT NULL DEFAULT '{}');
            INSERT INTO points_run (year, model_id, model_version, started_by) VALUES (2023, 'x', '1', 'earlier'), (2024, 'x', '1', 'earlier');
            CREATE TABLE enterprise_points (
                enterprise_id bigint NOT NULL REFERENCES enterprise (id), year integer NOT NULL, model_id text NOT NULL,
                model_version text NOT NULL, stage text NOT NULL, total numeric NOT NULL, percentile numeric NOT NULL,
                stage_uncertain boolean NOT NULL, breakdown jsonb NOT NULL, run_id bigint NOT NULL REFERENCES points_run (id),
                computed_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (enterprise_id, year));
            CREATE TABLE policy (id bigserial PRIMARY KEY, code text NOT NULL UNIQUE, status text NOT NULL, published_version integer);
            INSERT INTO policy (code, status, published_version) VALUES ('spark_points_assessment', 'PUBLISHED', 1),
                ('hnte_first_award', 'DRAFT', NULL);
            CREATE TABLE policy_version (policy_id bigint NOT NULL REFERENCES policy (id), version integer NOT NULL,
                definition text NOT NULL, PRIMARY KEY (policy_id, version));
            CREATE TABLE policy_match_run (
                id bigserial PRIMARY KEY, policy_id bigint NOT NULL REFERENCES policy (id), policy_version integer NOT NULL,
                region_code text, period integer NOT NULL CHECK (period BETWEEN 1990 AND 2100),
                status text NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')), started_by text NOT NULL,
                started_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz, evaluated integer NOT NULL DEFAULT 0,
                eligible integer NOT NULL DEFAULT 0, near integer NOT NULL DEFAULT 0, message text,
                FOREIGN KEY (policy_id, policy_version) REFERENCES policy_version (policy_id, version));
            CREATE TABLE policy_match (
                policy_id bigint NOT NULL REFERENCES policy (id), enterprise_id bigint NOT NULL REFERENCES enterprise (id),
                period integer NOT NULL, policy_version integer NOT NULL, run_id bigint NOT NULL REFERENCES policy_match_run (id),
                outcome text NOT NULL CHECK (outcome IN ('ELIGIBLE', 'NEAR', 'UNDETERMINED')),
                amount_yuan numeric(16, 2) CHECK (amount_yuan >= 0), explanation jsonb NOT NULL, facts jsonb NOT NULL,
                matched_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (policy_id, enterprise_id, period),
                FOREIGN KEY (policy_id, policy_version) REFERENCES policy_version (policy_id, version));
            """;

    /** The application's matching of each policy over each year's population, its context from one JVM's results. */
    private static List<Match> singleJvm(SingleJvm.Valid valid, List<Policy> policies) throws Exception {
        List<Match> out = new ArrayList<>();
        for (int year = 2020; year <= 2024; year++) {
            Population population = Population.of(valid.rows(), year);
            Map<String, Map<String, String>> latest = new HashMap<>(); // ruleset id -> credit code -> outcome of the highest version
            Map<String, String> versionOf = new HashMap<>();
            for (String ref : RULESETS) {
                Ruleset ruleset = Rulesets.get(ref);
                String v = versionOf.get(ruleset.id());
                if (v != null && v.compareTo(ruleset.version()) > 0) continue;
                versionOf.put(ruleset.id(), ruleset.version());
                BatchResult batch = ruleset.evaluate(population);
                Map<String, String> byCode = new HashMap<>();
                for (int i = 0; i < batch.size(); i++) byCode.put(batch.result(i).creditCode(), batch.result(i).outcome().name());
                latest.put(ruleset.id(), byCode);
            }
            PointsResult points = PointsModel.defaultModel().score(valid.rows(), year);
            PolicyFacts facts = PolicyFacts.of(population);
            for (int i = 0; i < facts.size(); i++) {
                String code = population.creditCode(i);
                for (String r : PolicyContext.RULESETS) {
                    String o = latest.getOrDefault(r, Map.of()).get(code);
                    facts.set("eval." + r, i, "QUALIFIED".equals(o) ? Boolean.TRUE : "NOT_QUALIFIED".equals(o) ? Boolean.FALSE : null);
                }
                for (Tier.Ladder ladder : Tier.Ladder.values()) {
                    List<Tier> known = Tier.of(ladder).stream().filter(t -> t.rulesetId().isPresent()
                            && PolicyContext.slotOf("eval." + t.rulesetId().get()) >= 0
                            && List.of("QUALIFIED", "NOT_QUALIFIED").contains(latest.getOrDefault(t.rulesetId().get(), Map.of()).get(code))).toList();
                    Integer highest = known.stream().filter(t -> latest.get(t.rulesetId().get()).get(code).equals("QUALIFIED"))
                            .map(Tier::rank).max(Integer::compare).orElse(0);
                    facts.set("tier." + ladder.name().toLowerCase(Locale.ROOT) + ".eligible", i, known.isEmpty() ? null : highest);
                }
                EnterprisePoints e = points.get(code);
                facts.set("points.stage", i, e.stage());
                facts.set("points.total", i, e.points());
                facts.set("points.percentile", i, e.percentileInStage());
            }
            for (Policy policy : policies) {
                if (year < policy.periodStart().getYear() || year > policy.periodEnd().getYear()) continue;
                PolicyBatch batch = policy.evaluate(facts, true);
                for (int i = 0; i < batch.size(); i++) {
                    if (batch.outcome(i) == PolicyOutcome.NOT_ELIGIBLE) continue;
                    PolicyResult r = batch.result(i);
                    out.add(new Match(policy.code(), r.creditCode(), year, r.outcome().name(), r.amount(), SparkPolicies.explanation(r),
                            new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(r.facts())));
                }
            }
        }
        return out;
    }
}
