package org.innoladder.importer.internal;

/**
 * A file or an upload went past one of the configured limits ({@link ImportSettings.Limits}); the message names the
 * limit's property and value in both languages. Thrown while reading, it fails the whole batch (nothing stored).
 */
public class ImportLimitExceeded extends RuntimeException {
    private final String zh;
    private final String en;

    public ImportLimitExceeded(String zh, String en) {
        super(en, null, false, false);
        this.zh = zh;
        this.en = en;
    }

    public String zh() { return zh; }

    public String en() { return en; }

    /** "zh / en" on one line. */
    public String reason() { return zh + " / " + en; }

    /** "innoladder.import.limits.max-rows = 1,000,000", the form every limit message ends with. */
    public static String limit(String property, long value) {
        return ImportSettings.PREFIX + property + " = " + String.format("%,d", value);
    }
}
