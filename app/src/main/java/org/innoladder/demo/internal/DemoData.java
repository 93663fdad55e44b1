package org.innoladder.demo.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.innoladder.db.EventCompletion;
import org.innoladder.evaluation.EvaluationRuns;
import org.innoladder.generator.GeneratorSettings;
import org.innoladder.generator.OutputFormat;
import org.innoladder.generator.SyntheticData;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DemoAccounts;
import org.innoladder.identity.Role;
import org.innoladder.importer.ImportOptions;
import org.innoladder.importer.ImportProgress;
import org.innoladder.importer.ImportReport;
import org.innoladder.importer.ImportService;
import org.innoladder.points.PointsRuns;
import org.innoladder.rules.Ruleset;
import org.innoladder.rules.RulesetInfo;
import org.innoladder.rules.Rulesets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo region on an empty database: the synthetic 常州市 data set (docs/demo-data.md) goes through the
 * same importer as any upload, so its batches, provenance and audit entries are real; then the demo accounts.
 */
@Component
public class DemoData {
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final Duration FOLLOW_UPS = Duration.ofMinutes(30);

    private final JdbcClient jdbc;
    private final ImportService importer;
    private final DemoAccounts accounts;
    private final EvaluationRuns evaluations;
    private final PointsRuns points;
    private final EventCompletion completion;
    private final org.innoladder.credit.CreditDemo credit;
    private final org.innoladder.resources.ResourcesDemo resources;
    private final org.innoladder.investment.InvestmentDemo investment;
    private final org.innoladder.assessment.AssessmentDemo assessment;
    private final org.innoladder.ladder.target.DepartmentDemo departments;

    public DemoData(JdbcClient jdbc, ImportService importer, DemoAccounts accounts, EvaluationRuns evaluations,
                    PointsRuns points, EventCompletion completion, org.innoladder.credit.CreditDemo credit,
                    org.innoladder.resources.ResourcesDemo resources, org.innoladder.investment.InvestmentDemo investment,
                    org.innoladder.assessment.AssessmentDemo assessment, org.innoladder.ladder.target.DepartmentDemo departments) {
        this.departments = departments;
        this.resources = resources;
        this.investment = investment;
        this.assessment = assessment;
        this.completion = completion;
        this.credit = credit;
        this.jdbc = jdbc;
        this.importer = importer;
        this.accounts = accounts;
        this.evaluations = evaluations;
        this.points = points;
    }

    /** Loads the demo data set when no enterprise exists yet, and returns the demo accounts. */
    public List<DemoAccounts.Account> ensureLoaded(GeneratorSettings settings) {
        boolean empty = jdbc.sql("SELECT NOT EXISTS (SELECT 1 FROM enterprise)").query(Boolean.class).single();
        if (empty) {
            load(settings);
            // the platform register before the evaluations, so the rulesets read the registry's levels
            resources.ensureLoaded(settings.toYear());
            evaluate(settings);
        }
        resources.ensureLoaded(settings.toYear());
        investment.ensureLoaded(settings.toYear());
        assessment.ensureLoaded(settings.toYear());
        departments.ensureLoaded(settings.toYear());
        List<DemoAccounts.Account> demoAccounts = accounts.ensureDemoAccounts();
        // banks, products, loans, claims and a funded pool, after the accounts (the demo bank's consents come with them)
        credit.ensureLoaded();
        return demoAccounts;
    }

    private void load(GeneratorSettings settings) {
        long started = System.nanoTime();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("innoladder-demo");
            SyntheticData data = new SyntheticData(settings);
            Path facts = dir.resolve("demo-enterprise-years.csv");
            Path certificates = dir.resolve("demo-recognitions.csv");
            data.writeCsv(facts, OutputFormat.csv());
            data.writeRecognitionsCsv(certificates, OutputFormat.csv());
            ImportOptions options = ImportOptions.everything("demo", "system");
            ImportReport years = importer.importFile(facts, facts.getFileName().toString(), options, ImportProgress.NONE);
            ImportReport recognitions = importer.importFile(certificates, certificates.getFileName().toString(),
                    options, ImportProgress.NONE);
            requireCommitted(years);
            requireCommitted(recognitions);
            log.info("Loaded the synthetic demo data set: {} enterprise-years, {} recognitions in {} ms",
                    years.rowsValid(), recognitions.rowsValid(), (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the demo data set", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /**
     * Every demo year under the default version of every ruleset, so that a newcomer's ladder, pools and
     * transitions are filled from the first page (the first year has no look-back, hence from the second). Each run's
     * stored results are followed by the year's innovation points over the same population (every region: the whole
     * demo city) and the ladder snapshot, in their modules' listeners; the first year's points are computed on their
     * own, so every demo year has them. Returns when every listener of the imports and runs has finished, so the
     * first pages show every figure.
     */
    private void evaluate(GeneratorSettings settings) {
        long started = System.nanoTime();
        List<Ruleset> rulesets = Rulesets.list().stream().map(RulesetInfo::id).distinct().map(Rulesets::get).toList();
        CurrentUser system = new CurrentUser(0, "system", "system", Role.ADMIN, null, null, null);
        for (int year = settings.fromYear() + 1; year <= settings.toYear(); year++) {
            evaluations.run(system, new EvaluationRuns.Request(null, year, rulesets), null);
        }
        points.run(null, settings.fromYear(), system.username(), n -> { });
        completion.await(event -> true, "the demo's imports and evaluation runs", FOLLOW_UPS);
        log.info("Evaluated the demo years {}–{} under {} rulesets in {} ms", settings.fromYear() + 1, settings.toYear(),
                rulesets.size(), (System.nanoTime() - started) / 1_000_000);
    }

    private static void requireCommitted(ImportReport report) {
        if (report.status() != ImportReport.Status.COMMITTED || report.rowsRejected() > 0) {
            throw new IllegalStateException("demo data import of " + report.fileName() + " ended " + report.status()
                    + " with " + report.rowsRejected() + " rejected rows: " + report.message());
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) return;
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            log.warn("could not delete {}: {}", dir, e.getMessage());
        }
    }
}
