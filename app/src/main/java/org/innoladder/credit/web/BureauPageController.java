package org.innoladder.credit.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.credit.domain.ClaimWorkflow;
import org.innoladder.credit.internal.CreditFigures;
import org.innoladder.credit.internal.CreditRefusedException;
import org.innoladder.credit.internal.RiskPools;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.rules.credit.CompensationSchemes;
import org.innoladder.web.NextStep;
import org.innoladder.web.Params;
import org.innoladder.web.RegionNames;
import org.innoladder.web.SheetWords;
import org.innoladder.web.XlsxTable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 科创积分贷看板 — the bureau's and leader's credit page: the funnel, amounts and the non-performing ratio per bank
 * and per child region (drilling down by region), the pools and their payouts, and the claims to review, approve
 * (a second person) and pay. Excel export of the breakdowns, like the dashboard's.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER')")
public class BureauPageController {
    private final CreditFigures figures;
    private final RiskPools pools;
    private final RegionNames regionNames;

    public BureauPageController(CreditFigures figures, RiskPools pools, RegionNames regionNames) {
        this.figures = figures;
        this.pools = pools;
        this.regionNames = regionNames;
    }

    private static String region(CurrentUser user, String value) {
        String r = Params.regionInScope(user.scope(), value);
        return r == null ? "32" : r;
    }

    @GetMapping("/credit/bureau")
    public String home(CurrentUser user, @RequestParam(required = false) String region, Locale locale, Model model) {
        String r = region(user, region);
        model.addAttribute("region", r);
        model.addAttribute("regionName", regionNames.name(r));
        model.addAttribute("funnel", figures.funnel(r));
        model.addAttribute("byBank", figures.byBank(r));
        java.util.List<CreditFigures.Line> byRegion = figures.byRegion(r);
        model.addAttribute("byRegion", byRegion);
        model.addAttribute("regionChart", chart(byRegion, r.length() < 9, locale));
        model.addAttribute("drillable", r.length() < 9);
        model.addAttribute("pools", pools.pools(user));
        model.addAttribute("claims", pools.claims(user, null, 100));
        model.addAttribute("schemes", CompensationSchemes.bundled());
        model.addAttribute("regionChoices", regionNames.choices(user.scope() instanceof DataScope.RegionSubtree ? user.scope() : new DataScope.RegionSubtree("3204")));
        return "credit/bureau";
    }

    /** Disbursed and non-performing amounts per child region in 万元, for the chart (a click drills down). */
    static java.util.Map<String, Object> chart(java.util.List<CreditFigures.Line> lines, boolean drill, Locale locale) {
        boolean en = "en".equals(locale.getLanguage());
        java.math.BigDecimal wan = java.math.BigDecimal.valueOf(10_000);
        java.util.function.Function<java.math.BigDecimal, java.math.BigDecimal> w =
                v -> v.divide(wan, 2, java.math.RoundingMode.HALF_UP);
        return java.util.Map.of(
                "names", lines.stream().map(CreditFigures.Line::name).toList(),
                "codes", lines.stream().map(CreditFigures.Line::key).toList(),
                "unit", en ? "10k yuan" : "万元",
                "drill", drill,
                "series", java.util.List.of(
                        java.util.Map.of("name", en ? "disbursed" : "放款金额", "type", "bar",
                                "data", lines.stream().map(l -> w.apply(l.disbursedYuan())).toList()),
                        java.util.Map.of("name", en ? "non-performing" : "不良余额", "type", "bar",
                                "data", lines.stream().map(l -> w.apply(l.nonPerformingYuan())).toList())));
    }

    @GetMapping("/credit/bureau/export.xlsx")
    public void export(CurrentUser user, @RequestParam(required = false) String region, Locale locale,
                       HttpServletResponse response) throws IOException {
        String r = region(user, region);
        SheetWords w = SheetWords.of(locale);
        try (XlsxTable x = XlsxTable.download(response, "credit-" + r + ".xlsx", w.w("科创积分贷 ", "credit ") + r,
                w.headers("分组", "group", "名称", "name", "申请笔数", "applications", "放款笔数", "loans disbursed",
                        "放款金额（元）", "disbursed (yuan)", "在贷余额（元）", "outstanding (yuan)", "不良余额（元）", "non-performing (yuan)",
                        "不良率", "NPL ratio")).in(locale)) {
            for (CreditFigures.Line l : figures.byBank(r)) {
                x.row(w.w("银行", "bank"), l.name(), l.applied(), l.disbursed(), l.disbursedYuan(), l.outstandingYuan(),
                        l.nonPerformingYuan(), l.nplRatio());
            }
            for (CreditFigures.Line l : figures.byRegion(r)) {
                x.row(w.w("区划", "region"), l.name(), l.applied(), l.disbursed(), l.disbursedYuan(), l.outstandingYuan(),
                        l.nonPerformingYuan(), l.nplRatio());
            }
        }
    }

    @PostMapping("/credit/bureau/pools")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String fund(CurrentUser user, @RequestParam(required = false) String region, @RequestParam(required = false) String period,
                       @RequestParam(required = false) String amount, @RequestParam(required = false) String scheme,
                       @RequestParam(required = false) String note, HttpServletRequest request) {
        String r = Params.regionCode("region", region);
        if (r == null) throw Params.missing("region");
        int y = Params.year("period", period);
        pools.fund(user, r, y, CreditParams.amount("amount", amount, true), scheme, CreditParams.limited("note", note, 500),
                request.getRemoteAddr());
        new NextStep("资金池已注资。", "The pool has been funded.").flash();
        return "redirect:/credit/bureau#pools";
    }

    @PostMapping("/credit/claims/{id}/act")
    @PreAuthorize("hasRole('BUREAU')")
    public String act(CurrentUser user, @PathVariable String id, @RequestParam(required = false) String action,
                      @RequestParam(required = false) String text, HttpServletRequest request) {
        ClaimWorkflow.Action a = Params.choice("action", action, ClaimWorkflow.Action.class);
        if (a == null) throw Params.missing("action");
        ClaimWorkflow.Status to = pools.act(user, Params.requiredId("id", id), a, CreditParams.limited("text", text, 500), request.getRemoteAddr());
        String next = switch (to) {
            case REVIEWED -> "等待另一名科技局人员批准。";
            case APPROVED -> "补偿金额已从资金池中预留，等待登记拨付。";
            case PAID -> "已拨付，贷款记为“已补偿”。";
            default -> "";
        };
        new NextStep("补偿申请已" + a.zh() + "。" + next, "Claim " + a.en() + "ed: now " + to.en() + ".").flash();
        return "redirect:/credit/bureau#claims";
    }

    @ExceptionHandler(CreditRefusedException.class)
    public String refused(CreditRefusedException e) {
        new NextStep(e.messageZh(), e.messageEn(), true).flash();
        return "redirect:/credit/bureau#claims";
    }

    /** Outside the scope or absent: the same 404, never a hint. */
    @ExceptionHandler(org.innoladder.web.NotFoundException.class)
    public void notFound(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        response.sendError(jakarta.servlet.http.HttpServletResponse.SC_NOT_FOUND);
    }
}
