package org.innoladder.dashboard.web;

import org.innoladder.dashboard.internal.DashboardService;
import org.innoladder.dashboard.internal.Figure;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.identity.Role;
import org.innoladder.ladder.LadderService;
import org.innoladder.ladder.LadderService.Change;
import org.innoladder.ladder.LadderService.TierFigures;
import org.innoladder.ladder.LadderSnapshot;
import org.innoladder.rules.ladder.Tier;
import org.innoladder.ladder.TierDecision.Reason;
import org.innoladder.ladder.target.TargetService;
import org.innoladder.points.PointsStatistics;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.XlsxTable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The leaders' dashboard pages: figures of a region and year, the child regions one level down, the enterprises
 * behind each figure, Excel exports of every table, and (ADMIN, BUREAU) the snapshot refresh. LEADER and TOWN read.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
public class DashboardPageController {
    private final DashboardService dashboard;
    private final LadderSnapshot snapshot;
    private final PointsStatistics points;

    public DashboardPageController(DashboardService dashboard, LadderSnapshot snapshot, PointsStatistics points) {
        this.dashboard = dashboard;
        this.snapshot = snapshot;
        this.points = points;
    }

    static Figure childFigure(String figure) {
        if (figure == null || figure.isBlank()) return Figure.HOLDING;
        Figure f = Figure.parse(figure).orElse(null);
        if (f == null || f == Figure.CHANGE) {
            throw new BadParameterException("figure", figure, "须为 OFFICIAL、HOLDING、ELIGIBLE、QUALIFIED、POOL 或 LAPSED",
                    "must be OFFICIAL, HOLDING, ELIGIBLE, QUALIFIED, POOL or LAPSED");
        }
        return f;
    }

    @GetMapping("/dashboard")
    public String page(CurrentUser user, @RequestParam(required = false) String region, @RequestParam(required = false) String year,
                       @RequestParam(required = false) String figure, Model model) {
        Figure f = childFigure(figure);
        DashboardService.Dashboard d = dashboard.dashboard(user, region, dashboard.year(year));
        model.addAttribute("d", d);
        // the points capability's distribution of the same region and year; its bands drill into its ranking
        model.addAttribute("distribution", points.distribution(user.scope(), d.region(), d.year()));
        model.addAttribute("figure", f);
        model.addAttribute("figures", List.of(Figure.HOLDING, Figure.OFFICIAL, Figure.ELIGIBLE, Figure.QUALIFIED, Figure.POOL, Figure.LAPSED));
        model.addAttribute("tiers", Tier.values());
        model.addAttribute("tierNamesZh", java.util.Arrays.stream(Tier.values()).map(Tier::nameZh).toList());
        model.addAttribute("tierNamesEn", java.util.Arrays.stream(Tier.values()).map(Tier::nameEn).toList());
        model.addAttribute("poolTiers", Tier.withRuleset());
        model.addAttribute("changes", Change.values());
        model.addAttribute("reasons", Reason.values());
        model.addAttribute("canRefresh", user.role() == Role.ADMIN || user.role() == Role.BUREAU);
        model.addAttribute("scopeRoot", user.scope() instanceof DataScope.RegionSubtree s ? s.regionCode() : "");
        return "dashboard/index";
    }

    @PostMapping("/dashboard/refresh")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String refresh(CurrentUser user, @RequestParam(required = false) String region, @RequestParam String year,
                          HttpServletRequest request) {
        String r = snapshot.refreshRegion(user, region);
        int y = LadderService.year("year", year);
        snapshot.refreshFor(user, y, r, request.getRemoteAddr());
        return "redirect:/dashboard?year=" + y + (r == null ? "" : "&region=" + URLEncoder.encode(r, StandardCharsets.UTF_8));
    }

    /** Every table of the dashboard page as Excel: tiers, targets, changes, trend, children. */
    @GetMapping("/dashboard/export.xlsx")
    public void export(CurrentUser user, @RequestParam(required = false) String table, @RequestParam(required = false) String region,
                       @RequestParam(required = false) String year, @RequestParam(required = false) String figure,
                       HttpServletResponse response) throws IOException {
        String t = table == null ? "" : table.strip();
        if (!List.of("tiers", "targets", "changes", "trend", "children").contains(t)) {
            throw new BadParameterException("table", t, "须为 tiers、targets、changes、trend 或 children", "must be tiers, targets, changes, trend or children");
        }
        Figure f = childFigure(figure);
        DashboardService.Dashboard d = dashboard.dashboard(user, region, dashboard.year(year));
        String file = "dashboard-" + t + "-" + (d.region() == null ? "all" : d.region()) + "-" + d.year() + ".xlsx";
        switch (t) {
            case "tiers" -> {
                try (XlsxTable x = XlsxTable.download(response, file, "tiers " + d.year(), List.of("梯度", "Tier", "有效认定",
                        "较上年", "最高认定", "最高可达", "评估合格", "后备库", "后备库·合格", "后备库·待定", "后备库·接近", "本年到期"))) {
                    for (Tier tier : Tier.values()) {
                        TierFigures v = d.tier(tier);
                        x.row(tier.nameZh(), tier.name(), v.holding(), d.netChange(tier), v.officialTop(), v.eligibleTop(),
                                v.qualified(), v.pool(), v.poolByReason().get(Reason.QUALIFIED),
                                v.poolByReason().get(Reason.UNDETERMINED), v.poolByReason().get(Reason.NEAR), v.lapsed());
                    }
                }
            }
            case "targets" -> {
                try (XlsxTable x = XlsxTable.download(response, file, "targets " + d.year(), List.of("区划", "指标", "梯度", "目标",
                        "实际", "完成率%", "预测", "状态"))) {
                    for (TargetService.Row r : d.targets()) {
                        x.row(r.regionCode(), r.metricZh(), r.tierZh(), r.target(), r.actual(), r.progressPercent(), r.forecast(),
                                r.status().name());
                    }
                }
            }
            case "changes" -> {
                try (XlsxTable x = XlsxTable.download(response, file, "changes " + d.year(), List.of("变化", "Change", "企业数"))) {
                    for (Change c : Change.values()) x.row(DashboardService.changeZh(c), c.name(), d.changes().get(c));
                }
            }
            case "trend" -> {
                List<String> headers = new ArrayList<>(List.of("年度"));
                for (Tier tier : Tier.values()) headers.add(tier.nameZh());
                try (XlsxTable x = XlsxTable.download(response, file, "trend", headers)) {
                    d.trend().forEach((y, v) -> {
                        List<Object> row = new ArrayList<>(List.of(y));
                        row.addAll(v);
                        x.row(row);
                    });
                }
            }
            default -> {
                List<String> headers = new ArrayList<>(List.of("区划代码", "区划名称"));
                for (Tier tier : Tier.values()) headers.add(tier.nameZh() + "·" + f.nameZh());
                for (Change c : Change.values()) headers.add(DashboardService.changeZh(c));
                try (XlsxTable x = XlsxTable.download(response, file, "regions " + d.year(), headers)) {
                    for (DashboardService.Child c : d.children()) {
                        List<Object> row = new ArrayList<>(List.of(c.code(), c.name() == null ? "（未落到下级区划）" : c.name()));
                        for (Tier tier : Tier.values()) row.add(c.value(f, tier));
                        for (Change ch : Change.values()) row.add(c.changes().get(ch));
                        x.row(row);
                    }
                }
            }
        }
    }

    @GetMapping("/dashboard/enterprises")
    public String enterprises(CurrentUser user, @RequestParam(required = false) String region,
                              @RequestParam(required = false) String exact, @RequestParam(required = false) String year,
                              @RequestParam(required = false) String figure, @RequestParam(required = false) String tier,
                              @RequestParam(required = false) String reason, @RequestParam(required = false) String change,
                              @RequestParam(required = false) String page, Model model) {
        DashboardService.ListRequest q = dashboard.check(user, region, exact, year, figure, tier, reason, change);
        model.addAttribute("l", dashboard.enterprises(user, q, LadderService.pageNumber(page), 50));
        return "dashboard/enterprises";
    }

    @GetMapping("/dashboard/enterprises.xlsx")
    public void enterprisesExport(CurrentUser user, @RequestParam(required = false) String region,
                                  @RequestParam(required = false) String exact, @RequestParam(required = false) String year,
                                  @RequestParam(required = false) String figure, @RequestParam(required = false) String tier,
                                  @RequestParam(required = false) String reason, @RequestParam(required = false) String change,
                                  HttpServletResponse response) throws IOException {
        DashboardService.ListRequest q = dashboard.check(user, region, exact, year, figure, tier, reason, change);
        String file = "dashboard-" + q.figure().name() + (q.tier() == null ? "" : "-" + q.tier().name()) + "-"
                + (q.region() == null ? "all" : q.region()) + "-" + q.year() + ".xlsx";
        try (XlsxTable x = XlsxTable.download(response, file, q.figure().name() + " " + q.year(), List.of("统一社会信用代码",
                "企业名称", "所属区划代码", "科技部门最高认定", "工信部门最高认定", "说明", "Detail"))) {
            dashboard.enterprisesAll(user, q, e -> x.row(e.creditCode(), e.name(), e.regionCode(),
                    e.growthOfficial() == null ? null : e.growthOfficial().nameZh(),
                    e.miitOfficial() == null ? null : e.miitOfficial().nameZh(), e.detailZh(), e.detailEn()));
        }
    }
}
