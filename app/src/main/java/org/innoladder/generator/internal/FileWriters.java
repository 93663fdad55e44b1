package org.innoladder.generator.internal;

import org.innoladder.generator.OutputFormat;
import org.innoladder.generator.Recognition;
import org.innoladder.generator.SyntheticData;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.ColumnType;

/** CSV and XLSX output of a {@link SyntheticData} set, streaming row by row. */
public final class FileWriters {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern CREATED = Pattern.compile("(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)");
    private static final int FLUSH_EVERY = 1000;

    private FileWriters() {
    }

    public static GenerationReport writeCsv(SyntheticData data, OutputStream out, OutputFormat format) throws IOException {
        GenerationReport.Counter counter = new GenerationReport.Counter(data.settings().withErrors());
        try (Writer writer = writer(out, format)) {
            // records are formatted into a plain StringBuilder and written in large chunks: the JDK writers lock
            // on every call, and Commons CSV makes several calls per field
            StringBuilder buffer = new StringBuilder(1 << 17);
            CSVPrinter csv = new CSVPrinter(buffer, CSVFormat.DEFAULT);
            csv.printRecord(SyntheticData.headers(format));
            try (Stream<OutputRow> rows = data.outputRows(format.chineseHeaders())) {
                for (Iterator<OutputRow> it = rows.iterator(); it.hasNext(); ) {
                    OutputRow row = it.next();
                    csv.printRecord(row.cells());
                    counter.add(row);
                    if (buffer.length() > 1 << 16) {
                        writer.append(buffer);
                        buffer.setLength(0);
                    }
                }
            }
            writer.append(buffer);
        }
        return counter.report(data.settings().enterprises());
    }

    public static long writeRecognitionsCsv(SyntheticData data, OutputStream out, OutputFormat format) throws IOException {
        long n = 0;
        try (Writer writer = writer(out, format)) {
            StringBuilder buffer = new StringBuilder(1 << 17);
            CSVPrinter csv = new CSVPrinter(buffer, CSVFormat.DEFAULT);
            csv.printRecord((Object[]) Recognition.COLUMNS);
            for (Iterator<Recognition> it = data.recognitions().iterator(); it.hasNext(); ) {
                Recognition r = it.next();
                csv.printRecord(r.creditCode(), r.kind().name(), r.certificateNo(), r.issuedOn(),
                        r.expiresOn() == null ? "" : r.expiresOn(), r.issuer());
                n++;
                if (buffer.length() > 1 << 16) {
                    writer.append(buffer);
                    buffer.setLength(0);
                }
            }
            writer.append(buffer);
        }
        return n;
    }

    /** Unmappable characters fail loudly rather than turning into '?' in a GBK file. */
    private static Writer writer(OutputStream out, OutputFormat format) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, format.charset().newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        if (format.bom()) w.write('\uFEFF');
        return w;
    }

    /**
     * XLSX through fastexcel's streaming writer: integers and money as numbers (text when an error row made them
     * non-numeric), dates and everything else as text. fastexcel stamps the zip entries and docProps with the
     * current time, so the workbook is written to a temporary file and then copied with a fixed time (compressed
     * entries copied as they are) — the same settings give a byte-identical file.
     */
    public static GenerationReport writeXlsx(SyntheticData data, Path file, OutputFormat format) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, ".generate-", ".xlsx.tmp");
        try {
            GenerationReport report;
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                Workbook wb = new Workbook(out, "InnoLadder", "1.0");
                wb.setCompressionLevel(1); // fastest deflate: the sheet XML is large and repetitive, the file barely grows
                Worksheet ws = wb.newWorksheet("enterprise_year");
                List<String> headers = SyntheticData.headers(format);
                for (int c = 0; c < headers.size(); c++) ws.inlineString(0, c, headers.get(c));
                Column[] columns = Column.values();
                GenerationReport.Counter counter = new GenerationReport.Counter(data.settings().withErrors());
                int r = 1;
                try (Stream<OutputRow> rows = data.outputRows(format.chineseHeaders())) {
                    for (Iterator<OutputRow> it = rows.iterator(); it.hasNext(); r++) {
                        OutputRow row = it.next();
                        for (int c = 0; c < columns.length; c++) {
                            String text = row.cells().get(c);
                            if (text.isEmpty()) continue;
                            ColumnType type = columns[c].type();
                            if ((type == ColumnType.INT || type == ColumnType.MONEY) && NUMBER.matcher(text).matches()) {
                                ws.value(r, c, new BigDecimal(text));
                            } else {
                                ws.inlineString(r, c, text);
                            }
                        }
                        counter.add(row);
                        if (r % FLUSH_EVERY == 0) ws.flush();
                    }
                }
                wb.finish();
                report = counter.report(data.settings().enterprises());
            }
            // a fixed stamp derived from the settings: the first moment after the data set's last year
            LocalDateTime stamp = LocalDateTime.of(data.settings().toYear() + 1, 1, 1, 0, 0);
            ZipStamp.rewrite(temp, file, stamp, "docProps/core.xml",
                    xml -> CREATED.matcher(xml).replaceAll("$1" + stamp + ":00.000Z$2"));
            return report;
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
