package org.innoladder.rules.policy;

/**
 * A policy definition that cannot be used; the message names the file, the field and the line/column.
 * {@code field} is the element ("criterion 'first_hnte' condition", "award", "title") for forms that show the
 * error beside the field; {@code line}/{@code column} are 0 when unknown.
 */
public class PolicyLoadException extends RuntimeException {
    private final String field;
    private final int line;
    private final int column;

    public PolicyLoadException(String message, String field, int line, int column) {
        super(message);
        this.field = field;
        this.line = line;
        this.column = column;
    }

    public String field() { return field; }

    public int line() { return line; }

    public int column() { return column; }
}
