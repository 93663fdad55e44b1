package org.innoladder.ladder.internal;

import org.innoladder.ladder.LadderService;
import org.innoladder.rules.ladder.Tier;
import java.util.List;

import org.innoladder.web.XlsxTable;

/** A reserve pool as an .xlsx sheet (streamed by the page), one enterprise per row with the reason it is in the pool. */
public final class LadderExport {
    public static final List<String> HEADERS = List.of("统一社会信用代码", "企业名称", "所属区划代码", "梯度", "入库原因", "原因说明",
            "Reason", "评估规则集", "当前认定梯度", "认定本年到期");

    private LadderExport() {
    }

    public static void row(XlsxTable table, Tier tier, LadderService.PoolEntry e) {
        table.row(e.creditCode(), e.name(), e.regionCode(), tier.nameZh(), e.reason().name(), e.reasonZh(),
                e.reasonEn(), e.rulesetRef(), e.officialTier() == null ? null : e.officialTier().nameZh(), e.lapsed());
    }
}
