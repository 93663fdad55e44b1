package org.innoladder.enterprise.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.innoladder.identity.DataScope;
import org.innoladder.web.SpreadsheetText;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a search's matches as an .xlsx file while reading them (fastexcel's streaming writer over a streaming
 * result set), so memory stays flat up to the row cap.
 */
@Service
public class EnterpriseExport {
    /** More rows than this are cut off, with a note in the last row saying so. */
    public static final int MAX_ROWS = 200_000;
    static final List<String> HEADERS = List.of("统一社会信用代码", "企业名称", "所属区划代码", "区县", "镇/街道", "行业代码",
            "高新技术领域", "成立日期", "是否上市", "数据年度", "销售收入（万元）", "职工总数", "研发强度（%）", "有效认定");
    static final List<String> HEADERS_EN = List.of("Credit code", "Enterprise", "Region code", "District", "Town", "Industry code",
            "HNTE domain", "Founded", "Listed", "Data year", "Sales revenue (10k yuan)", "Employees", "R&D intensity (%)",
            "Valid recognitions");

    private final EnterpriseQueries queries;

    public EnterpriseExport(EnterpriseQueries queries) {
        this.queries = queries;
    }

    /** @return the number of enterprise rows written */
    @Transactional(readOnly = true)
    public int write(DataScope scope, EnterpriseSearch search, OutputStream out) throws IOException {
        return write(scope, search, out, java.util.Locale.SIMPLIFIED_CHINESE);
    }

    /** The same with headers and words in the page's language (codes stay in their columns). */
    @Transactional(readOnly = true)
    public int write(DataScope scope, EnterpriseSearch search, OutputStream out, java.util.Locale locale) throws IOException {
        boolean en = locale != null && "en".equals(locale.getLanguage());
        List<String> headers = en ? HEADERS_EN : HEADERS;
        long total = queries.count(scope, search);
        Workbook wb = new Workbook(out, "InnoLadder", "1.0");
        Worksheet ws = wb.newWorksheet(en ? "Enterprises" : "企业");
        for (int c = 0; c < headers.size(); c++) {
            ws.value(0, c, headers.get(c));
        }
        ws.range(0, 0, 0, headers.size() - 1).style().bold().fillColor("F1F5F9").set();
        ws.freezePane(2, 1);
        int[] row = {1};
        int written = queries.stream(scope, search, MAX_ROWS, e -> {
            int r = row[0]++;
            ws.value(r, 0, SpreadsheetText.neutralise(e.creditCode()));
            ws.value(r, 1, SpreadsheetText.neutralise(e.name()));
            ws.value(r, 2, SpreadsheetText.neutralise(e.regionCode()));
            ws.value(r, 3, SpreadsheetText.neutralise(e.countyName()));
            ws.value(r, 4, SpreadsheetText.neutralise(e.townName()));
            ws.value(r, 5, SpreadsheetText.neutralise(e.industryCode()));
            HnteDomain domain = e.hnteDomain() == null ? null : HnteDomain.ofCode(e.hnteDomain());
            ws.value(r, 6, domain == null ? null : domain.code() + " " + (en ? domain.nameEn() : domain.nameZh()));
            if (e.foundedOn() != null) {
                ws.value(r, 7, e.foundedOn());
                ws.style(r, 7).format("yyyy-mm-dd").set();
            }
            ws.value(r, 8, e.listed() == null ? null : en ? (e.listed() ? "yes" : "no") : (e.listed() ? "是" : "否"));
            number(ws, r, 9, e.dataYear());
            number(ws, r, 10, FactFormatter.toWan(e.salesRevenue()));
            number(ws, r, 11, e.employees());
            number(ws, r, 12, FactFormatter.toPercent(e.rdIntensity()));
            ws.value(r, 13, SpreadsheetText.neutralise(en ? String.join(", ", e.recognitionNamesEn()) : String.join("、", e.recognitionNamesZh())));
            if (r % 1000 == 0) {
                flush(ws);
            }
        });
        if (total > written) {
            ws.value(row[0], 0, en ? "only the first " + MAX_ROWS + " of " + total + " rows are exported"
                    : "仅导出前 " + MAX_ROWS + " 行，共 " + total + " 行");
        }
        wb.finish();
        return written;
    }

    /** Unknown stays an empty cell, never 0. */
    private static void number(Worksheet ws, int r, int c, Number value) {
        if (value != null) ws.value(r, c, value);
    }

    private static void flush(Worksheet ws) {
        try {
            ws.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
