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
    private final org.innoladder.web.RegionNames regions;
    private final org.innoladder.web.Figures figures;

    public DashboardPageController(DashboardService dashboard, LadderSnapshot snapshot, PointsStatistics points,
                                   org.innoladder.web.RegionNames regions, org.innoladder.web.Figures figures) {
        this.figures = figures;
        this.dashboard = dashboard;
        this.snapshot = snapshot;
        this.points = points;
        this.regions = regions;
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
        org.innoladder.web.NextStep.of("dashboard.refreshed").flash();
        return "redirect:/dashboard?year=" + y + (r == null ? "" : "&region=" + URLEncoder.encode(r, StandardCharsets.UTF_8));
    }

    /** Every table of the dashboard page as Excel: tiers, targets, changes, trend, children. */
    @GetMapping("/dashboard/export.xlsx")
    public void export(CurrentUser user, @RequestParam(required = false) String table, @RequestParam(required = false) String region,
                       @RequestParam(required = false) String year, @RequestParam(required = false) String figure,
                       HttpServletResponse response, java.util.Locale locale) throws IOException {
        org.innoladder.web.SheetWords w = org.innoladder.web.SheetWords.of(locale);
        String t = table == null ? "" : table.strip();
        if (!List.of("tiers", "targets", "changes", "trend", "children").contains(t)) {
            throw new BadParameterException("table", t, "须为 tiers、targets、changes、trend 或 children", "must be tiers, targets, changes, trend or children");
        }
        Figure f = childFigure(figure);
        DashboardService.Dashboard d = dashboard.dashboard(user, region, dashboard.year(year));
        String file = "dashboard-" + t + "-" + (d.region() == null ? "all" : d.region()) + "-" + d.year() + ".xlsx";
        switch (t) {
            case "tiers" -> {
                try (XlsxTable x = XlsxTable.download(response, file, w.w("各梯度 ", "tiers ") + d.year(), w.headers(
                        "梯度", "Tier", "梯度代码", "Tier code", "有效认定（家）", "Recognitions held", "较上年（家）", "Change on last year",
                        "最高认定（家）", "Highest recognised", "最高可达（家）", "Highest in reach", "评估合格（家）", "Qualified",
                        "后备库（家）", "Reserve pool", "后备库·合格", "Pool: qualified", "后备库·待定", "Pool: undetermined",
                        "后备库·接近", "Pool: near", "本年到期（家）", "Lapsed this year"))) {
                    for (Tier tier : Tier.values()) {
                        TierFigures v = d.tier(tier);
                        x.row(w.w(tier.nameZh(), tier.nameEn()), tier.name(), v.holding(), d.netChange(tier), v.officialTop(), v.eligibleTop(),
                                v.qualified(), v.pool(), v.poolByReason().get(Reason.QUALIFIED),
                                v.poolByReason().get(Reason.UNDETERMINED), v.poolByReason().get(Reason.NEAR), v.lapsed());
                    }
                }
            }
            case "targets" -> {
                try (XlsxTable x = XlsxTable.download(response, file, w.w("目标进度 ", "targets ") + d.year(), w.headers(
                        "区划代码", "Region code", "区划", "Region", "指标", "Metric", "梯度", "Tier", "目标", "Target",
                        "实际", "Actual", "完成率（%）", "Progress (%)", "预测", "Forecast", "单位", "Unit", "状态", "Status"))) {
                    for (TargetService.Row r : d.targets()) {
                        x.row(r.regionCode(), r.regionName(), w.w(r.metricZh(), r.metricEn()), r.tier() == null ? "—" : w.w(r.tierZh(), r.tierEn()),
                                r.target(), r.actual(), r.progressPercent(), Math.round(r.forecast()), figures.unit(r.unit(), locale),
                                r.status() == org.innoladder.ladder.target.TargetProgress.Status.ON_TRACK ? w.w("有望完成", "on track") : w.w("存在风险", "at risk"));
                    }
                }
            }
            case "changes" -> {
                try (XlsxTable x = XlsxTable.download(response, file, w.w("梯度变化 ", "changes ") + d.year(),
                        w.headers("变化", "Change", "变化代码", "Change code", "企业数（家）", "Enterprises"))) {
                    for (Change c : Change.values()) x.row(w.w(DashboardService.changeZh(c), changeEn(c)), c.name(), d.changes().get(c));
                }
            }
            case "trend" -> {
                List<String> headers = new ArrayList<>(List.of(w.w("年度", "Year")));
                for (Tier tier : Tier.values()) headers.add(w.w(tier.nameZh() + "（家）", tier.nameEn()));
                try (XlsxTable x = XlsxTable.download(response, file, w.w("历年有效认定", "trend"), headers)) {
                    d.trend().forEach((y, v) -> {
                        List<Object> row = new ArrayList<>(List.of(y));
                        row.addAll(v);
                        x.row(row);
                    });
                }
            }
            default -> {
                List<String> headers = new ArrayList<>(List.of(w.w("区划代码", "Region code"), w.w("区划", "Region")));
                for (Tier tier : Tier.values()) headers.add(w.w(tier.nameZh() + "·" + f.nameZh(), tier.nameEn() + ": " + f.nameEn()));
                for (Change c : Change.values()) headers.add(w.w(DashboardService.changeZh(c), changeEn(c)));
                try (XlsxTable x = XlsxTable.download(response, file, w.w("下级区划 ", "regions ") + d.year(), headers)) {
                    for (DashboardService.Child c : d.children()) {
                        List<Object> row = new ArrayList<>(List.of(c.code(), c.name() == null ? w.w("（未落到下级区划）", "(not placed below)") : c.name()));
                        for (Tier tier : Tier.values()) row.add(c.value(f, tier));
                        for (Change ch : Change.values()) row.add(c.changes().get(ch));
                        x.row(row);
                    }
                }
            }
        }
    }

    static String changeEn(Change c) {
        return switch (c) {
            case NEW -> "new";
            case CLIMBED -> "climbed";
            case FELL -> "fell";
            case EXPIRED -> "expired";
        };
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
                                  HttpServletResponse response, java.util.Locale locale) throws IOException {
        org.innoladder.web.SheetWords w = org.innoladder.web.SheetWords.of(locale);
        DashboardService.ListRequest q = dashboard.check(user, region, exact, year, figure, tier, reason, change);
        String file = "dashboard-" + q.figure().name() + (q.tier() == null ? "" : "-" + q.tier().name()) + "-"
                + (q.region() == null ? "all" : q.region()) + "-" + q.year() + ".xlsx";
        try (XlsxTable x = XlsxTable.download(response, file, w.w(q.figure().nameZh(), q.figure().nameEn()) + " " + q.year(), w.headers(
                "统一社会信用代码", "Credit code", "企业名称", "Enterprise", "区划代码", "Region code", "所属区域", "Region",
                "科技部门最高认定", "Highest S&T tier", "工信部门最高认定", "Highest MIIT tier", "说明", "Detail")).in(locale)) {
            dashboard.enterprisesAll(user, q, e -> x.row(e.creditCode(), e.name(), e.regionCode(), regions.place(e.regionCode()),
                    e.growthOfficial() == null ? null : w.w(e.growthOfficial().nameZh(), e.growthOfficial().nameEn()),
                    e.miitOfficial() == null ? null : w.w(e.miitOfficial().nameZh(), e.miitOfficial().nameEn()),
                    w.w(e.detailZh(), e.detailEn())));
        }
    }
}
