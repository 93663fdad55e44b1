package org.innoladder.assessment.internal;

import java.time.LocalDate;
import java.util.List;

import org.innoladder.identity.CurrentUser;
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

    private final Schemes schemes;
    private final TargetService targets;
    private final JdbcClient jdbc;

    public Rankings(Schemes schemes, TargetService targets, JdbcClient jdbc) {
        this.schemes = schemes;
        this.targets = targets;
        this.jdbc = jdbc;
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
                r.tier() == null ? null : r.tier().name(), r.target(), r.actual())).toList();
        return new Ranking(root, year, asOf, scheme, TownRanking.rank(scheme, towns, figures));
    }
}
