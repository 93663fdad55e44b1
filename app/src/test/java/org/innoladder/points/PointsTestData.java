package org.innoladder.points;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.innoladder.generator.GeneratorSettings;
import org.innoladder.generator.OutputFormat;
import org.innoladder.generator.SyntheticData;
import org.innoladder.importer.ImportOptions;
import org.innoladder.importer.ImportProgress;
import org.innoladder.importer.ImportReport;
import org.innoladder.importer.ImportService;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The points tests' population: a small synthetic 常州 set (every district, every stage) imported through the
 * importer once per database, and the city-wide points of {@link #CITY_YEAR} computed as the normal case.
 */
final class PointsTestData {
    static final GeneratorSettings SET = new GeneratorSettings(500, 2019, 2024, 4242, false);
    static final int CITY_YEAR = 2024;
    private static List<org.innoladder.rules.facts.FactRow> rows;

    private PointsTestData() {
    }

    /** The generator's rows: the same facts the database holds, without going through it. */
    static synchronized List<org.innoladder.rules.facts.FactRow> rows() {
        if (rows == null) rows = new SyntheticData(SET).rows().toList();
        return rows;
    }

    static synchronized void ensureLoaded(JdbcClient jdbc, ImportService importer, PointsRuns runs) throws Exception {
        if (jdbc.sql("SELECT EXISTS (SELECT 1 FROM enterprise_points WHERE year = ?)").params(CITY_YEAR).query(Boolean.class).single()) {
            return;
        }
        Path dir = Files.createTempDirectory("points-test");
        Path facts = dir.resolve("years.csv");
        new SyntheticData(SET).writeCsv(facts, OutputFormat.csv());
        ImportReport report = importer.importFile(facts, "years.csv", ImportOptions.everything("test", "test"), ImportProgress.NONE);
        if (report.status() != ImportReport.Status.COMMITTED || report.rowsRejected() > 0) {
            throw new IllegalStateException("test data not imported: " + report.message());
        }
        Files.delete(facts);
        Files.delete(dir);
        runs.run("3204", CITY_YEAR, "test", n -> { });
    }
}
