package org.innoladder.generator;

import org.innoladder.generator.internal.CellText;
import org.innoladder.generator.internal.EnterpriseFactory;
import org.innoladder.generator.internal.ErrorInjector;
import org.innoladder.generator.internal.ErrorKind;
import org.innoladder.generator.internal.FileWriters;
import org.innoladder.generator.internal.GenerationReport;
import org.innoladder.generator.internal.OutputRow;
import org.innoladder.generator.internal.Rng;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.innoladder.rules.facts.FactRow;

/**
 * The synthetic (invented) enterprise data set: realistic distributions over real 常州市 region codes, see
 * docs/demo-data.md. Everything is a lazy stream generated enterprise by enterprise, so a data set of any
 * size runs in bounded memory, and the same {@link GeneratorSettings} always give the same rows and bytes.
 *
 * <pre>{@code
 * SyntheticData data = new SyntheticData(GeneratorSettings.demo());
 * data.rows().forEach(...);                       // valid FactRows, enterprise by enterprise, years ascending
 * data.recognitions().forEach(...);               // certificates consistent with the rows
 * GenerationReport r = data.write(Path.of("demo.csv"), OutputFormat.csv()); // or .xlsx
 * }</pre>
 */
public final class SyntheticData {
    /** With errors, exactly one data row in every block of this many is replaced by an invalid one (5%). */
    public static final int ERROR_EVERY = 20;

    private final GeneratorSettings settings;
    private final EnterpriseFactory factory;

    public SyntheticData(GeneratorSettings settings) {
        this.settings = settings;
        this.factory = new EnterpriseFactory(settings);
    }

    public GeneratorSettings settings() {
        return settings;
    }

    /** The enterprises in index order, each with its valid rows and recognitions. */
    public Stream<SyntheticEnterprise> enterprises() {
        return IntStream.range(0, settings.enterprises()).mapToObj(factory::enterprise);
    }

    /**
     * Enterprise {@code index} alone (0-based), as {@link #enterprises()} would produce it. Thread-safe: loaders may
     * generate enterprises in parallel and get the same data.
     */
    public SyntheticEnterprise enterprise(int index) {
        if (index < 0 || index >= settings.enterprises()) throw new IndexOutOfBoundsException(index);
        return factory.enterprise(index);
    }

    /** Every valid row (ignores {@code withErrors}): enterprise by enterprise, years ascending. */
    public Stream<FactRow> rows() {
        return enterprises().flatMap(e -> e.rows().stream());
    }

    /** The recognition certificates of every enterprise, enterprise by enterprise. */
    public Stream<Recognition> recognitions() {
        return enterprises().flatMap(e -> e.recognitions().stream());
    }

    /**
     * The rows as files carry them, with the invalid rows in place when the settings ask for errors. Sequential:
     * error positions depend on each row's position in the file.
     *
     * @param chinese booleans as 是/否 (for files with Chinese headers) instead of true/false
     */
    public Stream<OutputRow> outputRows(boolean chinese) {
        Iterator<OutputRow> it = new OutputIterator(rows().iterator(), chinese);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** The kind of error row {@code index} gets when errors are on, or null if it stays valid. */
    public ErrorKind errorAt(long index) {
        if (!settings.withErrors()) return null;
        long block = index / ERROR_EVERY;
        // position 1..ERROR_EVERY-1: never the first of a block, so two error rows are never adjacent and
        // a duplicate always copies a valid row
        long position = 1 + Math.floorMod(Rng.mix(settings.seed() ^ 0x5DEECE66DL, block), (long) (ERROR_EVERY - 1));
        if (index % ERROR_EVERY != position) return null;
        ErrorKind[] kinds = ErrorKind.values();
        return kinds[(int) (block % kinds.length)];
    }

    /** Writes CSV or XLSX according to the file's extension (.csv / .xlsx). */
    public GenerationReport write(Path file, OutputFormat format) throws IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".csv")) return writeCsv(file, format);
        if (name.endsWith(".xlsx")) return writeXlsx(file, format);
        throw new IllegalArgumentException("file name must end in .csv or .xlsx: " + file);
    }

    /** UTF-8 CSV with a BOM and English column keys. */
    public GenerationReport writeCsv(Path file) throws IOException {
        return writeCsv(file, OutputFormat.csv());
    }

    /** XLSX with English column keys. */
    public GenerationReport writeXlsx(Path file) throws IOException {
        return writeXlsx(file, OutputFormat.csv());
    }

    public GenerationReport writeCsv(Path file, OutputFormat format) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            return writeCsv(out, format);
        }
    }

    public GenerationReport writeCsv(OutputStream out, OutputFormat format) throws IOException {
        return FileWriters.writeCsv(this, out, format);
    }

    public GenerationReport writeXlsx(Path file, OutputFormat format) throws IOException {
        return FileWriters.writeXlsx(this, file, format);
    }

    /** Writes {@link #recognitions()} as CSV (English column keys, the format's charset); returns the count. */
    public long writeRecognitionsCsv(Path file, OutputFormat format) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            return writeRecognitionsCsv(out, format);
        }
    }

    public long writeRecognitionsCsv(OutputStream out, OutputFormat format) throws IOException {
        return FileWriters.writeRecognitionsCsv(this, out, format);
    }

    private final class OutputIterator implements Iterator<OutputRow> {
        private final Iterator<FactRow> rows;
        private final boolean chinese;
        private List<String> previous;
        private long index;

        OutputIterator(Iterator<FactRow> rows, boolean chinese) {
            this.rows = rows;
            this.chinese = chinese;
        }

        @Override
        public boolean hasNext() {
            return rows.hasNext();
        }

        @Override
        public OutputRow next() {
            if (!hasNext()) throw new NoSuchElementException();
            List<String> cells = CellText.cells(rows.next(), chinese);
            ErrorKind kind = errorAt(index);
            OutputRow row;
            if (kind == null) {
                row = new OutputRow(index, List.copyOf(cells), null);
                previous = row.cells();
            } else {
                String[] broken = cells.toArray(String[]::new);
                ErrorInjector.apply(kind, broken, previous, new Rng(Rng.mix(settings.seed() ^ 0xE77L, index)), settings.toYear());
                row = new OutputRow(index, List.of(broken), kind);
            }
            index++;
            return row;
        }
    }

    public static List<String> headers(OutputFormat format) {
        List<String> headers = new ArrayList<>();
        for (org.innoladder.rules.facts.Column c : org.innoladder.rules.facts.Column.values()) {
            headers.add(format.chineseHeaders() ? c.headerZh() : c.key());
        }
        return headers;
    }
}
