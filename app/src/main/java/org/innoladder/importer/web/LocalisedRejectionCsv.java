package org.innoladder.importer.web;

import org.innoladder.importer.Rejection;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.RecognitionColumn;
import org.innoladder.web.SpreadsheetText;

/**
 * A batch's rejected rows as the page downloads them: headers, column names and reasons in the page's language
 * (the column's key kept in a code column), UTF-8 with BOM so that Excel opens it. The CLI writes both languages.
 */
final class LocalisedRejectionCsv implements Consumer<Rejection>, AutoCloseable {
    private final CSVPrinter printer;
    private final boolean en;

    LocalisedRejectionCsv(OutputStream out, Locale locale) throws IOException {
        en = locale != null && "en".equals(locale.getLanguage());
        out.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        printer = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)), CSVFormat.DEFAULT);
        printer.printRecord(en ? new Object[]{"Line", "Column", "Value", "Reason", "Column code"}
                : new Object[]{"行号", "列", "值", "原因", "列代码"});
    }

    @Override
    public void accept(Rejection r) {
        if (r.severity() != Rejection.Severity.ERROR) return;
        try {
            printer.printRecord(SpreadsheetText.record(r.line(), columnName(r.column()), r.value(),
                    en ? r.reasonEn() : r.reasonZh(), r.column()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String columnName(String key) {
        if (key == null) return null;
        Column c = Column.ofKey(key);
        if (c != null) return en ? key.replace('_', ' ') : c.headerZh();
        for (RecognitionColumn rc : RecognitionColumn.values()) {
            if (rc.key().equals(key)) return en ? key.replace('_', ' ') : rc.headerZh();
        }
        return key;
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }
}
