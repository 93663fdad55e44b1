package org.innoladder.rules.facts;

/** The value types of the data dictionary (../shared/data-dictionary.md). */
public enum ColumnType {
    /** Free text, trimmed. */
    TEXT,
    /** A whole number; the column's bounds say whether negatives are allowed. */
    INT,
    /** Yuan (or USD where the column says so), up to two decimals; stored as {@link java.math.BigDecimal}. */
    MONEY,
    /** true/false, 1/0, 是/否, Y/N. */
    BOOL,
    /** ISO yyyy-mm-dd, also yyyy/m/d and Excel serial dates. */
    DATE
}
