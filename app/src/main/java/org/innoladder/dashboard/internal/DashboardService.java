package org.innoladder.dashboard.internal;

import org.innoladder.region.Regions;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.innoladder.web.ResultPage;
import org.innoladder.identity.CurrentUser;
import org.innoladder.ladder.LadderService;
import org.innoladder.ladder.LadderService.Change;
import org.innoladder.ladder.LadderService.Source;
import org.innoladder.ladder.LadderService.TierFigures;
import org.innoladder.ladder.LadderSnapshot;
import org.innoladder.rules.ladder.Tier;
import org.innoladder.ladder.TierDecision.Reason;
import org.innoladder.ladder.target.TargetService;
import org.innoladder.web.BadParameterException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dashboard's figures for a region subtree and year in the caller's scope, one level of child regions with the
 * same figures, and the enterprises behind any figure, all read from the ladder snapshot ({@link LadderSnapshot})
 * through {@link LadderService}'s scope and figure SQL (one definition with the ladder pages).
 */
@Service
public class DashboardService {
    private final NamedParameterJdbcTemplate jdbc;
    private final LadderService ladder;
    private final LadderSnapshot snapshot;
    private final TargetService targets;

    private final Regions regions;

    public DashboardService(Regions regions, NamedParameterJdbcTemplate jdbc, LadderService ladder, LadderSnapshot snapshot, TargetService targets) {
        this.regions = regions;
        this.jdbc = jdbc;
        this.ladder = ladder;
        this.snapshot = snapshot;
        this.targets = targets;
    }

    public record Region(String code, String name) {
    }

    /** A child region's figures; {@code code} empty for enterprises registered at this level without a lower one. */
    public record Child(String code, String name, boolean drillable, List<TierFigures> tiers, Map<Change, Integer> changes) {
        public TierFigures tier(Tier t) {
            return tiers.get(t.ordinal());
        }

        public int value(Figure figure, Tier t) {
            return DashboardService.value(tiers.get(t.ordinal()), figure);
        }
    }

    /** One funnel step: enterprises whose official tier on the step's ladder is this tier or higher. */
    public record FunnelStep(Tier tier, String nameZh, String nameEn, int atOrAbove) {
    }

    public record Dashboard(String region, String regionName, List<Region> path, int year, List<Integer> years,
                            OffsetDateTime computedAt, double reserveMaxGapRatio, List<TierFigures> tiers,
                            List<TierFigures> previous, Map<Change, Integer> changes, int childLength, List<Child> children,
                            Map<Integer, List<Integer>> trend, List<FunnelStep> funnel, List<FunnelStep> miitFunnel,
                            List<TargetService.Row> targets) {
        public TierFigures tier(Tier t) {
            return tiers.get(t.ordinal());
        }

        /** Recognitions held now minus a year before, or null without a snapshot of the year before. */
        public Integer netChange(Tier t) {
            return previous == null ? null : tiers.get(t.ordinal()).holding() - previous.get(t.ordinal()).holding();
        }

        public boolean leaf() {
            return childLength == 0;
        }
    }

    /** An enterprise behind a figure. */
    public record Listed(long id, String creditCode, String name, String regionCode, Tier growthOfficial, Tier miitOfficial,
                         String detailZh, String detailEn) {
    }

    public record Listing(String region, String regionName, boolean exact, int year, Figure figure, Tier tier, Reason reason,
                          Change change, ResultPage<Listed> page) {
    }

    public static int value(TierFigures f, Figure figure) {
        return switch (figure) {
            case OFFICIAL -> f.officialTop();
            case HOLDING -> f.holding();
            case ELIGIBLE -> f.eligibleTop();
            case QUALIFIED -> f.qualified();
            case POOL -> f.pool();
            case LAPSED -> f.lapsed();
            case CHANGE -> throw new IllegalArgumentException("a change is not a tier figure");
        };
    }

    // ---- parameters ---------------------------------------------------------------------------------------

    /** The region checked against the scope and the region table (null: every region, ADMIN only). */
    String region(CurrentUser user, String region) {
        String r = ladder.region(user, region);
        if (r != null && name(r) == null) {
            throw new BadParameterException("region", r, "区划代码不存在", "no such region code");
        }
        return r;
    }

    /** The year asked for, or the latest year with a snapshot (the year before this one when there is none). */
    public int year(String year) {
        return snapshot.yearOrLatest(year);
    }

    String name(String code) {
        if (code == null) return null;
        return regions.name(code).orElse(null);
    }

    static int childLength(String region) {
        if (region == null) return 2;
        return switch (region.length()) {
            case 2 -> 4;
            case 4 -> 6;
            case 6 -> 9;
            default -> 0;
        };
    }

    List<Region> path(String region) {
        List<Region> out = new ArrayList<>();
        if (region == null) return out;
        for (int len : new int[] {2, 4, 6, 9}) {
            if (region.length() < len) break;
            String c = region.substring(0, len);
            String n = name(c);
            if (n != null) out.add(new Region(c, n));
        }
        return out;
    }

    // ---- the dashboard ------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public Dashboard dashboard(CurrentUser user, String region, int year) {
        String r = region(user, region);
        double ratio = ladder.reserveMaxGapRatio();
        String pattern = LadderService.prefix(r);
        List<TierFigures> now = ladder.figures(user.scope(), r, year, 0, ratio).getOrDefault("", LadderService.zeros());
        List<Integer> years = snapshot.years();
        List<TierFigures> previous = years.contains(year - 1)
                ? ladder.figures(user.scope(), r, year - 1, 0, ratio).getOrDefault("", LadderService.zeros()) : null;
        int childLength = childLength(r);
        Map<String, Map<Change, Integer>> changes = ladder.changeCounts(user.scope(), pattern, year, childLength);
        List<Child> children = new ArrayList<>();
        if (childLength > 0) {
            Map<String, List<TierFigures>> byChild = ladder.figures(user.scope(), r, year, childLength, ratio);
            Map<String, String> names = new LinkedHashMap<>();
            regions.children(r).forEach(c -> names.put(c.code(), c.name()));
            for (Map.Entry<String, String> n : names.entrySet()) {
                // at the top only regions with data: 30-odd empty provinces say nothing
                if (r == null && !byChild.containsKey(n.getKey()) && !changes.containsKey(n.getKey())) continue;
                children.add(new Child(n.getKey(), n.getValue(), true, byChild.getOrDefault(n.getKey(), LadderService.zeros()),
                        changes.getOrDefault(n.getKey(), zeroChanges())));
            }
            java.util.Set<String> others = new java.util.TreeSet<>(byChild.keySet());
            others.addAll(changes.keySet());
            others.removeAll(names.keySet());
            for (String k : others) {
                // registered at this level without a lower region (or a code missing from the region table)
                children.add(new Child(k, k.isEmpty() ? null : k, false, byChild.getOrDefault(k, LadderService.zeros()),
                        changes.getOrDefault(k, zeroChanges())));
            }
        }
        Map<Integer, List<Integer>> trend = ladder.trend(user.scope(), pattern);
        List<TargetService.Row> targetRows = r == null ? List.of() : targets.ofRegion(user, r, year);
        return new Dashboard(r, r == null ? null : name(r), path(r), year, years, snapshot.computedAt(year, r).orElse(null), ratio,
                now, previous, total(changes), childLength,
                children, trend, funnel(now, Tier.Ladder.GROWTH), funnel(now, Tier.Ladder.MIIT), targetRows);
    }

    static Map<Change, Integer> zeroChanges() {
        return LadderService.zeroChanges();
    }

    static Map<Change, Integer> total(Map<String, Map<Change, Integer>> byChild) {
        Map<Change, Integer> m = zeroChanges();
        byChild.values().forEach(c -> c.forEach((k, v) -> m.merge(k, v, Integer::sum)));
        return m;
    }

    /** The funnel of one ladder: per tier, the enterprises whose official tier on it is that tier or higher. */
    static List<FunnelStep> funnel(List<TierFigures> tiers, Tier.Ladder ladder) {
        List<FunnelStep> out = new ArrayList<>();
        List<Tier> steps = Tier.of(ladder);
        for (int i = 0; i < steps.size(); i++) {
            int sum = 0;
            for (int j = i; j < steps.size(); j++) sum += tiers.get(steps.get(j).ordinal()).officialTop();
            Tier t = steps.get(i);
            out.add(new FunnelStep(t, t.nameZh(), t.nameEn(), sum));
        }
        return out;
    }

    // ---- the enterprises behind a figure --------------------------------------------------------------------

    /** What a list request asks for, checked. */
    public record ListRequest(String region, boolean exact, int year, Figure figure, Tier tier, Reason reason, Change change) {
        String pattern() {
            return region == null ? null : exact ? region : region + "%";
        }
    }

    public ListRequest check(CurrentUser user, String region, String exact, String year, String figure, String tier,
                             String reason, String change) {
        String r = region(user, region);
        boolean ex = "true".equalsIgnoreCase(exact == null ? "" : exact.strip());
        if (ex && r == null) throw new BadParameterException("exact", exact, "须同时指定区划", "needs a region");
        Figure f = Figure.parse(figure).orElseThrow(() -> new BadParameterException("figure", String.valueOf(figure),
                "须为 " + List.of(Figure.values()) + " 之一", "must be one of " + List.of(Figure.values())));
        Tier t = null;
        if (f != Figure.CHANGE) {
            t = Tier.parse(tier).orElseThrow(() -> new BadParameterException("tier", String.valueOf(tier),
                    "须为梯度之一：" + List.of(Tier.values()), "must be one of the tiers: " + List.of(Tier.values())));
            if (f == Figure.POOL) t = LadderService.tier(tier);
        }
        Reason why = null;
        if (reason != null && !reason.isBlank()) {
            if (f != Figure.POOL) throw new BadParameterException("reason", reason, "仅用于 figure=POOL", "only with figure=POOL");
            why = java.util.Arrays.stream(Reason.values()).filter(x -> x.name().equalsIgnoreCase(reason.strip())).findFirst()
                    .orElseThrow(() -> new BadParameterException("reason", reason, "须为 QUALIFIED、UNDETERMINED 或 NEAR",
                            "must be QUALIFIED, UNDETERMINED or NEAR"));
        }
        Change c = null;
        if (change != null && !change.isBlank()) {
            if (f != Figure.CHANGE) throw new BadParameterException("change", change, "仅用于 figure=CHANGE", "only with figure=CHANGE");
            c = java.util.Arrays.stream(Change.values()).filter(x -> x.name().equalsIgnoreCase(change.strip())).findFirst()
                    .orElseThrow(() -> new BadParameterException("change", change, "须为 " + List.of(Change.values()) + " 之一",
                            "must be one of " + List.of(Change.values())));
        }
        return new ListRequest(r, ex, year(year), f, t, why, c);
    }

    @Transactional(readOnly = true)
    public Listing enterprises(CurrentUser user, ListRequest q, int page, int size) {
        List<Listed> items = new ArrayList<>();
        long total = list(user, q, (long) (page - 1) * size, size, items::add);
        return new Listing(q.region(), name(q.region()), q.exact(), q.year(), q.figure(), q.tier(), q.reason(), q.change(),
                new ResultPage<>(items, page, size, total, (total + size - 1) / size));
    }

    @Transactional(readOnly = true)
    public long enterprisesAll(CurrentUser user, ListRequest q, Consumer<Listed> sink) {
        return list(user, q, 0, Integer.MAX_VALUE, sink);
    }

    private long list(CurrentUser user, ListRequest q, long offset, int limit, Consumer<Listed> sink) {
        if (q.figure() == Figure.POOL) {
            // the other ladder's official tier is looked up a thousand members at a time, so an export streams
            List<LadderService.PoolEntry> chunk = new ArrayList<>();
            Consumer<List<LadderService.PoolEntry>> flush = entries -> {
                Map<Long, Tier[]> officials = officials(entries.stream().map(LadderService.PoolEntry::enterpriseId).toList(), q.year());
                for (LadderService.PoolEntry e : entries) {
                    Tier[] o = officials.getOrDefault(e.enterpriseId(), new Tier[2]);
                    sink.accept(new Listed(e.enterpriseId(), e.creditCode(), e.name(), e.regionCode(), o[0], o[1], e.reasonZh(), e.reasonEn()));
                }
                entries.clear();
            };
            long total = ladder.poolQuery(user.scope(), q.tier(), q.pattern(), q.year(), q.reason(), offset, limit, e -> {
                chunk.add(e);
                if (chunk.size() == 1000) flush.accept(chunk);
            });
            flush.accept(chunk);
            return total;
        }
        Source src = ladder.source(user.scope(), "s");
        MapSqlParameterSource p = new MapSqlParameterSource(src.scope().params()).addValue("year", q.year())
                .addValue("any_region", q.pattern() == null).addValue("region", q.pattern() == null ? "" : q.pattern())
                .addValue("offset", offset).addValue("limit", limit);
        if (q.figure() == Figure.CHANGE) {
            MapSqlParameterSource tp = ladder.transitionParams(src, null, q.year() - 1, q.year()).addValues(p.getValues())
                    .addValue("any_change", q.change() == null).addValue("change", q.change() == null ? "" : q.change().name());
            String from = "FROM (" + ladder.transitionSql(src) + ") t";
            String where = " WHERE t.change IS NOT NULL AND (:any_change OR t.change = :change)";
            Long total = jdbc.queryForObject("SELECT count(*) " + from + where, tp, Long.class);
            jdbc.query("""
                    SELECT e.id, e.credit_code, e.name, e.region_code, s.growth_official, s.miit_official, t.change, t.from_tier,
                           t.to_tier, t.ladder
                    %s JOIN enterprise e ON e.id = t.enterprise_id
                    LEFT JOIN ladder_standing s ON s.year = :year AND s.enterprise_id = t.enterprise_id
                    %s
                    ORDER BY array_position(ARRAY['NEW','CLIMBED','FELL','EXPIRED'], t.change), e.credit_code COLLATE "C", t.ladder
                    OFFSET :offset LIMIT :limit""".formatted(from, where), tp, rs -> {
                Tier before = LadderService.tierOrNull(rs.getString(8)), after = LadderService.tierOrNull(rs.getString(9));
                Change c = Change.valueOf(rs.getString(7));
                sink.accept(new Listed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        LadderService.tierOrNull(rs.getString(5)), LadderService.tierOrNull(rs.getString(6)),
                      changeZh(c) + "：" + (before == null ? "—" : before.nameZh()) + " → " + (after == null ? "—" : after.nameZh()),
                        c.name().toLowerCase() + ": " + (before == null ? "—" : before.nameEn()) + " → " + (after == null ? "—" : after.nameEn())));
            });
            return total == null ? 0 : total;
        }
        String ladderCol = q.tier().ladder() == Tier.Ladder.GROWTH ? "growth" : "miit";
        int bit = 1 << q.tier().ordinal();
        String condition = switch (q.figure()) {
            case OFFICIAL -> "s." + ladderCol + "_official = '" + q.tier().name() + "'";
            case ELIGIBLE -> "s." + ladderCol + "_eligible = '" + q.tier().name() + "'";
            case HOLDING -> "s.held_mask & " + bit + " <> 0";
            case QUALIFIED -> "s.qualified_mask & " + bit + " <> 0";
            case LAPSED -> "s.lapsed_mask & " + bit + " <> 0";
            default -> throw new IllegalStateException();
        };
        String where = " WHERE s.year = :year AND " + condition + " AND " + src.scope().sql()
                + " AND (:any_region OR " + src.region() + ".region_code LIKE :region)"
                + LadderService.sameDistrictOrTown(src.region(), q.pattern(), p);
        long total = ladder.storedCount(user.scope(), q.pattern(), q.year(), q.tier(), List.of(q.figure().name())).orElseGet(() ->
                jdbc.queryForObject("SELECT count(*) FROM ladder_standing s" + src.join() + where, p, Long.class));
        // the page is cut from the snapshot alone (its copied credit code is indexed); names for those rows only
        jdbc.query("SELECT e.id, e.credit_code, e.name, e.region_code, q.growth_official, q.miit_official FROM (SELECT s.enterprise_id,"
                + " s.credit_code, s.growth_official, s.miit_official FROM ladder_standing s" + src.join() + where
                + " ORDER BY s.credit_code OFFSET :offset LIMIT :limit) q JOIN enterprise e ON e.id = q.enterprise_id"
                + " ORDER BY q.credit_code", p, rs -> {
            sink.accept(new Listed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    LadderService.tierOrNull(rs.getString(5)), LadderService.tierOrNull(rs.getString(6)), null, null));
        });
        return total;
    }

    private Map<Long, Tier[]> officials(java.util.Collection<Long> ids, int year) {
        Map<Long, Tier[]> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        jdbc.query("SELECT enterprise_id, growth_official, miit_official FROM ladder_standing WHERE year = :year"
                + " AND enterprise_id IN (:ids)", new MapSqlParameterSource("year", year).addValue("ids", ids), rs -> {
            out.put(rs.getLong(1), new Tier[] {LadderService.tierOrNull(rs.getString(2)), LadderService.tierOrNull(rs.getString(3))});
        });
        return out;
    }

    public static String changeZh(Change c) {
        return switch (c) {
            case NEW -> "新进";
            case CLIMBED -> "晋级";
            case FELL -> "降级";
            case EXPIRED -> "到期退出";
        };
    }
}
