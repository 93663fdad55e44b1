package org.innoladder.evaluation.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.innoladder.identity.DataScope;
import org.innoladder.web.SpreadsheetText;
import org.springframework.stereotype.Service;

/** Writes a results filter as an .xlsx file while reading it (fastexcel's streaming writer). */
@Service
public class EvaluationExport {
    public static final int MAX_ROWS = 200_000;
    static final List<String> HEADERS = List.of("统一社会信用代码", "企业名称", "区县", "镇/街道", "规则集", "版本", "年度",
            "评估结果", "最低分", "最高分", "未通过条件", "差距数", "规则集代码", "未通过条件代码");
    static final List<String> HEADERS_EN = List.of("Credit code", "Enterprise", "District", "Town", "Ruleset", "Version", "Year",
            "Outcome", "Lowest score", "Highest score", "Criteria not met", "Gaps", "Ruleset code", "Criterion codes");

    private final EvaluationResults results;

    public EvaluationExport(EvaluationResults results) {
        this.results = results;
    }

    /** @return the number of enterprise rows written */
    public int write(DataScope scope, ResultQuery q, OutputStream out) throws IOException {
        return write(scope, q, out, java.util.Locale.SIMPLIFIED_CHINESE);
    }

    /** The same in the page's language: headers, ruleset titles, outcomes and criteria (codes in their own columns). */
    public int write(DataScope scope, ResultQuery q, OutputStream out, java.util.Locale locale) throws IOException {
        boolean en = locale != null && "en".equals(locale.getLanguage());
        List<String> headers = en ? HEADERS_EN : HEADERS;
        Workbook wb = new Workbook(out, "InnoLadder", "1.0");
        Worksheet ws = wb.newWorksheet(en ? "Evaluation results" : "评估结果");
        for (int c = 0; c < headers.size(); c++) ws.value(0, c, headers.get(c));
        ws.range(0, 0, 0, headers.size() - 1).style().bold().fillColor("F1F5F9").set();
        ws.freezePane(2, 1);
        int[] row = {1};
        int written = results.stream(scope, q, MAX_ROWS, r -> {
            int i = row[0]++;
            ws.value(i, 0, SpreadsheetText.neutralise(r.creditCode()));
            ws.value(i, 1, SpreadsheetText.neutralise(r.name()));
            ws.value(i, 2, SpreadsheetText.neutralise(r.countyName()));
            ws.value(i, 3, SpreadsheetText.neutralise(r.townName()));
            String ref = r.ruleset() + "@" + r.version();
            ws.value(i, 4, SpreadsheetText.neutralise(title(ref, en)));
            ws.value(i, 5, r.version());
            ws.value(i, 6, r.year());
            ws.value(i, 7, en ? outcomeEn(r.outcome()) : outcomeZh(r.outcome()));
            if (r.scoreMin() != null) ws.value(i, 8, r.scoreMin());
            if (r.scoreMax() != null) ws.value(i, 9, r.scoreMax());
            ws.value(i, 10, SpreadsheetText.neutralise(String.join(en ? "; " : "、", r.failing().stream()
                    .map(id -> org.innoladder.rules.Rulesets.criterionLabel(ref, id).in(en)).toList())));
            ws.value(i, 11, r.gaps());
            ws.value(i, 12, SpreadsheetText.neutralise(ref));
            ws.value(i, 13, SpreadsheetText.neutralise(String.join(",", r.failing())));
            if (i % 1000 == 0) {
                try {
                    ws.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        wb.finish();
        return written;
    }

    static String title(String ref, boolean en) {
        try {
            org.innoladder.rules.RulesetInfo info = org.innoladder.rules.Rulesets.get(ref).info();
            return en ? info.titleEn() : info.titleZh();
        } catch (IllegalArgumentException unknown) {
            return ref;
        }
    }

    static String outcomeEn(String outcome) {
        return switch (outcome) {
            case "QUALIFIED" -> "qualified";
            case "NOT_QUALIFIED" -> "not qualified";
            default -> "undetermined";
        };
    }

    static String outcomeZh(String outcome) {
        return switch (outcome) {
            case "QUALIFIED" -> "合格";
            case "NOT_QUALIFIED" -> "不合格";
            default -> "待定";
        };
    }
}
