package org.innoladder.assessment.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.innoladder.identity.CurrentUser;
import org.innoladder.ladder.TargetMetric;
import org.innoladder.ladder.target.TargetService;
import org.innoladder.web.BadParameterException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The town ranking of a district or city for a year: the scheme in force at the year's end (or today, for the current
 * year), the towns below the region, and the targets of the region's subtree with their actuals as the ladder computes
 * them for the caller ({@link TargetService#list}: within the caller's scope, one code path with the targets page).
 */
@Service
public class Rankings {
    public record Ranking(String region, int year, LocalDate asOf, Scheme scheme, List<TownRanking.Result> results) {
    }

    /**
     * Monthly progress: for each month ended by {@code asOf}, each town's completion rate of its year's target on each
     * indicator as of the month's end (uncapped); null where it is missing — no target, or a metric that cannot say
     * how it stood on a day (the ladder's per-tier counts and the registries' yearly stocks).
     */
    public record Monthly(List<LocalDate> monthEnds, Map<String, List<List<BigDecimal>>> ratesByTown) {
        /** The rates of a town: one list per indicator of the scheme, one entry per month end. */
        public List<List<BigDecimal>> of(String town) {
            return ratesByTown.getOrDefault(town, List.of());
        }
    }

    private final Schemes schemes;
    private final TargetService targets;
    private final JdbcClient jdbc;

    private final Map<String, TargetMetric> metrics = new HashMap<>();

    public Rankings(Schemes schemes, TargetService targets, JdbcClient jdbc, List<TargetMetric> metrics) {
        metrics.forEach(m -> this.metrics.put(m.code(), m));
        this.schemes = schemes;
        this.targets = targets;
        this.jdbc = jdbc;
    }

    /** The latest of the last seven years in which the region has a target below it (the year a page opens on), else this year. */
    public int defaultYear(CurrentUser user, String region) {
        int now = LocalDate.now().getYear();
        for (int y = now; y > now - 7; y--) {
            TargetService.Listing l = targets.list(user, region, y);
            if (l.rows().stream().anyMatch(r -> l.region() == null || !r.regionCode().equals(l.region()))) return y;
        }
        return now;
    }

    /** {@code region}: a code checked against the caller's scope; null for the scope's root. */
    @Transactional(readOnly = true)
    public Ranking rank(CurrentUser user, String region, int year) {
        TargetService.Listing listing = targets.list(user, region, year);
        String root = listing.region() == null ? "" : listing.region();
        if (root.isEmpty()) throw new BadParameterException("region", "", "请选择市或区县", "choose a city or a county");
        String level = jdbc.sql("SELECT level FROM region WHERE code = :c").param("c", root)
                .query(String.class).optional().orElse("");
        if (level.equals("town")) {
            throw new BadParameterException("region", root, "须为区县或市（排名比较其下的镇街）", "must be a county or a city (the ranking compares its towns)");
        }
        LocalDate today = LocalDate.now();
        LocalDate asOf = year < today.getYear() ? LocalDate.of(year, 12, 31) : today;
        Scheme scheme = schemes.on(asOf).orElseThrow(() -> new BadParameterException("year", String.valueOf(year),
                "该年度没有生效的考核方案", "no assessment scheme is in force for the year"));
        List<TownRanking.Town> towns = jdbc.sql("SELECT code, name FROM region WHERE level = 'town' AND code LIKE :r ORDER BY code")
                .param("r", root + "%").query((rs, n) -> new TownRanking.Town(rs.getString(1), rs.getString(2))).list();
        List<TownRanking.Figure> figures = listing.rows().stream().map(r -> new TownRanking.Figure(r.regionCode(), r.metric(),
                r.tier() == null ? null : r.tier().name(), r.target(), r.actual(), r.unit())).toList();
        return new Ranking(root, year, asOf, scheme, TownRanking.rank(scheme, towns, figures));
    }

    public Monthly monthly(CurrentUser user, Ranking r) {
        return monthly(user, r, null);
    }

    /** The monthly progress of one town ({@code only}), or of every town when null. */
    public Monthly monthly(CurrentUser user, Ranking r, TownRanking.Result only) {
        List<LocalDate> ends = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            LocalDate end = YearMonth.of(r.year(), m).atEndOfMonth();
            if (!end.isAfter(r.asOf())) ends.add(end);
        }
        Map<String, List<List<BigDecimal>>> byTown = new HashMap<>();
        for (TownRanking.Result t : only == null ? r.results() : List.of(only)) {
            List<List<BigDecimal>> lines = new ArrayList<>();
            for (TownRanking.Line l : t.lines()) {
                TargetMetric metric = metrics.get(l.indicator().metric());
                List<BigDecimal> rates = new ArrayList<>();
                for (LocalDate end : ends) {
                    OptionalLong v = l.target() == null || l.target() <= 0 || metric == null ? OptionalLong.empty()
                            : metric.actualAsOf(user, t.town().code(), end);
                    rates.add(v.isEmpty() ? null : BigDecimal.valueOf(v.getAsLong()).divide(BigDecimal.valueOf(l.target()), 4, RoundingMode.HALF_UP));
                }
                lines.add(rates);
            }
            byTown.put(t.town().code(), lines);
        }
        return new Monthly(ends, byTown);
    }
}
