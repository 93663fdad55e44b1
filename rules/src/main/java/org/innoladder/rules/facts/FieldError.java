package org.innoladder.rules.facts;

/**
 * Why one cell (or one rule relating cells) of an import row is not acceptable, in both languages.
 *
 * @param column the English column key ({@link Column#key()} or {@link RecognitionColumn#key()}); null when the
 *               problem concerns the whole row
 * @param value  the cell as the file gave it (trimmed), null when empty
 */
public record FieldError(String column, String value, String reasonZh, String reasonEn) {

    /** "zh / en", the form shown in one cell of a report. */
    public String reason() {
        return reasonZh + " / " + reasonEn;
    }
}
