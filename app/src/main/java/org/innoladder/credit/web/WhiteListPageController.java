package org.innoladder.credit.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.credit.internal.CreditRefusedException;
import org.innoladder.credit.internal.WhiteLists;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.rules.ladder.Tier;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 科技型企业白名单 — the bureau's page: the rule (draft, published versions), the lists published per period with
 * their counts, one list's enterprises filtered by region and tier (on the list, or near misses with the gap),
 * the count per tier, Excel export, and a link from each enterprise to its file. A town's assistant reads the lists
 * covering its town and sees its town's enterprises only (the data scope filters every row); only bureaus write.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
public class WhiteListPageController {
    static final int PAGE_SIZE = 50;
    private final WhiteLists whiteLists;
    private final RegionNames regionNames;

    public WhiteListPageController(WhiteLists whiteLists, RegionNames regionNames) {
        this.whiteLists = whiteLists;
        this.regionNames = regionNames;
    }

    /** The rule's region: the user's own (a bureau's), else the chosen one within the scope, else the demo city. */
    static String ruleRegion(CurrentUser user, String value) {
        String r = Params.regionInScope(user.scope(), value);
        return r == null ? "3204" : r;
    }

    @GetMapping("/credit/bureau/white-list")
    public String page(CurrentUser user, @RequestParam(required = false) String list, @RequestParam(required = false) String region,
                       @RequestParam(required = false) String tier, @RequestParam(required = false) String show,
                       @RequestParam(required = false) String page, Model model) {
        String ruleRegion = ruleRegion(user, null);
        String filterRegion = Params.regionInScope(user.scope(), region);
        Tier t = Params.choice("tier", tier, Tier.class);
        WhiteLists.Show s = Params.choice("show", show, WhiteLists.Show.class);
        if (s == null) s = WhiteLists.Show.LISTED;
        List<WhiteLists.ListInfo> lists = whiteLists.lists(user);
        Long chosen = Params.id("list", list);
        WhiteLists.ListInfo current = chosen != null ? whiteLists.list(user, chosen) : lists.isEmpty() ? null : lists.get(0);
        model.addAttribute("lists", lists);
        model.addAttribute("current", current);
        model.addAttribute("ruleRegion", ruleRegion);
        model.addAttribute("ruleRegionName", regionNames.name(ruleRegion));
        model.addAttribute("versions", whiteLists.versions(ruleRegion));
        model.addAttribute("inForce", whiteLists.ruleInForce(ruleRegion));
        model.addAttribute("region", filterRegion == null ? "" : filterRegion);
        model.addAttribute("tier", t);
        model.addAttribute("tiers", Tier.values());
        model.addAttribute("show", s);
        model.addAttribute("regionChoices", regionNames.choices(user.scope() instanceof DataScope.RegionSubtree
                ? user.scope() : new DataScope.RegionSubtree("32")));
        if (current != null) {
            model.addAttribute("entries", whiteLists.entries(user, current, s, filterRegion, t, Params.page(page), PAGE_SIZE));
            model.addAttribute("byTier", whiteLists.byTier(user, current, filterRegion));
        }
        model.addAttribute("defaultPeriod", String.valueOf(java.time.LocalDate.now().getYear()));
        return "credit/white-list";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @GetMapping("/credit/bureau/white-list/export.xlsx")
    public void export(CurrentUser user, @RequestParam(required = false) String list, @RequestParam(required = false) String region,
                       @RequestParam(required = false) String tier, @RequestParam(required = false) String show, Locale locale,
                       HttpServletResponse response) throws IOException {
        WhiteLists.ListInfo l = whiteLists.list(user, Params.requiredId("list", list));
        String r = Params.regionInScope(user.scope(), region);
        Tier t = Params.choice("tier", tier, Tier.class);
        WhiteLists.Show s = Params.choice("show", show, WhiteLists.Show.class);
        if (s == null) s = WhiteLists.Show.LISTED;
        boolean en = "en".equals(locale.getLanguage());
        SheetWords w = SheetWords.of(locale);
        try (XlsxTable x = XlsxTable.download(response, "white-list-" + l.regionCode() + "-" + l.period() + ".xlsx",
                w.w("白名单 ", "white list ") + l.period(),
                w.headers("统一社会信用代码", "credit code", "企业名称", "enterprise", "所在地区", "region", "梯度", "tier",
                        "创新积分", "points", "入选", "listed", "入选理由", "reason", "差距", "gap")).in(locale)) {
            whiteLists.entriesAll(user, l, s, r, t, e -> x.row(e.creditCode(), e.name(), regionNames.name(e.regionCode()),
                    e.tier() == null ? "" : (en ? e.tier().nameEn() : e.tier().nameZh()), e.points(),
                    e.listed() ? w.w("是", "yes") : w.w("否", "no"), en ? e.reasonEn() : e.reasonZh(), en ? e.gapEn() : e.gapZh()));
        }
    }

    @PostMapping("/credit/bureau/white-list/rule")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String saveRule(CurrentUser user, @RequestParam(required = false) String region, @RequestParam(required = false) String title,
                           @RequestParam(required = false) String criteria, @RequestParam(required = false) String citation,
                           @RequestParam(required = false) String effectiveFrom, @RequestParam(required = false) String effectiveTo,
                           HttpServletRequest request) {
        String r = Params.regionCode("region", region);
        if (r == null) throw Params.missing("region");
        int v = whiteLists.saveDraft(user, r, CreditParams.limited("title", title, 200), CreditParams.limited("criteria", criteria, 20_000),
                CreditParams.limited("citation", citation, 2000), CreditParams.date("effectiveFrom", effectiveFrom),
                CreditParams.date("effectiveTo", effectiveTo), request.getRemoteAddr());
        new NextStep("规则草稿（第 " + v + " 版）已保存，发布后才用于计算白名单。",
                "Draft rule (version " + v + ") saved; it is used for lists once published.").flash();
        return "redirect:/credit/bureau/white-list#rule";
    }

    @PostMapping("/credit/bureau/white-list/rule/publish")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String publishRule(CurrentUser user, @RequestParam(required = false) String region, HttpServletRequest request) {
        String r = Params.regionCode("region", region);
        if (r == null) throw Params.missing("region");
        int v = whiteLists.publishRule(user, r, request.getRemoteAddr());
        new NextStep("规则第 " + v + " 版已发布，此后不能再修改；再次编辑将生成新版本。",
                "Version " + v + " of the rule is published and frozen; the next edit makes a new version.").flash();
        return "redirect:/credit/bureau/white-list#rule";
    }

    @PostMapping("/credit/bureau/white-list/publish")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String publish(CurrentUser user, @RequestParam(required = false) String region, @RequestParam(required = false) String period,
                          HttpServletRequest request) {
        String r = Params.regionCode("region", region);
        if (r == null) throw Params.missing("region");
        if (blank(period)) throw Params.missing("period");
        WhiteLists.Published p = whiteLists.publish(user, r, period, request.getRemoteAddr());
        WhiteLists.ListInfo l = p.list();
        if (p.already()) {
            new NextStep(l.periodZh() + "白名单此前已发布（" + l.listed() + " 家入选），未重复计算。",
                    "The list of " + l.period() + " was already published (" + l.listed() + " listed); nothing was recomputed.").flash();
        } else {
            new NextStep(l.periodZh() + "白名单已发布：评估 " + l.evaluated() + " 家，入选 " + l.listed() + " 家，差一项 " + l.near() + " 家。",
                    "The list of " + l.period() + " is published: " + l.evaluated() + " evaluated, " + l.listed() + " listed, "
                            + l.near() + " near misses.").flash();
        }
        return "redirect:/credit/bureau/white-list?list=" + l.id();
    }

    @ExceptionHandler(CreditRefusedException.class)
    public String refused(CreditRefusedException e) {
        new NextStep(e.messageZh(), e.messageEn(), true).flash();
        return "redirect:/credit/bureau/white-list";
    }

    /** Outside the scope or absent: the same 404, never a hint. */
    @ExceptionHandler(org.innoladder.web.NotFoundException.class)
    public void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
