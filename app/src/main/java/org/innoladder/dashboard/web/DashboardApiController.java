package org.innoladder.dashboard.web;

import org.innoladder.dashboard.internal.DashboardService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.innoladder.identity.CurrentUser;
import org.innoladder.ladder.LadderService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The dashboard's figures as JSON, limited to the caller's data scope. */
@RestController
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
@Tag(name = "Dashboard", description = "领导看板: ladder figures of a region and year, per child region, and the enterprises behind them")
public class DashboardApiController {
    private final DashboardService dashboard;

    public DashboardApiController(DashboardService dashboard) {
        this.dashboard = dashboard;
    }

    @Operation(summary = "Figures of a region subtree and year from the ladder snapshot: per tier (held, net change, official, "
            + "eligible, qualified, reserve pools by reason, lapsed), funnel, changes since the year before, trend, targets, "
            + "and the same figures per child region one level down")
    @GetMapping("/api/v1/dashboard")
    public DashboardService.Dashboard dashboard(CurrentUser user, @RequestParam(required = false) String region,
                                                @RequestParam(required = false) String year) {
        return dashboard.dashboard(user, region, dashboard.year(year));
    }

    @Operation(summary = "The enterprises behind one figure: figure OFFICIAL|HOLDING|ELIGIBLE|QUALIFIED|POOL|LAPSED with a tier "
            + "(POOL optionally with reason), or CHANGE (optionally with change NEW|CLIMBED|FELL|EXPIRED); exact=true limits to "
            + "enterprises registered at the region itself")
    @GetMapping("/api/v1/dashboard/enterprises")
    public DashboardService.Listing enterprises(CurrentUser user, @RequestParam(required = false) String region,
                                                @RequestParam(required = false) String exact,
                                                @RequestParam(required = false) String year,
                                                @RequestParam(required = false) String figure,
                                                @RequestParam(required = false) String tier,
                                                @RequestParam(required = false) String reason,
                                                @RequestParam(required = false) String change,
                                                @RequestParam(required = false) String page,
                                                @RequestParam(required = false) String size) {
        DashboardService.ListRequest q = dashboard.check(user, region, exact, year, figure, tier, reason, change);
        return dashboard.enterprises(user, q, LadderService.pageNumber(page), LadderService.pageSize(size));
    }
}
