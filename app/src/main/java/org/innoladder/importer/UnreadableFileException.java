package org.innoladder.importer;

/** The file cannot be read at all (missing, not CSV/XLSX, no header, missing required columns). */
public class UnreadableFileException extends Exception {
    private final String zh;
    private final String en;

    public UnreadableFileException(String zh, String en) {
        this(zh, en, null);
    }

    public UnreadableFileException(String zh, String en, Throwable cause) {
        super(en, cause);
        this.zh = zh;
        this.en = en;
    }

    public String zh() { return zh; }

    public String en() { return en; }

    /** "zh / en" on one line. */
    public String reason() { return zh + " / " + en; }
}
