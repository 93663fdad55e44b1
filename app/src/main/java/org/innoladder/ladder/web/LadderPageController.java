package org.innoladder.ladder.web;

import org.innoladder.ladder.LadderService;
import org.innoladder.ladder.LadderSnapshot;
import org.innoladder.rules.ladder.Tier;
import org.innoladder.ladder.internal.LadderExport;
import org.innoladder.ladder.internal.PoolReviewSections;
import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.identity.CurrentUser;
import org.innoladder.web.XlsxTable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Pages of the ladder: summary, reserve pools (with Excel export) and transitions. */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
public class LadderPageController {
    private final LadderService ladder;
    private final LadderSnapshot snapshot;
    private final org.innoladder.web.RegionNames regions;
    private final PoolReviewSections reviews;

    public LadderPageController(LadderService ladder, LadderSnapshot snapshot, org.innoladder.web.RegionNames regions,
                                PoolReviewSections reviews) {
        this.ladder = ladder;
        this.reviews = reviews;
        this.snapshot = snapshot;
        this.regions = regions;
    }

    private int yearOrLast(String year) {
        return snapshot.yearOrLatest(year);
    }

    @GetMapping("/ladder")
    public String summary(CurrentUser user, @RequestParam(required = false) String year,
                          @RequestParam(required = false) String region, Model model) {
        int y = yearOrLast(year);
        model.addAttribute("summary", ladder.summary(user, region, y));
        model.addAttribute("year", y);
        String r = ladder.region(user, region);
        model.addAttribute("region", r);
        model.addAttribute("poolReviews", reviews.progress(user, r, y, null));
        return "ladder/summary";
    }

    @GetMapping("/ladder/pool")
    public String pool(CurrentUser user, @RequestParam(required = false) String tier,
                       @RequestParam(required = false) String year, @RequestParam(required = false) String town,
                       @RequestParam(required = false) String region, @RequestParam(required = false) String page,
                       Model model) {
        Tier t = LadderService.tier(tier);
        int y = yearOrLast(year);
        String r = town != null && !town.isBlank() ? town : region;
        model.addAttribute("tier", t);
        model.addAttribute("year", y);
        String checked = ladder.region(user, r);
        model.addAttribute("region", checked);
        model.addAttribute("poolReviews", reviews.progress(user, checked, y, t));
        model.addAttribute("ratio", ladder.reserveMaxGapRatio());
        model.addAttribute("result", ladder.pool(user, t, r, y, LadderService.pageNumber(page), 50));
        return "ladder/pool";
    }

    @GetMapping("/ladder/pool.xlsx")
    public void poolExport(CurrentUser user, @RequestParam(required = false) String tier,
                           @RequestParam(required = false) String year, @RequestParam(required = false) String town,
                           @RequestParam(required = false) String region, HttpServletResponse response,
                           java.util.Locale locale) throws IOException {
        Tier t = LadderService.tier(tier);
        int y = yearOrLast(year);
        String r = town != null && !town.isBlank() ? town : region;
        ladder.region(user, r);
        org.innoladder.web.SheetWords w = org.innoladder.web.SheetWords.of(locale);
        try (XlsxTable table = XlsxTable.download(response, "pool-" + t.name() + "-" + y + ".xlsx",
                w.w(t.nameZh(), t.nameEn()) + " " + y, LadderExport.headers(w)).in(locale)) {
            ladder.poolAll(user, t, r, y, e -> LadderExport.row(table, t, e, w, regions.place(e.regionCode())));
        }
    }

    @GetMapping("/ladder/transitions")
    public String transitions(CurrentUser user, @RequestParam(required = false) String from,
                              @RequestParam(required = false) String to, @RequestParam(required = false) String region,
                              @RequestParam(required = false) String page, Model model) {
        int t = to == null || to.isBlank() ? snapshot.yearOrLatest(null) : LadderService.year("to", to);
        int f = from == null || from.isBlank() ? t - 1 : LadderService.year("from", from);
        LadderService.Transitions result = ladder.transitions(user, region, f, t, LadderService.pageNumber(page), 50);
        model.addAttribute("from", f);
        model.addAttribute("to", t);
        model.addAttribute("region", result.region());
        model.addAttribute("counts", result.counts());
        model.addAttribute("result", result.page());
        return "ladder/transitions";
    }
}
