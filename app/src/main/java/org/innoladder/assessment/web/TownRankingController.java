package org.innoladder.assessment.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.assessment.internal.Rankings;
import org.innoladder.assessment.internal.Scheme;
import org.innoladder.assessment.internal.TownRanking;
import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.web.Figures;
import org.innoladder.web.Params;
import org.innoladder.web.SheetWords;
import org.innoladder.web.XlsxTable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 镇街考核排名 — the towns of a district or city ranked by the scheme in force, each town's score explained per indicator
 * (target, actual, completion rate, points; missing shown as missing): the page and its Excel export (the sheet a town
 * head brings to 述职).
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER')")
public class TownRankingController {
    private final Rankings rankings;
    private final AuditTrail audit;

    public TownRankingController(Rankings rankings, AuditTrail audit) {
        this.rankings = rankings;
        this.audit = audit;
    }

    /** The ranking for the request's region (checked against the scope; default the scope's root) and year (default this one). */
    static Rankings.Ranking ranking(Rankings rankings, CurrentUser user, String region, String year) {
        String r = region == null || region.isBlank() ? null : Params.regionInScope(user.scope(), region);
        if (r == null && user.scope() instanceof DataScope.All) {
            throw new org.innoladder.web.BadParameterException("region", "", "请选择市或区县", "choose a city or a county");
        }
        int y = year == null || year.isBlank() ? rankings.defaultYear(user, r) : Params.year("year", year);
        return rankings.rank(user, r, y);
    }

    @GetMapping("/assessment/towns")
    public String page(CurrentUser user, @RequestParam(required = false) String region, @RequestParam(required = false) String year,
                       @RequestParam(required = false) String town, Model model) {
        Rankings.Ranking r = ranking(rankings, user, region, year);
        // one town explained at a time: a city has dozens of towns, each with its indicators and months
        TownRanking.Result chosen = null;
        if (town != null && !town.isBlank()) {
            chosen = r.results().stream().filter(t -> t.town().code().equals(town.strip())).findFirst().orElseThrow(() ->
                    new org.innoladder.web.BadParameterException("town", town, "须为该地区下的镇（街道）", "must be a town of the region"));
        }
        model.addAttribute("ranking", r);
        model.addAttribute("chosen", chosen);
        model.addAttribute("monthly", chosen == null ? null : rankings.monthly(user, r, chosen));
        model.addAttribute("regionParam", region == null || region.isBlank() ? null : region);
        return "assessment/towns";
    }

    /**
     * The second sheet, 月度进度: per town and indicator the annual target and the completion rate as of every month end of
     * the year so far (uncapped), 缺 where the rate is missing (no target, or a metric that cannot say how it stood on a day).
     */
    static void monthlySheet(XlsxTable x, SheetWords w, Locale locale, Rankings.Ranking r, Rankings.Monthly monthly, String missing) {
        List<String> headers = new ArrayList<>(w.headers("镇（街道）", "town", "指标", "indicator", "年度目标", "annual target"));
        for (LocalDate end : monthly.monthEnds()) {
            headers.add(w.w(end.getMonthValue() + "月末完成率", "completion at end of "
                    + end.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH)));
        }
        x.sheet(w.w("月度进度", "Monthly progress"), headers);
        for (TownRanking.Result t : r.results()) {
            List<List<BigDecimal>> rates = monthly.of(t.town().code());
            for (int i = 0; i < t.lines().size(); i++) {
                TownRanking.Line l = t.lines().get(i);
                List<Object> row = new ArrayList<>(List.of(t.town().name(), l.indicator().name(locale), l.target() == null ? missing : l.target()));
                for (int m = 0; m < monthly.monthEnds().size(); m++) {
                    BigDecimal rate = i < rates.size() ? rates.get(i).get(m) : null;
                    row.add(rate == null ? missing : Figures.ratio(rate));
                }
                x.row(row);
            }
        }
    }

    @GetMapping("/assessment/towns/export.xlsx")
    public void export(CurrentUser user, @RequestParam(required = false) String region, @RequestParam(required = false) String year,
                       Locale locale, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Rankings.Ranking r = ranking(rankings, user, region, year);
        SheetWords w = SheetWords.of(locale);
        List<String> headers = new ArrayList<>(w.headers("排名", "rank", "镇（街道）", "town", "得分（满分 100）", "score (of 100)"));
        for (Scheme.Indicator i : r.scheme().indicators()) {
            String name = i.name(locale);
            headers.addAll(w.headers(name + "：目标", name + ": target", name + "：完成", name + ": actual",
                    name + "：完成率", name + ": completion", name + "：得分", name + ": points"));
        }
        headers.add(w.w("缺少目标的指标数", "indicators without a target"));
        String missing = w.w("缺", "missing");
        try (XlsxTable x = XlsxTable.download(response, "town-ranking-" + r.region() + "-" + r.year() + ".xlsx",
                w.w("镇街考核排名", "Town ranking"), headers).in(locale)) {
            for (TownRanking.Result t : r.results()) {
                List<Object> row = new ArrayList<>(List.of(t.rank() == null ? w.w("未排名", "unranked") : t.rank(), t.town().name(),
                        t.score() == null ? missing : t.score()));
                for (TownRanking.Line l : t.lines()) {
                    row.add(l.target() == null ? missing : l.target());
                    row.add(l.actual() == null ? missing : l.actual());
                    row.add(l.rate() == null ? missing : Figures.ratio(l.rate()));
                    row.add(l.points() == null ? missing : l.points());
                }
                row.add(t.missing());
                x.row(row);
            }
            monthlySheet(x, w, locale, r, rankings.monthly(user, r), missing);
        }
        audit.record(user.username(), "assessment.towns.export", null, "region=" + r.region() + "; year=" + r.year() + "; scheme=" + r.scheme().id(),
                request.getRemoteAddr());
    }
}
