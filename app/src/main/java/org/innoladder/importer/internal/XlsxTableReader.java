package org.innoladder.importer.internal;

import org.innoladder.importer.TableReader;
import org.innoladder.importer.UnreadableFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/** The first sheet of an XLSX workbook, streamed with fastexcel; numbers arrive as BigDecimal. */
public final class XlsxTableReader implements TableReader {
    private final ReadableWorkbook workbook;
    private final Stream<Row> stream;
    private final Iterator<Row> rows;
    private final List<String> header;
    private final long total;
    private int lastLine = 1;

    private XlsxTableReader(ReadableWorkbook workbook, Stream<Row> stream, long total) throws UnreadableFileException {
        this.workbook = workbook;
        this.stream = stream;
        this.rows = stream.iterator();
        this.total = total;
        Row first = rows.hasNext() ? rows.next() : null;
        if (first == null || first.getRowNum() != 1) {
            throw new UnreadableFileException("工作表没有表头（第1行为空）", "the sheet has no header row (row 1 is empty)");
        }
        List<String> h = new ArrayList<>();
        Object[] cells = cells(first);
        for (Object c : cells) h.add(c == null ? "" : c.toString());
        if (h.stream().allMatch(String::isBlank)) {
            throw new UnreadableFileException("工作表没有表头（第1行为空）", "the sheet has no header row (row 1 is empty)");
        }
        this.header = List.copyOf(h);
    }

    public static XlsxTableReader open(Path file, String name) throws UnreadableFileException {
        ReadableWorkbook wb = null;
        try {
            wb = new ReadableWorkbook(file.toFile());
            Stream<Row> s = wb.getFirstSheet().openStream();
            return new XlsxTableReader(wb, s, Files.size(file));
        } catch (UnreadableFileException e) {
            closeQuietly(wb);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(wb);
            throw new UnreadableFileException("无法读取 Excel 工作簿：" + name, "cannot read the Excel workbook: " + name, e);
        }
    }

    private static void closeQuietly(ReadableWorkbook wb) {
        if (wb == null) return;
        try {
            wb.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    private static Object[] cells(Row row) {
        Object[] out = new Object[row.getCellCount()];
        for (int i = 0; i < out.length; i++) {
            Cell c = row.getOptionalCell(i).orElse(null);
            if (c == null) continue;
            out[i] = switch (c.getType()) {
                case NUMBER -> c.asNumber();
                case STRING -> c.asString();
                case BOOLEAN -> c.asBoolean();
                case EMPTY -> null;
                default -> c.getRawValue();
            };
        }
        return out;
    }

    @Override
    public List<String> header() { return header; }

    @Override
    public RawRow next() throws IOException {
        try {
            if (!rows.hasNext()) return null;
            Row r = rows.next();
            lastLine = r.getRowNum();
            return new RawRow(r.getRowNum(), cells(r));
        } catch (RuntimeException e) {
            throw new IOException("the workbook cannot be read after row " + lastLine + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long bytesRead() { return -1; }

    @Override
    public long bytesTotal() { return total; }

    @Override
    public String format() { return "XLSX"; }

    @Override
    public void close() throws IOException {
        try {
            stream.close();
        } finally {
            workbook.close();
        }
    }
}
