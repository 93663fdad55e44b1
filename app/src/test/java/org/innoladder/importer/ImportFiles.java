package org.innoladder.importer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.innoladder.rules.facts.CreditCode;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Real import files written by tests, and valid credit codes that no other test uses. */
final class ImportFiles {
    private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 1_000_000) * 10);

    private ImportFiles() {
    }

    /** A fresh valid credit code (Wujin district authority, organisation body from a counter). */
    static String newCode() {
        return CreditCode.complete("91320412" + String.format("%08d", NEXT.getAndIncrement() % 100_000_000));
    }

    static Path csv(Path dir, String name, Charset charset, boolean bom, List<List<String>> rows) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            if (bom) out.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            Writer w = new java.io.OutputStreamWriter(out, charset);
            for (List<String> row : rows) {
                w.write(String.join(",", row.stream().map(ImportFiles::quote).toList()));
                w.write("\r\n");
            }
            w.flush();
        }
        return file;
    }

    private static String quote(String v) {
        if (v == null) return "";
        return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    static Path xlsx(Path dir, String name, List<List<Object>> rows) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook wb = new Workbook(out, "InnoLadder test", "1.0");
            Worksheet ws = wb.newWorksheet("企业数据");
            for (int r = 0; r < rows.size(); r++) {
                List<Object> row = rows.get(r);
                for (int c = 0; c < row.size(); c++) {
                    Object v = row.get(c);
                    if (v instanceof String s) ws.value(r, c, s);
                    else if (v instanceof Number n) ws.value(r, c, n);
                    else if (v instanceof Boolean b) ws.value(r, c, b);
                    else if (v instanceof java.time.LocalDate d) ws.value(r, c, d);
                }
            }
            wb.finish();
        }
        return file;
    }

    /** The regions the tests use, in case the region migration has not loaded them. */
    static void regions(JdbcClient jdbc) {
        String[][] rows = {{"32", "江苏省", "province", null}, {"3204", "常州市", "city", "32"},
                {"320412", "武进区", "county", "3204"}, {"320402", "天宁区", "county", "3204"},
                {"320412100", "湖塘镇", "town", "320412"}};
        for (String[] r : rows) {
            jdbc.sql("INSERT INTO region (code, name, level, parent_code) VALUES (?, ?, ?, ?) ON CONFLICT (code) DO NOTHING")
                    .params((Object[]) r).update();
        }
    }
}
