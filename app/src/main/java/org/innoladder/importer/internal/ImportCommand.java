package org.innoladder.importer.internal;

import org.innoladder.importer.ImportOptions;
import org.innoladder.importer.ImportProgress;
import org.innoladder.importer.ImportReport;
import org.innoladder.importer.ImportService;
import org.innoladder.importer.Rejection;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.innoladder.cli.Args;
import org.innoladder.cli.Command;
import org.innoladder.cli.DatabaseContext;
import org.innoladder.cli.UsageException;
import org.innoladder.identity.DataScope;
import org.innoladder.web.SpreadsheetText;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code innoladder import FILE [--dry-run] [--report rejected.csv] [--source NAME]}: imports a CSV/XLSX file,
 * showing progress on stderr and the summary on stdout. Exit 0 when the file was read (even with rejected
 * rows), 1 when it could not be read or the import failed, 2 for a wrong command line.
 */
public final class ImportCommand implements Command {

    @Override
    public String name() { return "import"; }

    @Override
    public String usage() {
        return "import FILE [--dry-run] [--report rejected.csv] [--source NAME]   import enterprise data or certificates (CSV/XLSX)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        List<String> ours = new ArrayList<>();
        List<String> spring = new ArrayList<>();
        for (String a : args) {
            if (DatabaseContext.isSpringArg(a)) spring.add(a);
            else ours.add(a);
        }
        Args parsed = Args.parse(ours, Set.of("dry-run"), Set.of("report", "source"));
        if (parsed.positional().size() != 1) throw new UsageException("exactly one FILE is needed");
        Path file = Path.of(parsed.positional().get(0));
        boolean dryRun = parsed.flag("dry-run");
        // the command line runs on the server with its operator's rights: everything
        ImportOptions options = new ImportOptions(parsed.option("source") == null ? "cli" : parsed.option("source"),
                System.getProperty("user.name", "cli"), null, new DataScope.All(), dryRun, null);

        if (!Files.isRegularFile(file)) {
            err.println("innoladder import: 文件不存在 / file not found: " + file);
            return 1;
        }
        Path reportPath = parsed.option("report") == null ? null : Path.of(parsed.option("report"));
        ProgressBar bar = new ProgressBar(err, System.console() != null);
        try (RejectionCsv report = reportPath == null ? null : new RejectionCsv(Files.newOutputStream(reportPath))) {
            Consumer<Rejection> sink = report == null ? r -> { } : report;
            ImportReport result;
            if (dryRun) {
                bar.restart();
                result = ImportService.withoutDatabase().importFile(file, file.getFileName().toString(), options, bar, sink);
            } else {
                try (ConfigurableApplicationContext ctx = DatabaseContext.start(spring)) {
                    bar.restart();
                    result = ctx.getBean(ImportService.class).importFile(file, file.getFileName().toString(), options, bar, sink);
                }
            }
            if (result.readable()) bar.finish();
            print(result, out);
            if (reportPath != null) out.println("rejected rows report / 拒绝行报告: " + reportPath);
            if (!result.readable()) {
                err.println("innoladder import: " + result.message());
                return 1;
            }
            return result.status() == ImportReport.Status.FAILED ? 1 : 0;
        }
    }

    private static void print(ImportReport r, PrintStream out) {
        out.println(r.message());
        if (!r.readable()) return;
        out.println("file / 文件:      " + r.fileName() + (r.format() == null ? "" : " (" + r.format() + ")")
                + (r.kind() == null ? "" : ", " + r.kind()));
        if (r.batchId() != null) out.println("batch / 批次:     " + r.batchId() + " " + r.status());
        else out.println("status / 状态:    " + r.status());
        out.printf("rows / 行:        read %d, valid %d, rejected %d, warnings %d%n", r.rowsRead(), r.rowsValid(),
                r.rowsRejected(), r.warnings());
        if (r.status() == ImportReport.Status.COMMITTED) {
            out.printf("stored / 入库:    inserted %d, updated %d, unchanged %d%n", r.rowsInserted(), r.rowsUpdated(), r.rowsUnchanged());
        }
        int shown = 0;
        for (Rejection x : r.rejections()) {
            if (shown++ == 20) {
                out.println("  … (see the report / 详见报告)");
                break;
            }
            out.println("  line " + x.line() + (x.column() == null ? "" : " [" + x.column() + "]") + " " + x.severity() + ": " + x.reason());
        }
    }

    /** The rejected-rows report: UTF-8 with BOM so Excel opens it, one line per error, uploaded text kept from running as a formula. */
    public static final class RejectionCsv implements Consumer<Rejection>, AutoCloseable {
        private final CSVPrinter printer;

        public RejectionCsv(OutputStream out) throws IOException {
            out.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            printer = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)), CSVFormat.DEFAULT);
            printer.printRecord("行号/line", "列/column", "值/value", "原因/reason", "reason_en");
        }

        @Override
        public void accept(Rejection r) {
            if (r.severity() != Rejection.Severity.ERROR) return;
            try {
                printer.printRecord(SpreadsheetText.record(r.line(), r.column(), r.value(), r.reasonZh(), r.reasonEn()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            printer.close();
        }
    }

    /** rows, %, rows/s on stderr: redrawn in place on a terminal, an occasional line otherwise. */
    static final class ProgressBar implements ImportProgress {
        private final PrintStream err;
        private final boolean terminal;
        private long start = System.nanoTime();
        private long lastDraw;
        private long rows;
        private boolean drawn;

        ProgressBar(PrintStream err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        /** The clock starts when reading starts, not while the application context starts. */
        void restart() {
            start = System.nanoTime();
        }

        @Override
        public void rows(long rowsRead, long bytesRead, long bytesTotal) {
            rows = rowsRead;
            long now = System.nanoTime();
            long interval = terminal ? 200_000_000L : 5_000_000_000L;
            if (now - lastDraw < interval) return;
            lastDraw = now;
            double seconds = Math.max(1e-3, (now - start) / 1e9);
            String pct = bytesRead >= 0 && bytesTotal > 0 ? String.format(" %3d%%", Math.min(100, bytesRead * 100 / bytesTotal)) : "";
            String line = String.format("importing… %,d rows%s, %,.0f rows/s", rowsRead, pct, rowsRead / seconds);
            if (terminal) {
                int width = 24;
                int filled = bytesRead >= 0 && bytesTotal > 0 ? (int) (bytesRead * width / bytesTotal) : 0;
                err.print("\r[" + "#".repeat(Math.min(width, filled)) + " ".repeat(Math.max(0, width - filled)) + "] " + line);
            } else {
                err.println(line);
            }
            drawn = true;
        }

        @Override
        public void phase(String phase) {
            if ("merging".equals(phase)) {
                if (terminal && drawn) err.println();
                err.println("merging into the database… / 正在写入数据库…");
                drawn = false;
            }
        }

        void finish() {
            if (terminal && drawn) err.println();
            double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
            err.printf("%,d rows in %.1f s (%,.0f rows/s)%n", rows, seconds, rows / seconds);
        }
    }
}
