package org.innoladder.ladder.web;

import java.util.List;

import org.innoladder.ladder.LadderService;
import org.innoladder.rules.ladder.Tier;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.innoladder.web.ResultPage;
import org.innoladder.identity.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** REST API of the ladder, limited to the caller's data scope. */
@RestController
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
@Tag(name = "Ladder", description = "梯度培育: tiers per year (official vs eligible), reserve pools, transitions")
public class LadderApiController {
    private final LadderService ladder;
    private final org.innoladder.ladder.internal.PoolReviewSections reviews;

    public LadderApiController(LadderService ladder, org.innoladder.ladder.internal.PoolReviewSections reviews) {
        this.ladder = ladder;
        this.reviews = reviews;
    }

    @Operation(summary = "Reserve-pool members in a review of another module (the HNTE application review): per level "
            + "(town check, city/district check, expert review, decided, returned) with the predicted outcome and the "
            + "drill-down link of each count, within the caller's scope")
    @GetMapping("/api/v1/ladder/reviews")
    public List<org.innoladder.ladder.PoolReviews.Progress> reviews(CurrentUser user, @RequestParam(required = false) String year,
                                                                    @RequestParam(required = false) String region) {
        return reviews.progress(user, ladder.region(user, region), LadderService.year("year", year), null);
    }

    /** A pool page. */
    public record PoolView(String tier, int year, String region, double reserveMaxGapRatio, ResultPage<LadderService.PoolEntry> page) {
    }

    @Operation(summary = "Counts per tier for a region subtree and year: official (highest valid recognition), eligible "
            + "(highest QUALIFIED evaluation), recognitions held, qualified, reserve-pool sizes by reason")
    @GetMapping("/api/v1/ladder/summary")
    public LadderService.Summary summary(CurrentUser user, @RequestParam(required = false) String year,
                                         @RequestParam(required = false) String region) {
        return ladder.summary(user, region, LadderService.year("year", year));
    }

    @Operation(summary = "A tier's reserve pool (后备库): enterprises not recognised at the tier or above that are "
            + "QUALIFIED, UNDETERMINED or NEAR (every gap within innoladder.ladder.reserve-max-gap-ratio), with the reason")
    @GetMapping("/api/v1/ladder/pools/{tier}")
    public PoolView pool(CurrentUser user, @PathVariable String tier, @RequestParam(required = false) String year,
                         @RequestParam(required = false) String region, @RequestParam(required = false) String town,
                         @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        Tier t = LadderService.tier(tier);
        int y = LadderService.year("year", year);
        int p = LadderService.pageNumber(page);
        int s = LadderService.pageSize(size);
        String r = town != null && !town.isBlank() ? town : region;
        return new PoolView(t.name(), y, ladder.region(user, r), ladder.reserveMaxGapRatio(), ladder.pool(user, t, r, y, p, s));
    }

    @Operation(summary = "Official-tier changes per ladder between two years: NEW, CLIMBED, FELL, EXPIRED")
    @GetMapping("/api/v1/ladder/transitions")
    public LadderService.Transitions transitions(CurrentUser user, @RequestParam(required = false) String from,
                                                 @RequestParam(required = false) String to,
                                                 @RequestParam(required = false) String region,
                                                 @RequestParam(required = false) String page,
                                                 @RequestParam(required = false) String size) {
        int f = LadderService.year("from", from);
        int t = LadderService.year("to", to);
        int p = LadderService.pageNumber(page);
        int s = LadderService.pageSize(size);
        return ladder.transitions(user, region, f, t, p, s);
    }
}
