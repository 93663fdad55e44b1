package org.innoladder.points.web;

import org.innoladder.points.PointsStatistics;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Year;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.identity.CurrentUser;
import org.innoladder.web.Params;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.XlsxTable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The points page: distribution and ranking of a region and year (with Excel export). */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','TOWN','LEADER','BANK')")
public class PointsPageController {
    private final PointsStatistics statistics;

    public PointsPageController(PointsStatistics statistics) {
        this.statistics = statistics;
    }

    /**
     * Checks the parameters: region within the scope (default its root), year (default the latest with stored points
     * in the scope, else last year), stage of the model, points band [min, max) with min below max.
     */
    static PointsStatistics.Filter filter(PointsStatistics statistics, CurrentUser user, String region,
                                          String year, String stage, String min, String max) {
        String r = Params.regionInScope(user.scope(), region);
        int y;
        if (year == null || year.isBlank()) {
            Integer latest = statistics.latestYear(user.scope());
            y = latest != null ? latest : Year.now().getValue() - 1;
        } else {
            y = Params.year("year", year);
        }
        BigDecimal lo = PointsStatistics.bound("min", min);
        BigDecimal hi = PointsStatistics.bound("max", max);
        if (lo != null && hi != null && lo.compareTo(hi) >= 0) {
            throw new BadParameterException("max", max, "须大于 min（" + min + "）", "must be greater than min (" + min + ")");
        }
        return new PointsStatistics.Filter(r, y, statistics.stage(stage), lo, hi);
    }

    @GetMapping("/points")
    public String points(CurrentUser user, @RequestParam(required = false) String region,
                         @RequestParam(required = false) String year, @RequestParam(required = false) String stage,
                         @RequestParam(required = false) String min, @RequestParam(required = false) String max,
                         @RequestParam(required = false) String page, Model model) {
        PointsStatistics.Filter f = filter(statistics, user, region, year, stage, min, max);
        model.addAttribute("filter", f);
        model.addAttribute("stages", statistics.stages());
        model.addAttribute("distribution", statistics.distribution(user.scope(), f.region(), f.year()));
        model.addAttribute("result", statistics.ranking(user.scope(), f, Params.page(page), 50));
        return "points/ranking";
    }

    @GetMapping("/points.xlsx")
    public void export(CurrentUser user, @RequestParam(required = false) String region,
                       @RequestParam(required = false) String year, @RequestParam(required = false) String stage,
                       @RequestParam(required = false) String min, @RequestParam(required = false) String max,
                       HttpServletResponse response, java.util.Locale locale) throws IOException {
        PointsStatistics.Filter f = filter(statistics, user, region, year, stage, min, max);
        org.innoladder.web.SheetWords w = org.innoladder.web.SheetWords.of(locale);
        try (XlsxTable table = XlsxTable.download(response, w.w("创新积分-", "innovation-points-") + f.year() + ".xlsx",
                w.w("创新积分 ", "Innovation points ") + f.year(), w.headers("名次", "Rank", "统一社会信用代码", "Credit code",
                        "企业名称", "Enterprise", "区划代码", "Region code", "阶段", "Stage", "阶段待定", "Stage uncertain",
                        "创新积分（分）", "Points", "阶段内百分位（%）", "Percentile in stage (%)")).in(locale)) {
            statistics.rankingAll(user.scope(), f, r -> table.row(r.rank(), r.creditCode(), r.name(), r.regionCode(),
                    w.w(r.stage().zh(), r.stage().en()), r.stageUncertain(), r.total().setScale(2, RoundingMode.HALF_UP),
                    r.percentile().setScale(1, RoundingMode.HALF_UP)));
        }
    }
}
