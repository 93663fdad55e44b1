package org.innoladder.importer;

/**
 * One reported problem of an import: a rejected row's error (ERROR) or a note about an imported row or an
 * ignored header (WARNING). {@code line} is as the user sees it: header = line 1.
 */
public record Rejection(int line, String column, String value, String reasonZh, String reasonEn, Severity severity) {
    public enum Severity { ERROR, WARNING }

    public String reason() {
        return reasonZh + " / " + reasonEn;
    }
}
