package org.innoladder.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpreadsheetTextTest {

    @Test
    void formulasGetAQuoteNumbersAndTextStayAsTheyAre() {
        assertThat(SpreadsheetText.neutralise("=1+1")).isEqualTo("'=1+1");
        assertThat(SpreadsheetText.neutralise("@SUM(1+1)")).isEqualTo("'@SUM(1+1)");
        assertThat(SpreadsheetText.neutralise("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("'=HYPERLINK(\"http://x\",\"y\")");
        assertThat(SpreadsheetText.neutralise("+cmd")).isEqualTo("'+cmd");
        assertThat(SpreadsheetText.neutralise("-2+3")).isEqualTo("'-2+3");
        assertThat(SpreadsheetText.neutralise("\t=1")).isEqualTo("'\t=1");
        assertThat(SpreadsheetText.neutralise("\r=1")).isEqualTo("'\r=1");
        assertThat(SpreadsheetText.neutralise("-12.5")).isEqualTo("-12.5");
        assertThat(SpreadsheetText.neutralise("+3")).isEqualTo("+3");
        assertThat(SpreadsheetText.neutralise("-1e5")).isEqualTo("-1e5");
        assertThat(SpreadsheetText.neutralise("常州=公司")).isEqualTo("常州=公司");
        assertThat(SpreadsheetText.neutralise("")).isEmpty();
        assertThat(SpreadsheetText.neutralise(null)).isNull();
        assertThat(SpreadsheetText.record(-5, "=1", null, "a")).containsExactly(-5, "'=1", null, "a");
    }

    /** Whatever the text, the cell a spreadsheet gets never starts a formula unless it is a plain number. */
    @Test
    void noNeutralisedTextStartsAFormula() {
        long seed = HostileValues.seed();
        HostileValues values = new HostileValues(seed);
        for (int i = 0; i < HostileValues.tries(5000); i++) {
            String text = values.text('\t', 'z', 12);
            String cell = SpreadsheetText.neutralise(text);
            if (cell.isEmpty() || "=+-@\t\r".indexOf(cell.charAt(0)) < 0) continue;
            assertThat(cell).as("text %s (seed %d)", text, seed).matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
        }
    }
}
