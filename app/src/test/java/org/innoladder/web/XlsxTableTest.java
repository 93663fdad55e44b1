package org.innoladder.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.List;

import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

class XlsxTableTest {

    /** Every page export goes through XlsxTable: text is neutralised, numbers (negative ones too) stay numbers. */
    @Test
    void textFormulasAreNeutralisedAndNegativeNumbersStayNumbers() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XlsxTable t = XlsxTable.to(out, "sheet", List.of("a", "b", "c", "d", "e"))) {
            t.row("=1+1", "@SUM(1+1)", -5, new BigDecimal("-2.5"), "-2+3");
            t.row("+cmd", "常州", 7, null, "-12");
        }
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            List<Row> rows = wb.getFirstSheet().read();
            Row first = rows.get(1), second = rows.get(2);
            assertThat(first.getCellText(0)).isEqualTo("'=1+1");
            assertThat(first.getCellText(1)).isEqualTo("'@SUM(1+1)");
            assertThat(first.getCell(2).getType()).isEqualTo(CellType.NUMBER);
            assertThat(first.getCell(2).asNumber()).isEqualByComparingTo("-5");
            assertThat(first.getCell(3).asNumber()).isEqualByComparingTo("-2.5");
            assertThat(first.getCellText(4)).isEqualTo("'-2+3");
            assertThat(second.getCellText(0)).isEqualTo("'+cmd");
            assertThat(second.getCellText(1)).isEqualTo("常州");
            assertThat(second.getCellText(4)).as("a number written as text is no formula").isEqualTo("-12");
        }
    }
}
