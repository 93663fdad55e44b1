package org.innoladder.importer;

import org.innoladder.importer.internal.CsvTableReader;
import org.innoladder.importer.internal.ImportSettings;
import org.innoladder.importer.internal.XlsxInspection;
import org.innoladder.importer.internal.XlsxTableReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A table file read row by row, never whole: the header (line 1) and then the data rows with the line
 * numbers the user sees (header = 1).
 */
public interface TableReader extends Closeable {

    /**
     * One data row: cells are String, BigDecimal (XLSX numbers), Boolean or LocalDateTime; null when empty.
     *
     * @param cutCells indexes of cells that were longer than the cell limit and hold only its first characters;
     *                 null when none was
     * @param cutLine  the row was longer than the line limit: its cells end where the limit was reached
     */
    record RawRow(int line, Object[] cells, BitSet cutCells, boolean cutLine) {
        public RawRow(int line, Object[] cells) {
            this(line, cells, null, false);
        }

        public boolean blank() {
            for (Object c : cells) {
                if (c != null && !(c instanceof String s && s.isBlank())) return false;
            }
            return true;
        }
    }

    List<String> header();

    /** The next row, or null at the end. */
    RawRow next() throws IOException;

    /** Bytes consumed so far, or -1 when the format does not tell (XLSX). */
    long bytesRead();

    long bytesTotal();

    /** "CSV (UTF-8)", "CSV (GB18030)", "XLSX". */
    String format();

    /** {@link #open(Path, String, ImportSettings.Limits)} with the default limits. */
    static TableReader open(Path file, String originalName) throws UnreadableFileException {
        return open(file, originalName, ImportSettings.Limits.DEFAULTS);
    }

    /**
     * Opens a CSV or XLSX file, chosen by extension of {@code originalName} and checked against its first bytes; an
     * XLSX is checked against the limits before it is read ({@link XlsxInspection}).
     */
    static TableReader open(Path file, String originalName, ImportSettings.Limits limits) throws UnreadableFileException {
        String name = originalName == null ? file.getFileName().toString() : originalName;
        if (!Files.isRegularFile(file)) {
            throw new UnreadableFileException("文件不存在：" + name, "file not found: " + name, new NoSuchFileException(name));
        }
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UnreadableFileException("无法读取文件：" + name, "cannot read file: " + name, e);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        boolean zip = n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        boolean ole = n >= 8 && (head[0] & 0xff) == 0xD0 && (head[1] & 0xff) == 0xCF && (head[2] & 0xff) == 0x11 && (head[3] & 0xff) == 0xE0;
        if (ole || lower.endsWith(".xls")) {
            throw new UnreadableFileException("不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV",
                    "old Excel (.xls) files are not supported; save as .xlsx or CSV");
        }
        if (zip) {
            XlsxInspection.check(file, limits);
            return XlsxTableReader.open(file, name);
        }
        if (lower.endsWith(".xlsx")) {
            throw new UnreadableFileException("文件扩展名为 .xlsx，但内容不是 Excel 工作簿", "the file is named .xlsx but is not an Excel workbook");
        }
        if (!(lower.endsWith(".csv") || lower.endsWith(".txt"))) {
            throw new UnreadableFileException("不是 CSV 或 XLSX 文件：" + name, "not a CSV or XLSX file: " + name);
        }
        return CsvTableReader.open(file, name, limits);
    }
}
