package org.innoladder.evaluation.internal;

import org.innoladder.evaluation.GapText;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.innoladder.cli.Args;
import org.innoladder.cli.Command;
import org.innoladder.cli.UsageException;
import org.innoladder.importer.ImportService;
import org.innoladder.importer.Rejection;
import org.innoladder.rules.EvaluationResult;
import org.innoladder.rules.Population;
import org.innoladder.rules.Ruleset;
import org.innoladder.rules.Rulesets;
import org.innoladder.rules.Status;
import org.innoladder.web.SpreadsheetText;

/**
 * {@code innoladder evaluate --input FILE --ruleset tsme[@2017] --year Y [--format json|csv] [--out FILE]}:
 * evaluates every enterprise of a CSV/XLSX file that has a row for Y, without a database. Rows the importer
 * would reject are named on stderr and skipped. Exit 0 when the file was read, 1 when it could not be, 2 for
 * a wrong command line or an unknown ruleset.
 */
public final class EvaluateCommand implements Command {

    @Override
    public String name() { return "evaluate"; }

    @Override
    public String usage() {
        return "evaluate --input FILE.csv|.xlsx --ruleset tsme|hnte[@VERSION] --year Y [--format json|csv] [--out FILE]"
                + "   evaluate a file's enterprises (no database)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Args parsed = Args.parse(args, Set.of(), Set.of("input", "ruleset", "year", "format", "out"));
        if (!parsed.positional().isEmpty()) throw new UsageException("unexpected argument " + parsed.positional().get(0));
        Path input = Path.of(parsed.require("input"));
        String rulesetRef = parsed.require("ruleset");
        int year;
        try {
            year = Integer.parseInt(parsed.require("year").strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--year must be a year, e.g. 2024, not " + parsed.option("year"));
        }
        String format = parsed.option("format") == null ? "json" : parsed.option("format").toLowerCase();
        if (!format.equals("json") && !format.equals("csv")) {
            throw new UsageException("--format must be json or csv, not " + parsed.option("format"));
        }
        Ruleset ruleset;
        try {
            ruleset = Rulesets.get(rulesetRef);
        } catch (IllegalArgumentException e) {
            err.println("innoladder evaluate: 未知规则集 / unknown ruleset " + rulesetRef + "; available / 可用: "
                    + Rulesets.list().stream().map(i -> i.ref()).collect(Collectors.joining(", ")));
            return 2;
        }

        ImportService.ValidFacts facts = ImportService.withoutDatabase().readFacts(input, input.getFileName().toString(),
                r -> {
                    if (r.severity() == Rejection.Severity.ERROR) err.println(rejectionLine(r));
                });
        if (!facts.report().readable() || facts.report().status() == org.innoladder.importer.ImportReport.Status.FAILED) {
            err.println("innoladder evaluate: " + facts.report().message());
            return 1;
        }
        if (facts.report().kind() != org.innoladder.importer.FileKind.ENTERPRISE_YEAR) {
            err.println("innoladder evaluate: 不是企业年度数据文件 / not an enterprise-year file: " + input);
            return 1;
        }
        Population population = Population.of(facts.rows(), year);
        List<EvaluationResult> results = ruleset.evaluate(population).results();
        err.printf("%s: %d rows read, %d valid, %d rejected; %d enterprises evaluated for %d under %s%n", input.getFileName(),
                facts.report().rowsRead(), facts.report().rowsValid(), facts.report().rowsRejected(), results.size(), year,
                ruleset.info().ref());

        Path outFile = parsed.option("out") == null ? null : Path.of(parsed.option("out"));
        OutputStream target = outFile == null ? out : Files.newOutputStream(outFile);
        Writer w = new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8));
        try {
            if (format.equals("json")) writeJson(results, w);
            else writeCsv(results, w);
        } finally {
            w.flush();
            if (outFile != null) w.close();
        }
        return 0;
    }

    static String rejectionLine(Rejection r) {
        return "line " + r.line() + (r.column() == null ? "" : " column " + r.column())
                + (r.value() == null ? "" : " value \"" + r.value() + "\"") + ": " + r.reason() + " — skipped / 已跳过";
    }

    static void writeJson(List<EvaluationResult> results, Writer w) throws IOException {
        w.write('[');
        for (int i = 0; i < results.size(); i++) {
            w.write(i == 0 ? "\n" : ",\n");
            w.write(results.get(i).toJson());
        }
        w.write(results.isEmpty() ? "]\n" : "\n]\n");
    }

    static final String[] CSV_HEADER = {"credit_code", "name", "ruleset", "version", "year", "outcome", "score_min",
            "score_max", "failing_criteria", "gaps"};

    static void writeCsv(List<EvaluationResult> results, Writer w) throws IOException {
        CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT);
        csv.printRecord((Object[]) CSV_HEADER);
        for (EvaluationResult r : results) {
            csv.printRecord(SpreadsheetText.record(r.creditCode(), r.name(), r.ruleset(), r.version(), r.year(), r.outcome(),
                    r.score() == null ? null : r.score().min(), r.score() == null ? null : r.score().max(),
                    String.join(";", r.criteria(Status.FAIL)), GapText.summary(r.gaps())));
        }
        csv.flush();
    }
}
