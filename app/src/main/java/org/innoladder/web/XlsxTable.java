package org.innoladder.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/**
 * One sheet with a bold, frozen header row: the shape of every table the pages offer as Excel. Rows are written
 * while they are produced, so a caller can stream a large result without holding it. {@link #sheet} continues the
 * workbook with a further sheet of the same shape (the town ranking's monthly progress beside the ranking).
 */
public final class XlsxTable implements AutoCloseable {
    public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final Workbook workbook;
    private Worksheet sheet;
    private int row = 1;
    /** Yes/no cells in English (sheets exported from an English page), else 是/否. */
    private boolean english;

    private XlsxTable(OutputStream out, String sheetName, List<String> headers) {
        workbook = new Workbook(out, "InnoLadder", "1.0");
        start(sheetName, headers);
    }

    private void start(String sheetName, List<String> headers) {
        // Excel refuses sheet names over 31 characters or with []:*?/\
        sheet = workbook.newWorksheet(sheetName.replaceAll("[\\[\\]:*?/\\\\]", " ")
                .substring(0, Math.min(31, sheetName.length())));
        for (int c = 0; c < headers.size(); c++) sheet.value(0, c, headers.get(c));
        sheet.range(0, 0, 0, headers.size() - 1).style().bold().fillColor("F1F5F9").set();
        sheet.freezePane(0, 1);
        row = 1;
    }

    /** Continues with a new sheet (bold, frozen header row); the following rows go there. */
    public XlsxTable sheet(String sheetName, List<String> headers) {
        try {
            sheet.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start(sheetName, headers);
        return this;
    }

    /** A table written into the body of an HTTP response as an attachment named {@code fileName} (UTF-8 safe). */
    public static XlsxTable download(HttpServletResponse response, String fileName, String sheetName,
                                     List<String> headers) throws IOException {
        response.setContentType(CONTENT_TYPE);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(fileName, StandardCharsets.UTF_8).build().toString());
        return new XlsxTable(response.getOutputStream(), sheetName, headers);
    }

    public static XlsxTable to(OutputStream out, String sheetName, List<String> headers) {
        return new XlsxTable(out, sheetName, headers);
    }

    /** Writes yes/no cells in the reader's language ({@code 是/否} unless English). */
    public XlsxTable in(java.util.Locale locale) {
        english = locale != null && "en".equals(locale.getLanguage());
        return this;
    }

    /** Appends a row; numbers stay numbers, dates stay dates, text has formulas neutralised, null stays empty. */
    public XlsxTable row(Object... cells) {
        for (int c = 0; c < cells.length; c++) {
            Object v = cells[c];
            if (v == null) continue;
            if (v instanceof BigDecimal d) {
                sheet.value(row, c, d);
            } else if (v instanceof Number n) {
                sheet.value(row, c, n);
            } else if (v instanceof Boolean b) {
                sheet.value(row, c, english ? (b ? "yes" : "no") : (b ? "是" : "否"));
            } else if (v instanceof LocalDate d) {
                sheet.value(row, c, d);
                sheet.style(row, c).format("yyyy-mm-dd").set();
            } else {
                sheet.value(row, c, SpreadsheetText.neutralise(v.toString()));
            }
        }
        row++;
        return this;
    }

    public XlsxTable row(List<?> cells) {
        return row(cells.toArray());
    }

    @Override
    public void close() {
        try {
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
