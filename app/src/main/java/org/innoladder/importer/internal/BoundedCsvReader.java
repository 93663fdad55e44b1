package org.innoladder.importer.internal;

import java.io.IOException;
import java.io.Reader;

/**
 * Keeps the cells and records of a CSV stream within limits before commons-csv, which holds a whole cell and a
 * whole record in memory, sees them. It follows the grammar of {@code CSVFormat.DEFAULT}: a cell is quoted only
 * when its first character is a quote, {@code ""} inside quotes is one quote, CR and LF outside quotes end a record.
 *
 * <p>A cell longer than {@code maxCell} characters keeps its first {@code maxCell} followed by {@link #CELL_CUT}.
 * A record longer than {@code maxLine} characters ends where the limit was reached with one more cell holding
 * {@link #LINE_CUT}; the rest of the record is skipped unread. Both marks are Unicode noncharacters; the same
 * characters in the input become U+FFFD, so a mark always means a cut.
 */
public final class BoundedCsvReader extends Reader {
    public static final char CELL_CUT = '\uFFFF';
    public static final String LINE_CUT = "\uFFFE";
    private static final char LINE_MARK = '\uFFFE';

    private final Reader in;
    private final int maxCell;
    private final int maxLine;
    private final char[] buffer = new char[1 << 14];
    /** What one block of input becomes: a block adds at most a few marks per cut, never more than 4 characters per input one. */
    private final char[] out = new char[4 * buffer.length + 16];
    private int outLength;
    private int outPos;
    private boolean ended;

    private boolean fieldStart = true;
    private boolean quoted;
    private boolean quotePending;
    private int cell;
    private long line;
    private boolean cellCut;
    private boolean lineCut;

    public BoundedCsvReader(Reader in, int maxCell, int maxLine) {
        this.in = in;
        this.maxCell = maxCell;
        this.maxLine = maxLine;
    }

    @Override
    public int read(char[] target, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (outPos == outLength) {
            if (ended) return -1;
            outLength = 0;
            outPos = 0;
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                end();
            } else {
                int i = 0;
                while (i < n) {
                    int run = plainRun(i, n);
                    if (run > 0) {
                        // the common case: ordinary characters of a cell, copied at once
                        System.arraycopy(buffer, i, out, outLength, run);
                        outLength += run;
                        cell += run;
                        line += run;
                        fieldStart = false;
                        i += run;
                    } else {
                        process(buffer[i++]);
                    }
                }
            }
        }
        int n = Math.min(len, outLength - outPos);
        System.arraycopy(out, outPos, target, off, n);
        outPos += n;
        return n;
    }

    /**
     * How many characters from {@code from} are plain cell content that changes no state and reaches no limit: no
     * quote, no mark, and outside quotes no comma or line break.
     */
    private int plainRun(int from, int n) {
        if (quotePending || cellCut || lineCut) return 0;
        int end = (int) Math.min(n, from + Math.min(maxCell - cell, maxLine - line));
        int i = from;
        if (quoted) {
            while (i < end) {
                char c = buffer[i];
                if (c == '"' || c == CELL_CUT || c == LINE_MARK) break;
                i++;
            }
        } else {
            while (i < end) {
                char c = buffer[i];
                if (c == ',' || c == '"' || c == '\n' || c == '\r' || c == CELL_CUT || c == LINE_MARK) break;
                i++;
            }
        }
        return i - from;
    }

    private void process(char input) {
        char c = input == CELL_CUT || input == LINE_MARK ? '\uFFFD' : input;
        if (quotePending) {
            quotePending = false;
            if (c == '"') {
                cellText('"', true);
                return;
            }
            closeQuote();
        }
        if (!quoted && (c == '\n' || c == '\r')) {
            endCell();
            lineCut = false;
            out[outLength++] = c;
            fieldStart = true;
            line = 0;
            return;
        }
        if (!lineCut && ++line > maxLine) cutLine();
        if (quoted) {
            if (c == '"') quotePending = true;
            else cellText(c, false);
        } else if (c == ',') {
            endCell();
            emit(',');
            fieldStart = true;
        } else if (c == '"' && fieldStart) {
            fieldStart = false;
            quoted = true;
            emit('"');
        } else {
            fieldStart = false;
            cellText(c, false);
        }
    }

    /** One character of the cell's value (an escaped quote is written twice). */
    private void cellText(char c, boolean escapedQuote) {
        if (cellCut || lineCut) return;
        if (cell == maxCell) {
            cellCut = true;
            return;
        }
        cell++;
        out[outLength++] = c;
        if (escapedQuote) out[outLength++] = c;
    }

    private void endCell() {
        if (cellCut) emit(CELL_CUT);
        cellCut = false;
        cell = 0;
    }

    private void closeQuote() {
        if (cellCut) emit(CELL_CUT);
        cellCut = false;
        emit('"');
        quoted = false;
    }

    /** Closes the open cell, adds the line-cut cell and skips output until the record ends. */
    private void cutLine() {
        if (cellCut) emit(CELL_CUT);
        if (quoted) emit('"');
        emit(',');
        emit(LINE_MARK);
        cellCut = false;
        lineCut = true;
    }

    private void end() {
        ended = true;
        if (quotePending) {
            quotePending = false;
            closeQuote();
        } else if (!quoted) {
            endCell();
        }
    }

    private void emit(char c) {
        if (!lineCut) out[outLength++] = c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
