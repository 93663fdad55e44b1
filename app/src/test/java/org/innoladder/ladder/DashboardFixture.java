package org.innoladder.ladder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.innoladder.evaluation.internal.EvaluationRun;
import org.innoladder.evaluation.EvaluationRuns;
import org.innoladder.generator.GeneratorSettings;
import org.innoladder.generator.OutputFormat;
import org.innoladder.generator.SyntheticData;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.importer.ImportOptions;
import org.innoladder.importer.ImportProgress;
import org.innoladder.importer.ImportReport;
import org.innoladder.importer.ImportService;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Generated 常州 data for the snapshot and dashboard tests, loaded once per database the way production gets it:
 * imported through the importer (which refreshes the snapshot), evaluated by evaluation runs under every ladder
 * ruleset for 2023 and 2024 (each refreshing it), plus hand-made certificates the generator does not produce
 * (renewal after a lapse, two valid certificates of one tier, the MIIT upper tiers held by enterprises the generator
 * did not make so), then refreshed by hand.
 */
public class DashboardFixture {
    static final CurrentUser SYSTEM = new CurrentUser(9300, "fixture", "测试", Role.ADMIN, null, null, null);
    static final List<String> RULESETS = List.of("tsme@2017", "hnte@2016", "gazelle@yancheng-2022", "seed_unicorn",
            "potential_unicorn", "unicorn", "innovative_sme@2022", "specialised_sme@2026", "little_giant@2026");

    private final JdbcClient jdbc;
    private final ImportService importer;
    private final EvaluationRuns runs;
    private final LadderSnapshot snapshot;

    public DashboardFixture(JdbcClient jdbc, ImportService importer, EvaluationRuns runs, LadderSnapshot snapshot) {
        this.jdbc = jdbc;
        this.importer = importer;
        this.runs = runs;
        this.snapshot = snapshot;
    }

    public synchronized void ensureLoaded() throws Exception {
        if (jdbc.sql("SELECT count(*) FROM ladder_refresh WHERE trigger = 'fixture'").query(Long.class).single() > 0) return;
        Path dir = Files.createTempDirectory("dashboard-fixture");
        SyntheticData data = new SyntheticData(new GeneratorSettings(1500, 2021, 2024, 77, false));
        Path facts = dir.resolve("facts.csv"), certificates = dir.resolve("certificates.csv");
        data.writeCsv(facts, OutputFormat.csv());
        data.writeRecognitionsCsv(certificates, OutputFormat.csv());
        ImportOptions options = ImportOptions.everything("test", "fixture");
        for (Path f : List.of(facts, certificates)) {
            ImportReport r = importer.importFile(f, f.getFileName().toString(), options, ImportProgress.NONE);
            if (r.status() != ImportReport.Status.COMMITTED) throw new IllegalStateException(r.message());
            Files.delete(f);
        }
        Files.delete(dir);
        for (int year : List.of(2023, 2024)) {
            long id = runs.start(SYSTEM, runs.check(SYSTEM, null, year, RULESETS), null);
            for (int i = 0; i < 1200; i++) {
                EvaluationRun run = runs.get(SYSTEM, id);
                if (!run.status().equals("RUNNING")) {
                    if (!run.status().equals("DONE")) throw new IllegalStateException(run.message());
                    break;
                }
                Thread.sleep(100);
            }
        }
        List<Long> ids = jdbc.sql("SELECT id FROM enterprise ORDER BY credit_code LIMIT 6").query(Long.class).list();
        // renewed after a lapse in 2024: held and lapsed in the same year
        certificate(ids.get(0), "HNTE", "R1", "2021-07-01", "2024-06-30");
        certificate(ids.get(0), "HNTE", "R2", "2024-07-01", "2027-06-30");
        // two valid certificates of one tier: the longer-lasting one stands behind the official tier
        certificate(ids.get(1), "GAZELLE", "G1", "2022-03-01", "2025-02-28");
        certificate(ids.get(1), "GAZELLE", "G2", "2023-03-01", null);
        // MIIT upper tiers held whatever their facts; one expired during 2024 (EXPIRED 2023 → 2024), one open-ended
        certificate(ids.get(2), "SPECIALISED_SME", "S1", "2021-04-01", "2024-03-31");
        certificate(ids.get(3), "LITTLE_GIANT", "L1", "2022-09-01", null);
        certificate(ids.get(4), "SPECIALISED_SME", "S2", "2022-09-01", "2025-08-31");
        // every year with a snapshot: the import refreshed 2021 too, before these certificates existed
        for (int year : snapshot.years()) snapshot.refresh(year, LadderSnapshot.Target.all(), "fixture");
    }

    void certificate(long id, String kind, String no, String issued, String expires) {
        jdbc.sql("""
                INSERT INTO recognition (enterprise_id, kind, certificate_no, issued_on, expires_on, source)
                VALUES (?, ?, ?, ?, ?, 'test')""").params(id, kind, "FX-" + no, LocalDate.parse(issued),
                expires == null ? null : LocalDate.parse(expires)).update();
    }

    /** The district with most enterprises of the generated data. */
    public String district() {
        return jdbc.sql("SELECT county_code FROM enterprise GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1").query(String.class).single();
    }

    /** The most populous town of {@link #district()}. */
    public String town() {
        return jdbc.sql("SELECT town_code FROM enterprise WHERE county_code = ? AND town_code IS NOT NULL GROUP BY 1"
                + " ORDER BY count(*) DESC, 1 LIMIT 1").param(district()).query(String.class).single();
    }
}
