package org.innoladder.points.internal;

import org.innoladder.points.PointsRuns;
import org.innoladder.rules.points.PointsModel;
import org.innoladder.rules.points.PointsModelException;
import org.innoladder.rules.points.PointsResult;
import org.innoladder.cli.Args;
import org.innoladder.cli.Command;
import org.innoladder.cli.DatabaseContext;
import org.innoladder.cli.UsageException;
import org.innoladder.importer.UnreadableFileException;
import org.innoladder.web.BadParameterException;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code points}: innovation points (创新积分) for one year, with the default model or a region's own.
 * <ul>
 * <li>File mode ({@code --input}): every enterprise in a CSV/XLSX file; no database, no Spring. Rows failing
 *     validation go to stderr and are skipped; the result (per enterprise: stage, points, percentile in stage,
 *     breakdown) goes to stdout or --out.</li>
 * <li>Database mode (no {@code --input}): every enterprise of a region subtree ({@code --region}, default every
 *     region) in the database, scored over that population and stored in {@code enterprise_points}
 *     ({@link PointsRuns}); a summary per stage goes to stdout.</li>
 * </ul>
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
                + "   innovation points (创新积分) per enterprise, no database\n"
                + "  points --year Y [--region CODE] [--model FILE.yaml]"
                + "   compute and store the points of a region's enterprises in the database";
    }

    @Override
    public int run(List<String> argList, PrintStream out, PrintStream err) throws Exception {
        List<String> ours = new ArrayList<>();
        List<String> spring = new ArrayList<>();
        for (String a : argList) {
            if (DatabaseContext.isSpringArg(a)) spring.add(a);
            else ours.add(a);
        }
        Args args = Args.parse(ours, Set.of(), Set.of("input", "year", "model", "format", "out", "region"));
        if (!args.positional().isEmpty()) throw new UsageException("unexpected argument '" + args.positional().get(0) + "'");
        if (args.option("input") == null) return runOnDatabase(args, spring, out, err);
        if (args.option("region") != null) throw new UsageException("--region is for the database mode (without --input)");
        Path input = Path.of(args.require("input"));
        int year = year(args);
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

    private static int year(Args args) {
        String yearText = args.require("year");
        try {
            return Integer.parseInt(yearText.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--year must be a year such as 2024, is '" + yearText + "'");
        }
    }

    /** Database mode: score the region's population and store it; the model is checked before the database starts. */
    private int runOnDatabase(Args args, List<String> spring, PrintStream out, PrintStream err) {
        if (args.option("format") != null || args.option("out") != null) {
            throw new UsageException("--format and --out are for the file mode (--input); the database mode stores the points");
        }
        int year = year(args);
        String region = args.option("region") == null || args.option("region").isBlank() ? null : args.option("region").strip();
        if (region != null && !region.matches("[0-9]{2,9}")) {
            throw new UsageException("--region must be a region code of 2 to 9 digits, is '" + region + "'");
        }
        List<String> springArgs = new ArrayList<>(spring);
        if (args.option("model") != null) {
            try {
                PointsModel.load(Path.of(args.option("model")));
            } catch (PointsModelException e) {
                err.println("innoladder points: model not loaded: " + e.getMessage());
                return 1;
            }
            springArgs.add("--innoladder.points.model-file=" + args.option("model"));
        }
        try (ConfigurableApplicationContext ctx = DatabaseContext.start(springArgs)) {
            long started = System.nanoTime();
            PointsRuns runs = ctx.getBean(PointsRuns.class);
            PointsRuns.Outcome o;
            try {
                o = runs.run(region, year, System.getProperty("user.name", "cli"), n -> { });
            } catch (BadParameterException e) {
                err.println("innoladder points: " + e.messageZh() + " / " + e.messageEn());
                return 1;
            }
            if (o.enterprises() == 0) {
                err.println("innoladder points: 区划 " + (region == null ? "全部" : region) + " 没有企业有 " + year
                        + " 年度的数据 / no enterprise of region " + (region == null ? "all" : region) + " has a row for year " + year);
                return 1;
            }
            PointsModel model = runs.model();
            String stages = model.stages().stream().map(s -> s.zh() + " " + o.stageSizes().getOrDefault(s.id(), 0L))
                    .collect(Collectors.joining(", "));
            out.println("points run " + o.runId() + " (" + model.id() + "@" + model.version() + "): region "
                    + (region == null ? "all" : region) + ", year " + year + ": " + o.stored() + " enterprises scored and stored ("
                    + stages + ") in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            return 0;
        }
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
