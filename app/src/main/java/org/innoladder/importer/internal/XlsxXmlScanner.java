package org.innoladder.importer.internal;


import org.innoladder.importer.UnreadableFileException;
/**
 * Scans one XML part of a workbook as raw bytes, without building anything, for what fastexcel would hold whole:
 * the text of one cell ({@code <c>} in a sheet, {@code <si>} in the shared strings), the text of one
 * {@code <row>}, one tag with its attributes; and for cell references beyond Excel's last column XFD, or rows of
 * more cells than Excel has columns (fastexcel sizes a row by its highest column). Characters are counted as UTF-8
 * sequences, an entity ({@code &amp;}) as one; CDATA is text, comments are skipped.
 */
public final class XlsxXmlScanner {
    /** Excel's columns: A … XFD. */
    static final int MAX_COLUMNS = 16_384;
    private static final int TEXT = 0;
    private static final int TAG = 1;
    private static final int CDATA = 2;
    private static final int COMMENT = 3;
    private static final byte[] CDATA_START = "![CDATA[".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final long maxCell;
    private final long maxLine;

    private int state = TEXT;
    private boolean entity;
    private boolean inCell;
    private boolean inRow;
    private long cellChars;
    private long rowChars;
    private long runChars;
    private int rowCells;
    private long tagBytes;
    private final byte[] head = new byte[160];
    private int headLength;
    private byte quote;
    private byte previous;
    private int last2;

    public XlsxXmlScanner(ImportSettings.Limits limits) {
        this.maxCell = limits.maxCellChars();
        this.maxLine = limits.maxLineChars();
    }

    /** Scans the next bytes of the part (text and tags each in a loop of their own). */
    public void scan(byte[] bytes, int length) throws UnreadableFileException {
        int i = 0;
        while (i < length) {
            switch (state) {
                case TEXT -> i = text(bytes, i, length);
                case TAG -> i = tag(bytes, i, length);
                case CDATA -> {
                    byte b = bytes[i++];
                    if (b == '>' && last2 == (']' << 8 | ']')) state = TEXT;
                    else if ((b & 0xC0) != 0x80) text(1);
                    last2 = (last2 << 8 | (b & 0xff)) & 0xffff;
                }
                default -> {
                    byte b = bytes[i++];
                    if (b == '>' && last2 == ('-' << 8 | '-')) state = TEXT;
                    last2 = (last2 << 8 | (b & 0xff)) & 0xffff;
                }
            }
        }
    }

    /** Text up to the next tag; returns where scanning goes on. */
    private int text(byte[] bytes, int from, int length) throws UnreadableFileException {
        boolean inEntity = entity;
        long chars = 0;
        for (int i = from; i < length; i++) {
            byte b = bytes[i];
            if (b == '<') {
                entity = inEntity;
                text(chars);
                state = TAG;
                tagBytes = 0;
                headLength = 0;
                quote = 0;
                runChars = 0;
                return i + 1;
            }
            if (inEntity) {
                if (b == ';') {
                    inEntity = false;
                    chars++;
                }
            } else if (b == '&') {
                inEntity = true;
            } else if ((b & 0xC0) != 0x80) {
                chars++;
            }
        }
        entity = inEntity;
        text(chars);
        return length;
    }

    /** Characters of text: of the open cell and row, and of the text between two tags. */
    private void text(long chars) throws UnreadableFileException {
        if (chars == 0) return;
        if (inCell && (cellChars += chars) > maxCell) {
            String limit = ImportLimitExceeded.limit("max-cell-chars", maxCell);
            throw new UnreadableFileException("工作簿中有单元格超过长度上限（" + limit + " 个字符；Excel 本身也不能保存更长的单元格），未读取",
                    "a cell of the workbook is longer than the limit (" + limit + " characters; Excel itself cannot hold a longer one);"
                            + " it was not read");
        }
        if (inRow) rowChars += chars;
        runChars += chars;
        if ((inRow && rowChars > maxLine) || runChars > maxLine) {
            String limit = ImportLimitExceeded.limit("max-line-chars", maxLine);
            throw new UnreadableFileException("工作簿中有一行或一段文本超过行长度上限（" + limit + " 个字符），未读取",
                    "a row or text of the workbook is longer than the limit (" + limit + " characters); it was not read");
        }
    }

    /** A tag up to its end; returns where scanning goes on. State lives in locals while the loop runs. */
    private int tag(byte[] bytes, int from, int length) throws UnreadableFileException {
        byte q = quote;
        byte prev = previous;
        int kept = headLength;
        int end = (int) Math.min(length, from + (maxLine - tagBytes));
        int i = from;
        while (i < end) {
            byte b = bytes[i++];
            if (kept < head.length) {
                head[kept++] = b;
                if (kept == 3 && head[0] == '!' && head[1] == '-' && head[2] == '-') return special(COMMENT, from, i);
                if (kept == CDATA_START.length && startsWith(CDATA_START)) return special(CDATA, from, i);
            }
            if (q != 0) {
                if (b == q) q = 0;
            } else if (b == '>') {
                tagBytes += i - from;
                headLength = kept;
                previous = b;
                state = TEXT;
                element(prev == '/');
                return i;
            } else if (b == '"' || b == '\'') {
                q = b;
            }
            prev = b;
        }
        tagBytes += i - from;
        headLength = kept;
        quote = q;
        previous = prev;
        if (i < length) {
            throw XlsxInspection.tampered("工作簿中有超长的 XML 标记（超过 " + ImportLimitExceeded.limit("max-line-chars", maxLine) + "）",
                    "the workbook holds an XML tag longer than " + ImportLimitExceeded.limit("max-line-chars", maxLine));
        }
        return i;
    }

    /** A comment or CDATA section begins after {@code <!--} or {@code <![CDATA[}. */
    private int special(int next, int from, int i) {
        tagBytes += i - from;
        state = next;
        last2 = 0;
        return i;
    }

    /** A tag ended: follows the cells and rows it opens or closes, checks a cell's reference. */
    private void element(boolean selfClosing) throws UnreadableFileException {
        if (headLength == 0 || head[0] == '?' || head[0] == '!') return;
        boolean closing = head[0] == '/';
        int start = closing ? 1 : 0;
        int end = start;
        while (end < headLength && head[end] != ' ' && head[end] != '/' && head[end] != '>' && head[end] != '\t'
                && head[end] != '\n' && head[end] != '\r') {
            if (head[end] == ':') start = end + 1;
            end++;
        }
        int length = end - start;
        if (length == 1 && head[start] == 'c') {
            inCell = !closing && !selfClosing;
            if (closing) return;
            cellChars = 0;
            if (++rowCells > MAX_COLUMNS) {
                throw XlsxInspection.tampered("工作簿中有一行超过 Excel 的最大列数 16,384",
                        "a row of the workbook has more cells than Excel's 16,384 columns");
            }
            column(end);
        } else if (length == 2 && head[start] == 's' && head[start + 1] == 'i') {
            inCell = !closing && !selfClosing;
            cellChars = 0;
        } else if (length == 3 && head[start] == 'r' && head[start + 1] == 'o' && head[start + 2] == 'w') {
            inRow = !closing && !selfClosing;
            rowChars = 0;
            rowCells = 0;
        }
    }

    /** The column letters of the {@code r} attribute, when it lies within the head of the tag. */
    private void column(int from) throws UnreadableFileException {
        for (int i = from; i + 3 < headLength; i++) {
            boolean space = head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r';
            if (space && head[i + 1] == 'r' && head[i + 2] == '=' && (head[i + 3] == '"' || head[i + 3] == '\'')) {
                long column = 0;
                int letters = 0;
                for (int j = i + 4; j < headLength; j++) {
                    int c = head[j] & 0xff;
                    if (c >= 'a' && c <= 'z') c -= 'a' - 'A';
                    if (c < 'A' || c > 'Z') break;
                    if (++letters > 3) break;
                    column = column * 26 + (c - 'A' + 1);
                }
                if (letters > 3 || column > MAX_COLUMNS) {
                    throw XlsxInspection.tampered("工作簿中有单元格引用超出 Excel 的最大列 XFD",
                            "a cell reference of the workbook lies beyond Excel's last column XFD");
                }
                return;
            }
        }
    }

    private boolean startsWith(byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (head[i] != prefix[i]) return false;
        }
        return true;
    }
}
