package org.innoladder.importer;

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
final class BoundedCsvReader extends Reader {
    static final char CELL_CUT = '\uFFFF';
    static final String LINE_CUT = "\uFFFE";
    private static final char LINE_MARK = '\uFFFE';

    private final Reader in;
    private final int maxCell;
    private final int maxLine;
    private final char[] buffer = new char[1 << 14];
    private final StringBuilder out = new StringBuilder(1 << 15);
    private int outPos;
    private boolean ended;

    private boolean fieldStart = true;
    private boolean quoted;
    private boolean quotePending;
    private int cell;
    private long line;
    private boolean cellCut;
    private boolean lineCut;

    BoundedCsvReader(Reader in, int maxCell, int maxLine) {
        this.in = in;
        this.maxCell = maxCell;
        this.maxLine = maxLine;
    }

    @Override
    public int read(char[] target, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (outPos == out.length()) {
            if (ended) return -1;
            out.setLength(0);
            outPos = 0;
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                end();
            } else {
                for (int i = 0; i < n; i++) process(buffer[i]);
            }
        }
        int n = Math.min(len, out.length() - outPos);
        out.getChars(outPos, outPos + n, target, off);
        outPos += n;
        return n;
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
            out.append(c);
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
        out.append(c);
        if (escapedQuote) out.append(c);
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
        if (!lineCut) out.append(c);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
