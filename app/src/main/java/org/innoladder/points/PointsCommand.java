package org.innoladder.points;

import org.innoladder.cli.Args;
import org.innoladder.cli.Command;
import org.innoladder.cli.UsageException;
import org.innoladder.importer.UnreadableFileException;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code points}: innovation points (创新积分) of every enterprise in a CSV/XLSX file for one year, with the
 * default model or a region's own; no database, no Spring. Rows failing validation go to stderr and are
 * skipped; the result (per enterprise: stage, points, percentile in stage, breakdown) goes to stdout or --out.
 */
public final class PointsCommand implements Command {
    private final Clock clock;

    public PointsCommand() {
        this(Clock.systemDefaultZone());
    }

    PointsCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "points";
    }

    @Override
    public String usage() {
        return "points --input FILE.csv|FILE.xlsx --year Y [--model FILE.yaml] [--format json|csv] [--out FILE]"
                + "   innovation points (创新积分) per enterprise, no database";
    }

    @Override
    public int run(List<String> argList, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argList, Set.of(), Set.of("input", "year", "model", "format", "out"));
        if (!args.positional().isEmpty()) throw new UsageException("unexpected argument '" + args.positional().get(0) + "'");
        Path input = Path.of(args.require("input"));
        String yearText = args.require("year");
        int year;
        try {
            year = Integer.parseInt(yearText.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--year must be a year such as 2024, is '" + yearText + "'");
        }
        String format = args.option("format") == null ? "json" : args.option("format");
        if (!format.equals("json") && !format.equals("csv")) {
            throw new UsageException("--format must be json or csv, is '" + format + "'");
        }
        PointsModel model;
        try {
            model = args.option("model") == null ? PointsModel.defaultModel() : PointsModel.load(Path.of(args.option("model")));
        } catch (PointsModelException e) {
            err.println("innoladder points: model not loaded: " + e.getMessage());
            return 1;
        }

        PointsInput.Rows rows;
        try {
            rows = PointsInput.read(input, year, clock, err);
        } catch (UnreadableFileException e) {
            err.println("innoladder points: " + e.reason());
            return 1;
        }
        PointsResult result = model.score(rows.rows(), year);
        if (result.enterprises().isEmpty()) {
            err.println("innoladder points: 没有企业有 " + year + " 年度的有效数据 / no enterprise has a valid row for year " + year
                    + " (" + rows.read() + " rows read, " + rows.rejected() + " skipped)");
            return 1;
        }

        if (args.option("out") != null) {
            try (Writer w = Files.newBufferedWriter(Path.of(args.option("out")), StandardCharsets.UTF_8)) {
                write(model, result, format, w);
            }
        } else {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            write(model, result, format, w);
            w.flush();
        }
        String stages = model.stages().stream()
                .map(s -> s.zh() + " " + result.stageSize(s.id())).collect(Collectors.joining(", "));
        err.println("points (" + model.id() + "@" + model.version() + "): " + result.enterprises().size()
                + " enterprises scored for " + year + " (" + stages + "); " + rows.read() + " rows read, "
                + rows.rejected() + " skipped");
        return 0;
    }

    private static void write(PointsModel model, PointsResult result, String format, Writer w) throws Exception {
        if (format.equals("csv")) {
            PointsOutput.csv(model, result, w);
        } else {
            PointsOutput.json(model, result, w);
            w.write('\n');
        }
    }
}
