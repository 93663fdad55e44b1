package org.innoladder.generator.internal;

import org.innoladder.generator.GeneratorSettings;
import org.innoladder.generator.OutputFormat;
import org.innoladder.generator.SyntheticData;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.innoladder.cli.Args;
import org.innoladder.cli.Command;
import org.innoladder.cli.UsageException;

/** {@code generate}: writes the synthetic data set to a CSV or XLSX file; no database, no Spring. */
public final class GenerateCommand implements Command {
    private static final Pattern YEARS = Pattern.compile("(\\d{4})(?:-(\\d{4}))?");

    @Override
    public String name() {
        return "generate";
    }

    @Override
    public String usage() {
        return "generate --out FILE.csv|FILE.xlsx [--enterprises 6000] [--years 2019-2024] [--seed 2026] [--with-errors]"
                + " [--recognitions FILE2.csv] [--chinese-headers] [--encoding utf-8|gbk|gb18030]   write synthetic demo data";
    }

    @Override
    public int run(List<String> argList, PrintStream out, PrintStream err) throws IOException {
        Args args = Args.parse(argList, Set.of("with-errors", "chinese-headers"),
                Set.of("enterprises", "years", "seed", "out", "recognitions", "encoding"));
        if (!args.positional().isEmpty()) throw new UsageException("unexpected argument '" + args.positional().get(0) + "'");
        GeneratorSettings demo = GeneratorSettings.demo();
        int enterprises = intOption(args, "enterprises", demo.enterprises());
        if (enterprises < 1 || enterprises > GeneratorSettings.MAX_ENTERPRISES) {
            throw new UsageException("--enterprises must be 1.." + GeneratorSettings.MAX_ENTERPRISES + ", is " + enterprises);
        }
        int from = demo.fromYear();
        int to = demo.toYear();
        String years = args.option("years");
        if (years != null) {
            Matcher m = YEARS.matcher(years);
            if (!m.matches()) throw new UsageException("--years must be YYYY or YYYY-YYYY, is '" + years + "'");
            from = Integer.parseInt(m.group(1));
            to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            if (from > to) throw new UsageException("--years " + years + ": the first year is after the last");
            if (from < 1990) throw new UsageException("--years " + years + ": years start at 1990 (data dictionary)");
            if (to < GeneratorSettings.FIRST_FOUNDING_YEAR) {
                throw new UsageException("--years " + years + ": the last year must be " + GeneratorSettings.FIRST_FOUNDING_YEAR + " or later");
            }
            // a year's rows and founding dates (up to 31 March of the last year) must not lie in the future
            if (LocalDate.of(to, 3, 31).isAfter(LocalDate.now())) {
                throw new UsageException("--years " + years + ": the last year may not be later than the current year");
            }
        }
        long seed = longOption(args, "seed", demo.seed());
        Path file = Path.of(args.require("out"));
        String ext = extension(file);
        if (!ext.equals("csv") && !ext.equals("xlsx")) {
            throw new UsageException("--out must end in .csv or .xlsx, is '" + file + "'");
        }
        OutputFormat format = OutputFormat.csv().withChineseHeaders(args.flag("chinese-headers"));
        String encoding = args.option("encoding");
        if (encoding != null) {
            Charset cs = OutputFormat.charsetNamed(encoding);
            if (cs == null) throw new UsageException("--encoding must be utf-8, gbk or gb18030, is '" + encoding + "'");
            if (ext.equals("xlsx") && args.option("recognitions") == null) {
                throw new UsageException("--encoding applies to CSV files only");
            }
            format = format.withCharset(cs);
        }
        Path recognitions = args.option("recognitions") == null ? null : Path.of(args.option("recognitions"));
        if (recognitions != null && !extension(recognitions).equals("csv")) {
            throw new UsageException("--recognitions must end in .csv, is '" + recognitions + "'");
        }
        checkDirectory(file);
        if (recognitions != null) checkDirectory(recognitions);

        SyntheticData data = new SyntheticData(new GeneratorSettings(enterprises, from, to, seed, args.flag("with-errors")));
        long started = System.nanoTime();
        GenerationReport report = data.write(file, format);
        out.printf("wrote %d rows of %d synthetic enterprises (%d-%d, seed %d) to %s in %.1f s%n",
                report.rows(), report.enterprises(), from, to, seed, file, (System.nanoTime() - started) / 1e9);
        if (recognitions != null) {
            long n = data.writeRecognitionsCsv(recognitions, format);
            out.printf("wrote %d recognition certificates to %s%n", n, recognitions);
        }
        if (data.settings().withErrors()) report.printErrors(err);
        return 0;
    }

    private static void checkDirectory(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) throw new UsageException("directory " + dir + " does not exist");
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static int intOption(Args args, String name, int fallback) {
        String v = args.option(name);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, is '" + v + "'");
        }
    }

    private static long longOption(Args args, String name, long fallback) {
        String v = args.option(name);
        if (v == null) return fallback;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, is '" + v + "'");
        }
    }
}
