package org.innoladder.assessment.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.innoladder.assessment.internal.Rankings;
import org.innoladder.assessment.internal.Scheme;
import org.innoladder.identity.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The town ranking as JSON, as the page shows it. */
@RestController
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER')")
@Tag(name = "Assessment", description = "镇街考核: the towns' year-end ranking by a scheme of weighted target-completion indicators")
public class TownRankingApiController {
    private final Rankings rankings;

    public TownRankingApiController(Rankings rankings) {
        this.rankings = rankings;
    }

    /** A town's result as JSON: rate as a fraction, points and score out of 100, nulls for what is missing. */
    public record TownView(String town, String townName, Integer rank, BigDecimal score, int missing, List<LineView> indicators,
                           List<List<BigDecimal>> monthly) {
    }

    public record LineView(String indicator, String nameZh, String metric, String tier, BigDecimal weight, Long target, Long actual,
                           BigDecimal rate, BigDecimal points) {
    }

    public record RankingView(String region, int year, LocalDate asOf, String scheme, String schemeZh, boolean example, String citation,
                              List<LocalDate> monthEnds, List<TownView> towns) {
    }

    @GetMapping("/api/v1/assessment/towns")
    @Operation(summary = "The towns of a district or city (region, default the caller's scope) ranked for a year by the scheme in "
            + "force: score out of 100, rank (ties equal), each indicator's target, actual, completion rate and points, and monthly (per indicator, the completion rate as of each month end); null where missing")
    public RankingView api(CurrentUser user, @RequestParam(required = false) String region, @RequestParam(required = false) String year) {
        Rankings.Ranking r = TownRankingController.ranking(rankings, user, region, year);
        Rankings.Monthly monthly = rankings.monthly(user, r);
        List<TownView> towns = r.results().stream().map(t -> new TownView(t.town().code(), t.town().name(), t.rank(), t.score(), t.missing(),
                t.lines().stream().map(l -> new LineView(l.indicator().id(), l.indicator().nameZh(), l.indicator().metric(), l.indicator().tier(),
                        l.indicator().weight(), l.target(), l.actual(), l.rate(), l.points())).toList(), monthly.of(t.town().code()))).toList();
        Scheme s = r.scheme();
        return new RankingView(r.region(), r.year(), r.asOf(), s.id(), s.nameZh(), s.example(), s.citation(), monthly.monthEnds(), towns);
    }
}
