package org.innoladder.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.innoladder.generator.GeneratorSettings;
import org.innoladder.generator.SyntheticData;
import org.innoladder.rules.EvaluationResult;
import org.innoladder.rules.Outcome;
import org.innoladder.rules.Population;
import org.innoladder.rules.Ruleset;
import org.innoladder.rules.RulesetInfo;
import org.innoladder.rules.Rulesets;
import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.FactRow;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * An installation with results stored as JSON (schema version 90) migrates to compact results: every row's detail
 * decodes to the result its JSON held, the JSON column is gone and the table holds no leftover row versions; a row of a
 * ruleset version this build does not have keeps its outcome without a detail. Runs in a database of its own on the
 * test's server.
 */
@SpringBootTest
@ActiveProfiles("test")
class CompactMigrationTest {
    @Autowired
    DataSource dataSource;
    @Autowired
    Flyway flyway;

    @Test
    void storedJsonResultsBecomeCompactAndReadAsBefore() throws Exception {
        HikariDataSource server = (HikariDataSource) dataSource;
        String db = "compact_migration_" + ProcessHandle.current().pid();
        try (Connection c = server.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db);
        }
        String url = server.getJdbcUrl().replaceFirst("/postgres$", "/" + db);
        try {
            Flyway.configure().dataSource(url, server.getUsername(), server.getPassword()).locations(flyway.getConfiguration().getLocations()).target("90").load().migrate();
            Map<String, EvaluationResult> before = new HashMap<>();
            try (Connection c = DriverManager.getConnection(url, server.getUsername(), server.getPassword())) {
                storeAsJson(c, before);
            }
            Flyway.configure().dataSource(url, server.getUsername(), server.getPassword()).locations(flyway.getConfiguration().getLocations()).load().migrate();

            try (Connection c = DriverManager.getConnection(url, server.getUsername(), server.getPassword()); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_name = 'evaluation_result'"
                        + " AND column_name = 'result'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("the JSON column is dropped").isZero();
                }
                int read = 0;
                try (ResultSet rs = s.executeQuery("SELECT e.credit_code, e.name, r.ruleset_id, r.ruleset_version, r.year, r.outcome,"
                        + " r.score_min, r.score_max, r.detail FROM evaluation_result r JOIN enterprise e ON e.id = r.enterprise_id"
                        + " WHERE r.ruleset_version <> '1999'")) {
                    while (rs.next()) {
                        EvaluationResult r = CompactResultReader.result(new CompactResultReader.Row(rs.getString(1), rs.getString(2),
                                rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6), (Integer) rs.getObject(7),
                                (Integer) rs.getObject(8), rs.getBytes(9)));
                        String key = r.creditCode() + "/" + r.ruleset() + "@" + r.version() + "/" + r.year();
                        assertThat(r).as(key).isEqualTo(before.get(key));
                        read++;
                    }
                }
                assertThat(read).isEqualTo(before.size());
                try (ResultSet rs = s.executeQuery("SELECT outcome, detail IS NULL FROM evaluation_result WHERE ruleset_version = '1999'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("QUALIFIED");
                    assertThat(rs.getBoolean(2)).as("an unknown version keeps its outcome without a detail").isTrue();
                }
                s.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple");
                try (ResultSet rs = s.executeQuery("SELECT dead_tuple_count, free_percent FROM pgstattuple('evaluation_result')")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("the table was rewritten, not updated row by row").isZero();
                    assertThat(rs.getDouble(2)).as("free space left in the table, %").isLessThan(20);
                }
            }
        } finally {
            try (Connection c = server.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
        }
    }

    /** What the JSON writer stored: 40 generated enterprises, 2023 and 2024, every ruleset's default version. */
    private static void storeAsJson(Connection c, Map<String, EvaluationResult> stored) throws Exception {
        SyntheticData data = new SyntheticData(new GeneratorSettings(40, 2019, 2024, 11, false));
        List<FactRow> rows = IntStream.range(0, 40).mapToObj(data::enterprise).flatMap(e -> e.rows().stream()).toList();
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO enterprise (credit_code, name, region_code, founded_on)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (credit_code) DO NOTHING RETURNING id")) {
            for (FactRow row : rows) {
                if (ids.containsKey(row.creditCode())) continue;
                ps.setString(1, row.creditCode());
                ps.setString(2, row.name());
                ps.setString(3, row.text(Column.REGION_CODE));
                ps.setObject(4, row.date(Column.FOUNDED_ON));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    ids.put(row.creditCode(), rs.getLong(1));
                }
            }
        }
        long run;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("INSERT INTO evaluation_run (year, rulesets, status, started_by)"
                + " VALUES (2024, '{}', 'DONE', 'test') RETURNING id")) {
            rs.next();
            run = rs.getLong(1);
        }
        List<Ruleset> rulesets = new ArrayList<>();
        for (RulesetInfo info : Rulesets.list()) {
            if (rulesets.stream().noneMatch(r -> r.id().equals(info.id()))) rulesets.add(Rulesets.get(info.id()));
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO evaluation_result (run_id, enterprise_id, year, ruleset_id,"
                + " ruleset_version, outcome, score_min, score_max, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))")) {
            for (int year : new int[] {2023, 2024}) {
                for (Ruleset ruleset : rulesets) {
                    for (EvaluationResult r : ruleset.evaluate(Population.of(rows, year)).results()) {
                        ps.setLong(1, run);
                        ps.setLong(2, ids.get(r.creditCode()));
                        ps.setInt(3, year);
                        ps.setString(4, r.ruleset());
                        ps.setString(5, r.version());
                        ps.setString(6, r.outcome().name());
                        ps.setObject(7, r.score() == null ? null : r.score().min());
                        ps.setObject(8, r.score() == null ? null : r.score().max());
                        ps.setString(9, r.toJson());
                        ps.addBatch();
                        stored.put(r.creditCode() + "/" + r.ruleset() + "@" + r.version() + "/" + year, r);
                    }
                }
            }
            ps.setLong(1, run);
            ps.setLong(2, ids.values().iterator().next());
            ps.setInt(3, 2022);
            ps.setString(4, "tsme");
            ps.setString(5, "1999");
            ps.setString(6, Outcome.QUALIFIED.name());
            ps.setObject(7, null);
            ps.setObject(8, null);
            ps.setString(9, "{}");
            ps.addBatch();
            ps.executeBatch();
        }
    }
}
