package org.innoladder.importer.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.RecognitionColumn;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Empty import files to fill in: the data dictionary's columns with their Chinese headers (the importer reads them),
 * one example row, UTF-8 with a byte-order mark so that Excel opens it as Chinese text.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
public class ImportTemplateController {
    /** One filled-in example row, by column (the rest left empty: unknown is allowed). */
    static final java.util.Map<Column, String> EXAMPLE = java.util.Map.ofEntries(
            java.util.Map.entry(Column.CREDIT_CODE, org.innoladder.rules.facts.CreditCode.complete("91320412MA1XXXXX")),
            java.util.Map.entry(Column.NAME, "示例科技有限公司"), java.util.Map.entry(Column.REGION_CODE, "320412100"),
            java.util.Map.entry(Column.INDUSTRY_CODE, "C3911"), java.util.Map.entry(Column.HNTE_DOMAIN, "01"),
            java.util.Map.entry(Column.FOUNDED_ON, "2018-05-20"), java.util.Map.entry(Column.LISTED, "否"),
            java.util.Map.entry(Column.YEAR, "2024"), java.util.Map.entry(Column.EMPLOYEES, "120"),
            java.util.Map.entry(Column.TECH_STAFF, "36"), java.util.Map.entry(Column.RD_STAFF, "28"),
            java.util.Map.entry(Column.SALES_REVENUE, "52000000.00"), java.util.Map.entry(Column.MAIN_BUSINESS_REVENUE, "50000000.00"),
            java.util.Map.entry(Column.TOTAL_INCOME, "52500000.00"), java.util.Map.entry(Column.HIGHTECH_INCOME, "40000000.00"),
            java.util.Map.entry(Column.TOTAL_ASSETS, "61000000.00"), java.util.Map.entry(Column.TOTAL_LIABILITIES, "22000000.00"),
            java.util.Map.entry(Column.TOTAL_COSTS, "47000000.00"), java.util.Map.entry(Column.NET_PROFIT, "3100000.00"),
            java.util.Map.entry(Column.RD_EXPENSE, "2900000.00"), java.util.Map.entry(Column.RD_EXPENSE_DOMESTIC, "2900000.00"),
            java.util.Map.entry(Column.IP_CLASS1, "1"), java.util.Map.entry(Column.IP_CLASS2, "6"),
            java.util.Map.entry(Column.IP_OWN_RD, "是"), java.util.Map.entry(Column.CONVERSIONS, "3"),
            java.util.Map.entry(Column.MAJOR_INCIDENT, "否"), java.util.Map.entry(Column.BAD_CREDIT, "否"),
            java.util.Map.entry(Column.HNTE_CERTIFIED, "否"));

    @GetMapping("/imports/template.csv")
    public void facts(HttpServletResponse response) throws IOException {
        write(response, "企业年度数据导入模板.csv",
                Arrays.stream(Column.values()).map(Column::headerZh).collect(Collectors.joining(",")),
                Arrays.stream(Column.values()).map(c -> EXAMPLE.getOrDefault(c, "")).collect(Collectors.joining(",")));
    }

    @GetMapping("/imports/template-recognitions.csv")
    public void recognitions(HttpServletResponse response) throws IOException {
        write(response, "资质证书导入模板.csv",
                Arrays.stream(RecognitionColumn.values()).map(RecognitionColumn::headerZh).collect(Collectors.joining(",")),
                EXAMPLE.get(Column.CREDIT_CODE) + ",HNTE,GR202432000001,2024-11-06,2027-11-05,江苏省科学技术厅");
    }

    private static void write(HttpServletResponse response, String fileName, String header, String example) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString());
        Writer w = response.getWriter();
        w.write('\uFEFF');
        w.write(header + "\r\n" + example + "\r\n");
        w.flush();
    }
}
