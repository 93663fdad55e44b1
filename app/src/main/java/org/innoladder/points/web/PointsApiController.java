package org.innoladder.points.web;

import org.innoladder.points.PointsStatistics;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.innoladder.web.ResultPage;
import org.innoladder.identity.CurrentUser;
import org.innoladder.web.Params;
import org.innoladder.web.NotFoundException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** REST API of the stored innovation points, limited to the caller's data scope. */
@RestController
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','TOWN','LEADER','BANK')")
@Tag(name = "Innovation points", description = "企业创新积分: stored points per enterprise and year, their distribution and ranking")
public class PointsApiController {
    private final PointsStatistics statistics;

    public PointsApiController(PointsStatistics statistics) {
        this.statistics = statistics;
    }

    /** The distribution of a region and year and one page of the ranking under the filter. */
    public record PointsView(String region, int year, String stage, BigDecimal min, BigDecimal max,
                             PointsStatistics.Distribution distribution, ResultPage<PointsStatistics.Ranked> page) {
    }

    @Operation(summary = "Points of a region subtree and year: the distribution (buckets of 10 points by stage, min/median/max) "
            + "and the ranking by points, paged, filtered by stage and points band [min, max)")
    @GetMapping("/api/v1/points")
    public PointsView points(@Parameter(hidden = true) CurrentUser user, @RequestParam(required = false) String region,
                             @RequestParam(required = false) String year, @RequestParam(required = false) String stage,
                             @RequestParam(required = false) String min, @RequestParam(required = false) String max,
                             @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        PointsStatistics.Filter f = PointsPageController.filter(statistics, user, region, year, stage, min, max);
        return new PointsView(f.region(), f.year(), f.stage(), f.min(), f.max(),
                statistics.distribution(user.scope(), f.region(), f.year()),
                statistics.ranking(user.scope(), f, Params.page(page), Params.size(size, 50, 200)));
    }

    @Operation(summary = "The distribution of points of a region subtree and year (for dashboards)")
    @GetMapping("/api/v1/points/distribution")
    public PointsStatistics.Distribution distribution(@Parameter(hidden = true) CurrentUser user,
                                                      @RequestParam(required = false) String region,
                                                      @RequestParam(required = false) String year) {
        PointsStatistics.Filter f = PointsPageController.filter(statistics, user, region, year, null, null, null);
        return statistics.distribution(user.scope(), f.region(), f.year());
    }

    @Operation(summary = "An enterprise's stored points (newest year first, or one year) with the breakdown by group and "
            + "indicator and the population they are relative to; an enterprise outside the caller's scope is not found")
    @GetMapping("/api/v1/enterprises/{creditCode}/points")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','TOWN','LEADER','BANK','ENTERPRISE')")
    public List<PointsStatistics.StoredPoints> forEnterprise(@Parameter(hidden = true) CurrentUser user,
                                                             @PathVariable String creditCode,
                                                             @RequestParam(required = false) String year) {
        String code = creditCode.strip().toUpperCase(Locale.ROOT);
        if (!statistics.visible(user.scope(), code)) {
            throw new NotFoundException("企业 " + code + " 不存在", "enterprise " + code + " not found");
        }
        Integer y = year == null || year.isBlank() ? null : Params.year("year", year);
        return statistics.forEnterprise(user.scope(), code, y);
    }
}
