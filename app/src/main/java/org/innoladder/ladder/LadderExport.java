package org.innoladder.ladder;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** A reserve pool as an .xlsx sheet, one enterprise per row with the reason it is in the pool. */
public final class LadderExport {
    static final List<String> HEADERS = List.of("统一社会信用代码", "企业名称", "所属区划代码", "梯度", "入库原因", "原因说明",
            "Reason", "评估规则集", "当前认定梯度", "认定本年到期");

    private LadderExport() {
    }

    public static void pool(Tier tier, int year, List<LadderService.PoolEntry> entries, OutputStream out) throws IOException {
        Workbook wb = new Workbook(out, "InnoLadder", "1.0");
        Worksheet ws = wb.newWorksheet(tier.name() + " " + year);
        for (int c = 0; c < HEADERS.size(); c++) ws.value(0, c, HEADERS.get(c));
        ws.range(0, 0, 0, HEADERS.size() - 1).style().bold().fillColor("F1F5F9").set();
        ws.freezePane(2, 1);
        int r = 1;
        for (LadderService.PoolEntry e : entries) {
            ws.value(r, 0, e.creditCode());
            ws.value(r, 1, e.name());
            ws.value(r, 2, e.regionCode());
            ws.value(r, 3, tier.nameZh());
            ws.value(r, 4, e.reason().name());
            ws.value(r, 5, e.reasonZh());
            ws.value(r, 6, e.reasonEn());
            ws.value(r, 7, e.rulesetRef());
            ws.value(r, 8, e.officialTier() == null ? null : e.officialTier().nameZh());
            ws.value(r, 9, e.lapsed() ? "是" : "否");
            r++;
        }
        wb.finish();
    }
}
