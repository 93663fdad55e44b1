package org.innoladder.ladder.internal;

import org.innoladder.ladder.LadderService;
import org.innoladder.rules.ladder.Tier;
import java.util.List;

import org.innoladder.web.SheetWords;
import org.innoladder.web.XlsxTable;

/**
 * A reserve pool as an .xlsx sheet (streamed by the page), one enterprise per row with the reason it is in the pool,
 * in the language of the page it was exported from; codes (credit, region, reason, ruleset) in code columns.
 */
public final class LadderExport {
    private LadderExport() {
    }

    public static List<String> headers(SheetWords w) {
        return w.headers("统一社会信用代码", "Credit code", "企业名称", "Enterprise", "区划代码", "Region code", "所属区域", "Region",
                "梯度", "Tier", "入库原因", "Reason", "原因说明", "Detail", "原因代码", "Reason code", "评估规则集", "Ruleset",
                "当前认定梯度", "Tier recognised now", "认定本年到期", "Recognition lapsed this year");
    }

    public static void row(XlsxTable table, Tier tier, LadderService.PoolEntry e, SheetWords w, String place) {
        String reason = switch (e.reason()) {
            case QUALIFIED -> w.w("合格", "qualified");
            case UNDETERMINED -> w.w("待定", "undetermined");
            case NEAR -> w.w("接近", "near");
        };
        table.row(e.creditCode(), e.name(), e.regionCode(), place, w.w(tier.nameZh(), tier.nameEn()), reason,
                w.w(e.reasonZh(), e.reasonEn()), e.reason().name(), e.rulesetRef(),
                e.officialTier() == null ? null : w.w(e.officialTier().nameZh(), e.officialTier().nameEn()), e.lapsed());
    }
}
