package org.innoladder.importer.internal;

import org.innoladder.importer.TableReader;
import org.innoladder.importer.UnreadableFileException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV as users produce it: UTF-8 with or without BOM, or GBK/GB18030 as Chinese Excel saves it. The encoding
 * is decided by a strict UTF-8 decode of the first megabyte; anything that is not UTF-8 is read as
 * GB18030 (a superset of GBK). The file is streamed.
 */
public final class CsvTableReader implements TableReader {
    static final int SAMPLE = 1 << 20;
    static final Charset GB18030 = Charset.forName("GB18030");

    private final CountingInputStream counting;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final long total;
    private final Charset charset;

    private CsvTableReader(CountingInputStream counting, CSVParser parser, long total, Charset charset,
                           ImportSettings.Limits limits) throws UnreadableFileException {
        this.counting = counting;
        this.parser = parser;
        this.records = parser.iterator();
        this.total = total;
        this.charset = charset;
        List<String> h = null;
        try {
            if (records.hasNext()) {
                h = new ArrayList<>();
                for (String v : records.next()) h.add(v);
            }
        } catch (RuntimeException e) {
            throw new UnreadableFileException("CSV 表头无法解析", "the CSV header cannot be parsed", e);
        }
        if (h != null && h.stream().anyMatch(v -> v.equals(BoundedCsvReader.LINE_CUT) || v.indexOf(BoundedCsvReader.CELL_CUT) >= 0)) {
            String limit = ImportLimitExceeded.limit("max-cell-chars", limits.maxCellChars()) + ", "
                    + ImportLimitExceeded.limit("max-line-chars", limits.maxLineChars());
            throw new UnreadableFileException("表头（第1行）超过单元格或行的长度上限（" + limit + "）",
                    "the header (line 1) is longer than the cell or line limit (" + limit + ")");
        }
        if (h == null || h.stream().allMatch(v -> v == null || v.isBlank())) {
            throw new UnreadableFileException("文件没有表头（第1行为空）", "the file has no header row (line 1 is empty)");
        }
        this.header = List.copyOf(h);
    }

    public static CsvTableReader open(Path file, String name, ImportSettings.Limits limits) throws UnreadableFileException {
        try {
            long total = Files.size(file);
            byte[] sample;
            try (InputStream in = Files.newInputStream(file)) {
                sample = in.readNBytes(SAMPLE);
            }
            for (byte b : sample) {
                if (b == 0) {
                    throw new UnreadableFileException("不是文本 CSV 文件（含二进制内容）：" + name,
                            "not a text CSV file (binary content): " + name);
                }
            }
            boolean bom = sample.length >= 3 && (sample[0] & 0xff) == 0xEF && (sample[1] & 0xff) == 0xBB && (sample[2] & 0xff) == 0xBF;
            Charset cs = bom || isUtf8(sample, sample.length < SAMPLE) ? StandardCharsets.UTF_8 : GB18030;
            CountingInputStream counting = new CountingInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            if (bom) counting.skipNBytes(3);
            Reader reader = new BoundedCsvReader(new InputStreamReader(counting, cs.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)),
                    limits.maxCellChars(), limits.maxLineChars());
            CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).setTrim(false).get().parse(reader);
            return new CsvTableReader(counting, parser, total, cs, limits);
        } catch (IOException e) {
            throw new UnreadableFileException("无法读取文件：" + name, "cannot read file: " + name, e);
        }
    }

    /** Strict UTF-8 check; a multi-byte sequence cut by the end of a partial sample is not held against it. */
    static boolean isUtf8(byte[] bytes, boolean complete) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult r = d.decode(in, out, complete);
            if (r.isError()) return false;
            if (r.isOverflow()) {
                out.clear();
                continue;
            }
            return true; // underflow: all consumed (or a cut sequence at the end of a partial sample)
        }
    }

    @Override
    public List<String> header() { return header; }

    @Override
    public RawRow next() throws IOException {
        try {
            if (!records.hasNext()) return null;
            CSVRecord r = records.next();
            int size = r.size();
            boolean cutLine = size > 0 && BoundedCsvReader.LINE_CUT.equals(r.get(size - 1));
            if (cutLine) size--;
            Object[] cells = new Object[size];
            BitSet cut = null;
            for (int i = 0; i < size; i++) {
                String v = r.get(i);
                if (!v.isEmpty() && v.charAt(v.length() - 1) == BoundedCsvReader.CELL_CUT) {
                    if (cut == null) cut = new BitSet();
                    cut.set(i);
                    v = v.substring(0, v.length() - 1);
                }
                cells[i] = v.isEmpty() ? null : v;
            }
            return new RawRow((int) r.getRecordNumber(), cells, cut, cutLine);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        } catch (IllegalStateException e) {
            throw new IOException("CSV cannot be parsed after line " + parser.getCurrentLineNumber() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long bytesRead() { return counting.count; }

    @Override
    public long bytesTotal() { return total; }

    @Override
    public String format() { return "CSV (" + (charset == GB18030 ? "GB18030" : "UTF-8") + ")"; }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    static final class CountingInputStream extends FilterInputStream {
        volatile long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}
