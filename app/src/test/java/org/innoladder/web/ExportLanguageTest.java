package org.innoladder.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.innoladder.demo.internal.DemoData;
import org.innoladder.generator.GeneratorSettings;
import org.innoladder.identity.DemoAccounts;
import org.innoladder.policy.PolicyDemo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 11: every sheet the pages export speaks the language of the page it came from. Exported from an English page,
 * headers have no Chinese and the enumerated values (outcome, status, tier, stage, reason, change, yes/no) are English
 * words; from a Chinese page, headers are Chinese and no enum code ("QUALIFIED", "ON_TRACK") appears outside a code
 * column. Proper names (enterprises, regions, policy titles without an English title) may stay Chinese. Real server,
 * real downloads, on the demo-pages context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "innoladder.test.context=demo-pages")
@ActiveProfiles("test")
class ExportLanguageTest {
    static final Pattern CJK = Pattern.compile("\\p{IsHan}");
    static final Pattern ENUM_CODE = Pattern.compile("^[A-Z][A-Z_]{3,}$");
    /** English columns whose values are words of a closed list: they must be English. */
    static final Set<String> ENUM_COLUMNS = Set.of("Outcome", "Status", "Tier", "Stage", "Reason", "Change", "Listed",
            "Overdue", "Stage uncertain", "Highest S&T tier", "Highest MIIT tier", "Tier recognised now",
            "Recognition lapsed this year", "Metric", "Ruleset");

    @LocalServerPort
    int port;
    @Autowired
    DemoData demo;
    @Autowired
    PolicyDemo policies;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void demoData() {
        demo.ensureLoaded(new GeneratorSettings(120, 2023, 2024, 2026, false));
        policies.ensureLoaded(2023, 2024);
    }

    @Test
    void everySheetSpeaksThePagesLanguage() throws Exception {
        ServerSession bureau = ServerSession.signIn(port, "bureau", DemoAccounts.PASSWORD);
        long policy = jdbc.sql("SELECT id FROM policy WHERE code = 'hnte_first_award'").query(Long.class).single();
        List<String> exports = List.of(
                "/enterprises/export.xlsx",
                "/evaluations/results/export.xlsx?ruleset=tsme&year=2024",
                "/ladder/pool.xlsx?tier=TSME&year=2024",
                "/dashboard/export.xlsx?table=tiers&year=2024",
                "/dashboard/export.xlsx?table=targets&year=2024",
                "/ladder/targets/export.xlsx?year=2024",
                "/dashboard/export.xlsx?table=changes&year=2024",
                "/dashboard/export.xlsx?table=trend&year=2024",
                "/dashboard/export.xlsx?table=children&year=2024",
                "/dashboard/enterprises.xlsx?figure=HOLDING&tier=TSME&year=2024",
                "/points.xlsx?year=2024",
                "/policies/" + policy + "/matches.xlsx?period=2024",
                "/policies/" + policy + "/sandbox.xlsx?year=2024&p.award=100000",
                "/awards/export.xlsx");
        List<String> problems = new ArrayList<>();
        int englishRows = 0;
        for (String export : exports) {
            for (String lang : List.of("zh-CN", "en")) {
                String url = export + (export.contains("?") ? "&" : "?") + "lang=" + lang;
                HttpResponse<byte[]> r = bureau.client().send(HttpRequest.newBuilder(bureau.uri(url)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(r.statusCode()).as(url).isEqualTo(200);
                List<List<String>> rows = new ArrayList<>();
                try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(r.body()))) {
                    for (Row row : wb.getFirstSheet().read()) {
                        List<String> cells = new ArrayList<>();
                        for (int c = 0; c < row.getCellCount(); c++) cells.add(row.getCellText(c));
                        rows.add(cells);
                    }
                }
                assertThat(rows).as(url).isNotEmpty();
                List<String> headers = rows.get(0);
                boolean en = lang.equals("en");
                if (en) englishRows += rows.size() - 1;
                for (String h : headers) {
                    if (en && CJK.matcher(h).find()) problems.add(url + ": Chinese header '" + h + "'");
                    if (!en && !CJK.matcher(h).find()) problems.add(url + ": header without Chinese '" + h + "'");
                }
                for (List<String> row : rows.subList(1, rows.size())) {
                    for (int c = 0; c < row.size() && c < headers.size(); c++) {
                        String h = headers.get(c), v = row.get(c) == null ? "" : row.get(c);
                        boolean codeColumn = h.contains("代码") || h.contains("编号") || h.toLowerCase().contains("code");
                        if (en && ENUM_COLUMNS.contains(h) && CJK.matcher(v).find()) {
                            problems.add(url + ": '" + h + "' = '" + v + "' is not English");
                        }
                        if (!codeColumn && ENUM_CODE.matcher(v.strip()).matches()) {
                            problems.add(url + ": '" + h + "' = '" + v + "' is a code outside a code column");
                        }
                        if (!en && (v.equals("yes") || v.equals("no"))) problems.add(url + ": '" + h + "' = '" + v + "' in a Chinese sheet");
                    }
                }
            }
        }
        assertThat(englishRows).as("the English sheets have rows to check").isGreaterThan(50);
        assertThat(problems).isEmpty();
    }
}
