package org.innoladder.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.innoladder.db.CsvCopy;
import org.innoladder.demo.internal.DemoData;
import org.innoladder.generator.GeneratorSettings;
import org.innoladder.enterprise.internal.FactRowsSql;
import org.innoladder.evaluation.internal.EvaluationResults;
import org.innoladder.evaluation.internal.ResultQuery;
import org.innoladder.evaluation.internal.ResultRow;
import org.innoladder.identity.DataScope;
import org.innoladder.rules.ladder.Tier;
import org.innoladder.ladder.TierDecision;
import org.innoladder.rules.EvaluationResult;
import org.innoladder.rules.EvaluationResult.Gap;
import org.innoladder.rules.Outcome;
import org.innoladder.rules.Population;
import org.innoladder.rules.Rulesets;
import org.innoladder.rules.Status;
import org.innoladder.rules.facts.FactRow;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every stored result of a generated demo region (the demo's generator and loader; {@code -Dcompact.enterprises=6000}
 * for the full demo) reads through the compact path exactly as it read through the JSON path before: the old path's
 * input is the engine's result from the same facts, written as {@code EvaluationResult.toJson()} into a {@code jsonb}
 * column and read back with the code of that time ({@link LegacyJsonResults}). Compared per enterprise: the file page's
 * evaluation section rendered in Chinese and English, the API's JSON; per ruleset and year: the results list (failed
 * criteria, gap count — the Excel export's columns); per NOT_QUALIFIED result: the ladder's statuses, gaps and near
 * ratio. Shares the demo-data context (same generator settings by default), so the region is loaded once.
 */
@SpringBootTest(properties = "innoladder.test.context=demo-data")
@ActiveProfiles("test")
class CompactRenderingTest {
    private static final int ENTERPRISES = Integer.getInteger("compact.enterprises", 300);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DataScope ALL = new DataScope.All();

    @Autowired
    DemoData demo;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    EvaluationResults results;
    @Autowired
    SpringTemplateEngine templates;

    @Test
    void everyStoredResultReadsAsTheJsonPathShowedIt() throws Exception {
        demo.ensureLoaded(new GeneratorSettings(ENTERPRISES, 2019, 2024, 2026, false));
        long stored = jdbc.sql("SELECT count(*) FROM evaluation_result").query(Long.class).single();
        assertThat(stored).isPositive();
        writeLegacyTable();
        assertThat(jdbc.sql("SELECT count(*) FROM legacy_result l JOIN evaluation_result r USING (enterprise_id, year, ruleset_id,"
                + " ruleset_version)").query(Long.class).single()).as("the old path has every stored result").isEqualTo(stored);

        int compared = 0;
        for (String code : jdbc.sql("SELECT credit_code FROM enterprise ORDER BY credit_code").query(String.class).list()) {
            List<JsonNode> oldJson = new ArrayList<>();
            Map<Locale, List<StoredResult>> oldFile = new HashMap<>();
            jdbc.sql("""
                    SELECT l.result::text, r.evaluated_at, r.run_id FROM legacy_result l
                    JOIN evaluation_result r USING (enterprise_id, year, ruleset_id, ruleset_version)
                    JOIN enterprise e ON e.id = r.enterprise_id WHERE e.credit_code = ?
                    ORDER BY r.year DESC, r.ruleset_id, r.ruleset_version DESC""").param(code).query((rs, n) -> {
                JsonNode json = JSON.readTree(rs.getString(1));
                oldJson.add(json);
                for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
                    oldFile.computeIfAbsent(locale, k -> new ArrayList<>())
                            .add(LegacyJsonResults.storedResult(json, rs.getObject(2, OffsetDateTime.class), rs.getLong(3), locale));
                }
                return null;
            }).list();
            List<JsonNode> newJson = results.json(ALL, code).orElseThrow();
            sameText("API JSON of " + code, JSON.writeValueAsString(newJson), JSON.writeValueAsString(oldJson));
            assertThat(newJson).isEqualTo(oldJson);
            for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
                List<StoredResult> newFile = results.forFile(ALL, code, locale);
                List<StoredResult> old = oldFile.getOrDefault(locale, List.of());
                sameText("file page section of " + code + " (" + locale + ")", render(newFile, locale), render(old, locale));
                assertThat(newFile).as("file page results of %s (%s)", code, locale).isEqualTo(old);
            }
            compared += newJson.size();
        }
        assertThat(compared).as("results compared on the file page and in the API").isEqualTo((int) stored);

        int listed = 0;
        for (var key : jdbc.sql("SELECT DISTINCT ruleset_id || '@' || ruleset_version, year FROM evaluation_result")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2))).list()) {
            ResultQuery q = ResultQuery.parse(key.getKey(), String.valueOf(key.getValue()), null, null, null, null, null);
            Map<String, ResultRow> rows = new HashMap<>();
            results.stream(ALL, q, Integer.MAX_VALUE, r -> rows.put(r.creditCode(), r));
            Map<String, String> old = new HashMap<>();
            jdbc.sql("SELECT e.credit_code, " + LegacyJsonResults.LIST_COLUMNS + " FROM legacy_result r JOIN enterprise e ON e.id = r.enterprise_id"
                    + " WHERE r.ruleset_id || '@' || r.ruleset_version = ? AND r.year = ?").params(key.getKey(), key.getValue())
                    .query((rs, n) -> old.put(rs.getString(1), rs.getString(2) + "/" + rs.getInt(3))).list();
            assertThat(rows.keySet()).isEqualTo(old.keySet());
            for (ResultRow r : rows.values()) {
                assertThat(String.join(";", r.failing()) + "/" + r.gaps()).as("list row %s %s", key, r.creditCode())
                        .isEqualTo(old.get(r.creditCode()));
            }
            listed += rows.size();
        }
        assertThat(listed).as("results compared in the lists").isEqualTo((int) stored);

        int[] near = {0, 0};
        jdbc.sql("""
                SELECT r.ruleset_id, r.ruleset_version, r.detail, r.near_ratio, l.result -> 'criteria', l.result -> 'gaps'
                FROM evaluation_result r JOIN legacy_result l USING (enterprise_id, year, ruleset_id, ruleset_version)
                WHERE r.outcome = 'NOT_QUALIFIED'""").query((rs, n) -> {
            String id = rs.getString(1), version = rs.getString(2), ref = id + "@" + version;
            Map<String, Status> statuses = CompactResultReader.statuses(id, version, rs.getBytes(3));
            List<Gap> gaps = CompactResultReader.gaps(id, version, rs.getBytes(3));
            Map<String, Status> oldStatuses = LegacyJsonResults.statuses(JSON.readTree(rs.getString(5)));
            List<Gap> oldGaps = LegacyJsonResults.gaps(JSON.readTree(rs.getString(6)));
            assertThat(statuses).as("ladder statuses of %s", ref).isEqualTo(oldStatuses);
            assertThat(gaps.stream().map(CompactRenderingTest::ladderGap).toList()).as("ladder gaps of %s", ref)
                    .isEqualTo(oldGaps.stream().map(CompactRenderingTest::ladderGap).toList());
            // The JSON path read each delta back through a double, so its relative gap could differ in the last digit;
            // the compact path's is exact, the one the run stored as the near ratio.
            for (int k = 0; k < gaps.size(); k++) {
                assertThat(relative(gaps.get(k))).isCloseTo(relative(oldGaps.get(k)), within(1e-12 * relative(gaps.get(k))));
            }
            Tier tier = Tier.byRuleset(id).orElse(null);
            if (tier != null) {
                double ratio = TierDecision.nearRatio(evaluated(tier, ref, statuses, gaps));
                assertThat(ratio).as("near ratio of %s", ref).isEqualTo(rs.getDouble(4));
                double old = TierDecision.nearRatio(evaluated(tier, ref, oldStatuses, oldGaps));
                assertThat(Double.isFinite(old)).isEqualTo(Double.isFinite(ratio));
                if (Double.isFinite(ratio)) {
                    assertThat(old).as("near ratio of %s", ref).isCloseTo(ratio, within(1e-12 * ratio));
                    near[1]++;
                }
            }
            near[0] += gaps.size();
            return null;
        }).list();
        assertThat(near[0]).as("gaps compared").isPositive();
        assertThat(near[1]).as("near ratios compared").isPositive();
        jdbc.sql("DROP TABLE legacy_result").update();
        System.out.printf("compact vs JSON path: %,d results of %,d enterprises, %,d gaps, %,d near ratios%n", stored, ENTERPRISES,
                near[0], near[1]);
    }

    /** Equal texts, or a failure that shows where they first differ (a whole enterprise's JSON is long). */
    private static void sameText(String what, String actual, String expected) {
        if (actual.equals(expected)) return;
        int at = 0;
        while (at < Math.min(actual.length(), expected.length()) && actual.charAt(at) == expected.charAt(at)) at++;
        int from = Math.max(0, at - 120);
        throw new AssertionError(what + " differs at character " + at + ":\n  compact: …" + actual.substring(from, Math.min(actual.length(), at + 80))
                + "\n  JSON:    …" + expected.substring(from, Math.min(expected.length(), at + 80)));
    }

    /** What the ladder shows of a gap: its words in both languages. */
    private static String ladderGap(Gap g) {
        TierDecision.Gap t = new TierDecision.Gap(g.criterion(), g.lever(), g.current(), g.required(), g.delta());
        return g.criterion() + "/" + g.lever() + "/" + t.sentence(Locale.CHINESE) + "/" + t.sentence(Locale.ENGLISH);
    }

    private static double relative(Gap g) {
        return new TierDecision.Gap(g.criterion(), g.lever(), g.current(), g.required(), g.delta()).relative();
    }

    private static TierDecision.Evaluated evaluated(Tier tier, String ref, Map<String, Status> statuses, List<Gap> gaps) {
        return new TierDecision.Evaluated(tier, ref, Outcome.NOT_QUALIFIED, statuses, gaps.stream()
                .map(g -> new TierDecision.Gap(g.criterion(), g.lever(), g.current(), g.required(), g.delta())).toList(),
                Rulesets.get(ref)::decide);
    }

    private String render(List<StoredResult> evaluations, Locale locale) {
        return templates.process("evaluation/fragments", Set.of("outcomes"), new Context(locale, Map.of("evaluations", evaluations)));
    }

    /**
     * The old writer's table: for every stored row, the engine's result from the same facts (every year's rows of every
     * enterprise) as {@code toJson()}, in {@code jsonb}.
     */
    private void writeLegacyTable() throws Exception {
        jdbc.sql("CREATE TABLE legacy_result (enterprise_id bigint, year integer, ruleset_id text, ruleset_version text, result jsonb)")
                .update();
        Map<String, Long> ids = new HashMap<>();
        List<FactRow> rows = jdbc.sql("SELECT " + FactRowsSql.selectList() + " FROM enterprise e JOIN enterprise_year y ON y.enterprise_id = e.id")
                .query((rs, n) -> {
                    FactRow row = FactRowsSql.read(rs);
                    ids.put(row.creditCode(), rs.getLong(1));
                    return row;
                }).list();
        StringBuilder csv = new StringBuilder();
        for (var key : jdbc.sql("SELECT DISTINCT ruleset_id || '@' || ruleset_version, year FROM evaluation_result")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2))).list()) {
            Population population = Population.of(rows, key.getValue());
            for (EvaluationResult r : Rulesets.get(key.getKey()).evaluate(population).results()) {
                csv.append(ids.get(r.creditCode())).append(',').append(r.year()).append(',');
                CsvCopy.quoted(csv, r.ruleset()).append(',');
                CsvCopy.quoted(csv, r.version()).append(',');
                CsvCopy.quoted(csv, r.toJson()).append('\n');
            }
        }
        try (var c = dataSource.getConnection()) {
            CsvCopy.flush(c.unwrap(PGConnection.class).getCopyAPI(), "COPY legacy_result FROM STDIN (FORMAT csv)", csv);
        }
    }
}
