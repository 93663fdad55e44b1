package org.innoladder.ladder;

import org.innoladder.rules.ladder.Tier;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.innoladder.web.ResultPage;
import org.innoladder.evaluation.CompactResultReader;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.ladder.TierDecision.Evaluated;
import org.innoladder.ladder.TierDecision.Gap;
import org.innoladder.ladder.TierDecision.Held;
import org.innoladder.ladder.TierDecision.Membership;
import org.innoladder.ladder.TierDecision.Reason;
import org.innoladder.ladder.TierDecision.Standing;
import org.innoladder.rules.Outcome;
import org.innoladder.rules.Rulesets;
import org.innoladder.rules.Status;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.Params;
import org.springframework.beans.factory.annotation.Value;
import org.innoladder.region.RegionColumns;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ladder of a region subtree and year within the caller's scope: SQL loads the recognitions in force during
 * the year and the latest stored evaluation per ruleset id, and {@link TierDecision} decides each enterprise (one
 * code path for pages, API, export and tests).
 */
@Service
public class LadderService {
    public static final int MAX_PAGE_SIZE = 200;

    private final NamedParameterJdbcTemplate jdbc;
    private final double reserveMaxGapRatio;
    private final boolean copiedRegions;
    private final boolean useCounts;

    public LadderService(NamedParameterJdbcTemplate jdbc,
                         @Value("${innoladder.ladder.reserve-max-gap-ratio:0.2}") double reserveMaxGapRatio,
                         @Value("${innoladder.ladder.copied-regions:true}") boolean copiedRegions,
                         @Value("${innoladder.ladder.use-counts:true}") boolean useCounts) {
        this.jdbc = jdbc;
        this.copiedRegions = copiedRegions;
        this.useCounts = useCounts;
        if (!(reserveMaxGapRatio >= 0)) throw new IllegalArgumentException("innoladder.ladder.reserve-max-gap-ratio must be ≥ 0");
        this.reserveMaxGapRatio = reserveMaxGapRatio;
    }

    public double reserveMaxGapRatio() { return reserveMaxGapRatio; }

    /** An enterprise as the ladder lists it. */
    public record EnterpriseRef(long id, String creditCode, String name, String regionCode) {
    }

    /** One enterprise decided. */
    public record Placed(EnterpriseRef enterprise, Standing standing) {
    }

    /** Figures of one tier. */
    public record TierFigures(Tier tier, String nameZh, String nameEn, int officialTop, int eligibleTop, int holding,
                              int qualified, int pool, Map<Reason, Integer> poolByReason, int lapsed) {
    }

    public record Summary(String region, int year, double reserveMaxGapRatio, List<TierFigures> tiers) {
    }

    /** A pool member with its reason. */
    public record PoolEntry(long enterpriseId, String creditCode, String name, String regionCode, Tier tier,
                            Reason reason, String reasonZh, String reasonEn, String rulesetRef, List<Gap> gaps,
                            boolean lapsed, Tier officialTier) {
    }

    public enum Change { NEW, CLIMBED, FELL, EXPIRED }

    public record Transition(long enterpriseId, String creditCode, String name, String regionCode,
                             Tier.Ladder ladder, Tier from, Tier to, Change change) {
    }

    public record Transitions(String region, int from, int to, Map<Change, Integer> counts, ResultPage<Transition> page) {
    }

    /** Checks the region against the caller's scope; default: the scope's root (every region for ADMIN). */
    public String region(CurrentUser user, String region) {
        return Params.regionInScope(user.scope(), region);
    }

    public static int year(String name, String value) {
        return Params.year(name, value);
    }

    public static Tier tier(String value) {
        return Tier.parse(value).filter(t -> t.rulesetId().isPresent()).orElseThrow(() -> new BadParameterException("tier",
                String.valueOf(value), "须为有规则集的梯度：" + Tier.withRuleset(), "must be a tier with a ruleset: " + Tier.withRuleset()));
    }

    /** Every enterprise of the region (in scope) with a recognition in force during Y or an evaluation for Y. */
    @Transactional(readOnly = true)
    public List<Placed> place(CurrentUser user, String region, int year) {
        return place(user.scope(), region, year, reserveMaxGapRatio);
    }

    @Transactional(readOnly = true)
    public List<Placed> place(DataScope scope, String region, int year, double maxGapRatio) {
        return place(scope, region, null, year, maxGapRatio);
    }

    /**
     * The enterprise's standing in each year it has stored evaluations (newest first, at most {@code maxYears}),
     * or empty when it is outside the scope or has none: the enterprise file page's tier lines.
     */
    @Transactional(readOnly = true)
    public List<Standing> standings(DataScope scope, String creditCode, int maxYears) {
        DataScope.SqlFilter f = scope.enterpriseFilter("e");
        List<Integer> years = jdbc.queryForList("""
                SELECT DISTINCT er.year FROM evaluation_result er JOIN enterprise e ON e.id = er.enterprise_id
                WHERE e.credit_code = :code AND %s ORDER BY er.year DESC LIMIT :max""".formatted(f.sql()),
                new MapSqlParameterSource(f.params()).addValue("code", creditCode).addValue("max", maxYears), Integer.class);
        List<Standing> out = new ArrayList<>();
        for (int y : years) {
            place(scope, null, creditCode, y, reserveMaxGapRatio).forEach(pl -> out.add(pl.standing()));
        }
        return out;
    }

    private List<Placed> place(DataScope scope, String region, String creditCode, int year, double maxGapRatio) {
        DataScope.SqlFilter f = scope.enterpriseFilter("e");
        MapSqlParameterSource p = new MapSqlParameterSource(f.params())
                .addValue("any_code", creditCode == null)
                .addValue("code", creditCode == null ? "" : creditCode)
                .addValue("any_region", region == null)
                .addValue("region", (region == null ? "" : region) + "%")
                .addValue("year", year)
                .addValue("year_start", Date.valueOf(LocalDate.of(year, 1, 1)))
                .addValue("year_end", Date.valueOf(LocalDate.of(year, 12, 31)));
        Map<Long, EnterpriseRef> refs = new HashMap<>();
        Map<Long, List<Held>> held = new HashMap<>();
        Map<Long, List<Evaluated>> evaluated = new HashMap<>();
        jdbc.query("""
                SELECT e.id, e.credit_code, e.name, e.region_code, r.kind, r.certificate_no, r.issued_on, r.expires_on
                FROM recognition r JOIN enterprise e ON e.id = r.enterprise_id
                WHERE %s AND (:any_region OR e.region_code LIKE :region) AND (:any_code OR e.credit_code = :code)
                  AND r.issued_on <= :year_end AND (r.expires_on IS NULL OR r.expires_on >= :year_start)
                """.formatted(f.sql()), p, rs -> {
            long id = rs.getLong(1);
            refs.putIfAbsent(id, new EnterpriseRef(id, rs.getString(2), rs.getString(3), rs.getString(4)));
            Date exp = rs.getDate(8);
            held.computeIfAbsent(id, k -> new ArrayList<>()).add(new Held(rs.getString(5), rs.getString(6),
                    rs.getDate(7).toLocalDate(), exp == null ? null : exp.toLocalDate()));
        });
        // the latest stored result per ruleset id decides (a region that switches its gazelle form re-runs it)
        jdbc.query("""
                SELECT DISTINCT ON (er.enterprise_id, er.ruleset_id)
                       e.id, e.credit_code, e.name, e.region_code, er.ruleset_id, er.ruleset_version, er.outcome,
                       CASE WHEN er.outcome = 'NOT_QUALIFIED' THEN er.detail END
                FROM evaluation_result er JOIN enterprise e ON e.id = er.enterprise_id
                WHERE er.year = :year AND %s AND (:any_region OR e.region_code LIKE :region) AND (:any_code OR e.credit_code = :code)
                ORDER BY er.enterprise_id, er.ruleset_id, er.evaluated_at DESC, er.ruleset_version DESC
                """.formatted(f.sql()), p, rs -> {
            Optional<Tier> tier = Tier.byRuleset(rs.getString(5));
            if (tier.isEmpty()) return;
            long id = rs.getLong(1);
            refs.putIfAbsent(id, new EnterpriseRef(id, rs.getString(2), rs.getString(3), rs.getString(4)));
            String ref = rs.getString(5) + "@" + rs.getString(6);
            evaluated.computeIfAbsent(id, k -> new ArrayList<>()).add(new Evaluated(tier.get(), ref,
                    Outcome.valueOf(rs.getString(7)), criteria(ref, rs.getBytes(8)), gaps(ref, rs.getBytes(8)), Rulesets.decision(ref)));
        });
        List<Placed> out = new ArrayList<>(refs.size());
        for (EnterpriseRef ref : refs.values()) {
            out.add(new Placed(ref, TierDecision.decide(year, held.getOrDefault(ref.id(), List.of()),
                    evaluated.getOrDefault(ref.id(), List.of()), maxGapRatio)));
        }
        out.sort(Comparator.comparing(pl -> pl.enterprise().creditCode()));
        return out;
    }


    /** Each criterion's status in a stored result of {@code ref} (id@version); empty without one. */
    static Map<String, Status> criteria(String ref, byte[] detail) {
        int at = ref.indexOf('@');
        return CompactResultReader.statuses(ref.substring(0, at), ref.substring(at + 1), detail);
    }

    static List<Gap> gaps(String ref, byte[] detail) {
        int at = ref.indexOf('@');
        return CompactResultReader.gaps(ref.substring(0, at), ref.substring(at + 1), detail).stream()
                .map(g -> new Gap(g.criterion(), g.lever(), g.current(), g.required(), g.delta())).toList();
    }

    /** Where the region columns come from: the snapshot's copies (default) or a join with {@code enterprise}. */
    public record Source(String join, String region, DataScope.SqlFilter scope) {
    }

    /**
     * The scope and region columns over a snapshot alias. With copied regions a region scope is answered by the
     * copy of {@code enterprise.region_code} ({@code DataScope.enterpriseFilter} applied to the snapshot alias);
     * scopes that name enterprises by id (own enterprise, bank authorisations) always join {@code enterprise}.
     */
    public Source source(DataScope scope, String alias) {
        boolean regionScope = scope instanceof DataScope.All || scope instanceof DataScope.RegionSubtree;
        if (copiedRegions && regionScope) return new Source("", alias, scope.enterpriseFilter(alias));
        String e = alias + "_e";
        return new Source(" JOIN enterprise " + e + " ON " + e + ".id = " + alias + ".enterprise_id", e, scope.enterpriseFilter(e));
    }

    /** The standing figures in the order of a {@code TierFigures} row, as aggregates over {@code ladder_standing s}. */
    static final List<String> STANDING_FIGURES = List.of("OFFICIAL", "ELIGIBLE", "HOLDING", "QUALIFIED", "LAPSED");

    /** ", count(*) FILTER (…)" for every tier and each of {@link #STANDING_FIGURES}, tier by tier. */
    static String standingCounts() {
        StringBuilder cols = new StringBuilder();
        for (Tier t : Tier.values()) {
            String ladderCol = t.ladder() == Tier.Ladder.GROWTH ? "growth" : "miit";
            int bit = 1 << t.ordinal();
            cols.append(", count(*) FILTER (WHERE s.").append(ladderCol).append("_official = '").append(t.name()).append("')")
                    .append(", count(*) FILTER (WHERE s.").append(ladderCol).append("_eligible = '").append(t.name()).append("')")
                    .append(", count(*) FILTER (WHERE s.held_mask & ").append(bit).append(" <> 0)")
                    .append(", count(*) FILTER (WHERE s.qualified_mask & ").append(bit).append(" <> 0)")
                    .append(", count(*) FILTER (WHERE s.lapsed_mask & ").append(bit).append(" <> 0)");
        }
        return cols.toString();
    }

    /** How figures are grouped: not at all (""), or by the first {@code length} digits of the region code. */
    public static String groupKey(String r, int length) {
        return switch (length) {
            case 0 -> "''";
            case 6 -> "coalesce(" + r + ".county_code, '')";
            case 9 -> "coalesce(" + r + ".town_code, '')";
            default -> "left(coalesce(" + r + ".region_code, ''), " + length + ")";
        };
    }

    /**
     * Figures per tier of the snapshot for the year, within the scope and region, grouped by the first
     * {@code groupLength} digits of the enterprises' region codes (0: one group, key ""). Pool NEAR members count
     * when their near ratio is within {@code maxGapRatio}.
     */
    @Transactional(readOnly = true)
    public Map<String, List<TierFigures>> figures(DataScope scope, String region, int year, int groupLength, double maxGapRatio) {
        if (countsServe(scope) && countsReady(year, maxGapRatio)) return figuresFromCounts(scope, region, year, groupLength);
        Source src = source(scope, "s");
        MapSqlParameterSource p = new MapSqlParameterSource(src.scope().params()).addValue("year", year)
                .addValue("any_region", region == null).addValue("region", (region == null ? "" : region) + "%")
                .addValue("ratio", maxGapRatio);
        String cols = standingCounts();
        String key = groupKey(src.region(), groupLength);
        Map<String, int[][]> standing = new java.util.TreeMap<>();
        jdbc.query("SELECT " + key + " AS k" + cols + " FROM ladder_standing s" + src.join()
                + " WHERE s.year = :year AND " + src.scope().sql() + " AND (:any_region OR " + src.region() + ".region_code LIKE :region)"
                + " GROUP BY 1", p, rs -> {
            int[][] v = new int[Tier.values().length][5];
            for (int t = 0; t < v.length; t++) for (int c = 0; c < 5; c++) v[t][c] = rs.getInt(2 + t * 5 + c);
            standing.put(rs.getString(1), v);
        });
        Source psrc = source(scope, "p");
        MapSqlParameterSource pp = new MapSqlParameterSource(psrc.scope().params()).addValues(p.getValues());
        Map<String, Map<Tier, Map<Reason, Integer>>> pools = new HashMap<>();
        jdbc.query("SELECT " + groupKey(psrc.region(), groupLength) + ", p.tier, p.reason, count(*) FROM ladder_pool p" + psrc.join()
                + " WHERE p.year = :year AND (p.reason <> 'NEAR' OR p.near_ratio <= :ratio) AND " + psrc.scope().sql()
                + " AND (:any_region OR " + psrc.region() + ".region_code LIKE :region) GROUP BY 1, 2, 3", pp, rs -> {
            pools.computeIfAbsent(rs.getString(1), k -> new EnumMap<>(Tier.class))
                    .computeIfAbsent(Tier.valueOf(rs.getString(2)), k -> new EnumMap<>(Reason.class))
                    .put(Reason.valueOf(rs.getString(3)), rs.getInt(4));
        });
        return assemble(standing, pools);
    }

    /**
     * Whether {@code ladder_count} can answer for this scope: counts are per region code, so region scopes (and
     * ADMIN's everything) only; scopes naming enterprises by id read the standings.
     */
    boolean countsServe(DataScope scope) {
        return useCounts && copiedRegions && (scope instanceof DataScope.All || scope instanceof DataScope.RegionSubtree);
    }

    /** The year's counts exist and counted NEAR pool members at this ratio (else the standings answer). */
    boolean countsReady(int year, double ratio) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM ladder_refresh WHERE year = :year)
                   AND NOT EXISTS (SELECT 1 FROM ladder_count WHERE year = :year AND ratio <> :ratio)""",
                new MapSqlParameterSource("year", year).addValue("ratio", ratio), Boolean.class));
    }

    private Map<String, List<TierFigures>> figuresFromCounts(DataScope scope, String region, int year, int groupLength) {
        DataScope.SqlFilter f = scope.enterpriseFilter("c");
        MapSqlParameterSource p = new MapSqlParameterSource(f.params()).addValue("year", year)
                .addValue("any_region", region == null).addValue("region", (region == null ? "" : region) + "%");
        Map<String, int[][]> standing = new java.util.TreeMap<>();
        Map<String, Map<Tier, Map<Reason, Integer>>> pools = new HashMap<>();
        List<String> figures = STANDING_FIGURES;
        jdbc.query("SELECT " + groupKey("c", groupLength) + ", c.tier, c.figure, sum(c.n) FROM ladder_count c WHERE c.year = :year"
                + " AND c.tier <> '' AND " + f.sql() + " AND (:any_region OR c.region_code LIKE :region) GROUP BY 1, 2, 3", p, rs -> {
            String k = rs.getString(1);
            Tier t = Tier.valueOf(rs.getString(2));
            String figure = rs.getString(3);
            if (figure.startsWith("POOL_")) {
                pools.computeIfAbsent(k, x -> new EnumMap<>(Tier.class)).computeIfAbsent(t, x -> new EnumMap<>(Reason.class))
                        .put(Reason.valueOf(figure.substring(5)), rs.getInt(4));
            } else {
                standing.computeIfAbsent(k, x -> new int[Tier.values().length][5])[t.ordinal()][figures.indexOf(figure)] = rs.getInt(4);
            }
        });
        return assemble(standing, pools);
    }

    private static Map<String, List<TierFigures>> assemble(Map<String, int[][]> standing, Map<String, Map<Tier, Map<Reason, Integer>>> pools) {
        Map<String, List<TierFigures>> out = new java.util.TreeMap<>();
        java.util.Set<String> keys = new java.util.TreeSet<>(standing.keySet());
        keys.addAll(pools.keySet());
        for (String k : keys) {
            int[][] v = standing.getOrDefault(k, new int[Tier.values().length][5]);
            List<TierFigures> list = new ArrayList<>();
            for (Tier t : Tier.values()) {
                Map<Reason, Integer> byReason = new EnumMap<>(Reason.class);
                for (Reason reason : Reason.values()) {
                    byReason.put(reason, pools.getOrDefault(k, Map.of()).getOrDefault(t, Map.of()).getOrDefault(reason, 0));
                }
                int pool = byReason.values().stream().mapToInt(Integer::intValue).sum();
                int[] f = v[t.ordinal()];
                list.add(new TierFigures(t, t.nameZh(), t.nameEn(), f[0], f[1], f[2], f[3], pool, byReason, f[4]));
            }
            out.put(k, list);
        }
        return out;
    }

    /** Official-tier changes from year−1 to year per group (see {@link #figures}), from the counts when they serve. */
    @Transactional(readOnly = true)
    public Map<String, Map<Change, Integer>> changeCounts(DataScope scope, String pattern, int year, int groupLength) {
        Map<String, Map<Change, Integer>> out = new java.util.TreeMap<>();
        if (countsServe(scope) && countsReady(year, reserveMaxGapRatio)) {
            DataScope.SqlFilter f = scope.enterpriseFilter("c");
            MapSqlParameterSource p = new MapSqlParameterSource(f.params()).addValue("year", year)
                    .addValue("any_region", pattern == null).addValue("region", pattern == null ? "" : pattern);
            jdbc.query("SELECT " + groupKey("c", groupLength) + ", substr(c.figure, 8), sum(c.n) FROM ladder_count c"
                    + " WHERE c.year = :year AND c.figure LIKE 'CHANGE%' AND " + f.sql()
                    + " AND (:any_region OR c.region_code LIKE :region) GROUP BY 1, 2", p, rs -> {
                out.computeIfAbsent(rs.getString(1), k -> zeroChanges()).put(Change.valueOf(rs.getString(2)), rs.getInt(3));
            });
            return out;
        }
        Source src = source(scope, "s");
        MapSqlParameterSource p = transitionParams(src, null, year - 1, year)
                .addValue("any_region", pattern == null).addValue("region", pattern == null ? "" : pattern);
        jdbc.query("SELECT " + groupKey("t", groupLength) + ", t.change, count(*) FROM (" + transitionSql(src)
                + ") t WHERE t.change IS NOT NULL GROUP BY 1, 2", p, rs -> {
            out.computeIfAbsent(rs.getString(1), k -> zeroChanges()).put(Change.valueOf(rs.getString(2)), rs.getInt(3));
        });
        return out;
    }

    public static Map<Change, Integer> zeroChanges() {
        Map<Change, Integer> m = new EnumMap<>(Change.class);
        for (Change c : Change.values()) m.put(c, 0);
        return m;
    }

    /** Recognitions held per tier in every snapshot year (the trend lines), from the counts when they serve. */
    @Transactional(readOnly = true)
    public Map<Integer, List<Integer>> trend(DataScope scope, String pattern) {
        Map<Integer, List<Integer>> out = new java.util.TreeMap<>();
        if (countsServe(scope)) {
            DataScope.SqlFilter f = scope.enterpriseFilter("c");
            MapSqlParameterSource p = new MapSqlParameterSource(f.params())
                    .addValue("any_region", pattern == null).addValue("region", pattern == null ? "" : pattern);
            for (int y : jdbc.getJdbcTemplate().queryForList("SELECT DISTINCT year FROM ladder_refresh ORDER BY year", Integer.class)) {
                out.put(y, new ArrayList<>(java.util.Collections.nCopies(Tier.values().length, 0)));
            }
            jdbc.query("SELECT c.year, c.tier, sum(c.n) FROM ladder_count c WHERE c.figure = 'HOLDING' AND " + f.sql()
                    + " AND (:any_region OR c.region_code LIKE :region) GROUP BY 1, 2", p, rs -> {
                out.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>(java.util.Collections.nCopies(Tier.values().length, 0)))
                        .set(Tier.valueOf(rs.getString(2)).ordinal(), rs.getInt(3));
            });
            return out;
        }
        Source src = source(scope, "s");
        StringBuilder cols = new StringBuilder();
        for (Tier t : Tier.values()) cols.append(", count(*) FILTER (WHERE s.held_mask & ").append(1 << t.ordinal()).append(" <> 0)");
        MapSqlParameterSource p = new MapSqlParameterSource(src.scope().params())
                .addValue("any_region", pattern == null).addValue("region", pattern == null ? "" : pattern);
        jdbc.query("SELECT s.year" + cols + " FROM ladder_standing s" + src.join() + " WHERE " + src.scope().sql()
                + " AND (:any_region OR " + src.region() + ".region_code LIKE :region) GROUP BY 1 ORDER BY 1", p, rs -> {
            List<Integer> v = new ArrayList<>();
            for (int i = 0; i < Tier.values().length; i++) v.add(rs.getInt(2 + i));
            out.put(rs.getInt(1), v);
        });
        return out;
    }

    public static List<TierFigures> zeros() {
        List<TierFigures> list = new ArrayList<>();
        for (Tier t : Tier.values()) {
            Map<Reason, Integer> byReason = new EnumMap<>(Reason.class);
            for (Reason reason : Reason.values()) byReason.put(reason, 0);
            list.add(new TierFigures(t, t.nameZh(), t.nameEn(), 0, 0, 0, 0, 0, byReason, 0));
        }
        return list;
    }

    /** Counts per tier of the region subtree and year in the caller's scope, from the snapshot. */
    @Transactional(readOnly = true)
    public Summary summary(CurrentUser user, String region, int year) {
        String r = region(user, region);
        return new Summary(r, year, reserveMaxGapRatio,
                figures(user.scope(), r, year, 0, reserveMaxGapRatio).getOrDefault("", zeros()));
    }

    /** The same counts decided in Java by {@link TierDecision} (the specification the snapshot is checked against). */
    static Summary summarise(String region, int year, List<Placed> placed, double ratio) {
        List<TierFigures> figures = new ArrayList<>();
        for (Tier t : Tier.values()) {
            int officialTop = 0, eligibleTop = 0, holding = 0, qualified = 0, pool = 0, lapsed = 0;
            Map<Reason, Integer> byReason = new EnumMap<>(Reason.class);
            for (Reason reason : Reason.values()) byReason.put(reason, 0);
            for (Placed pl : placed) {
                Standing s = pl.standing();
                if (s.officialTier(t.ladder()).orElse(null) == t) officialTop++;
                if (s.eligibleTier(t.ladder()).orElse(null) == t) eligibleTop++;
                if (s.held().contains(t)) holding++;
                if (s.qualified().contains(t)) qualified++;
                if (s.lapsed().stream().anyMatch(h -> h.tier().orElse(null) == t)) lapsed++;
                Optional<Membership> m = s.pool(t);
                if (m.isPresent()) {
                    pool++;
                    byReason.merge(m.get().reason(), 1, Integer::sum);
                }
            }
            figures.add(new TierFigures(t, t.nameZh(), t.nameEn(), officialTop, eligibleTop, holding, qualified, pool, byReason, lapsed));
        }
        return new Summary(region, year, ratio, figures);
    }

    /** A page of a tier's reserve pool, paged in SQL: by reason (QUALIFIED, UNDETERMINED, NEAR), then credit code. */
    @Transactional(readOnly = true)
    public ResultPage<PoolEntry> pool(CurrentUser user, Tier tier, String region, int year, int page, int size) {
        String r = region(user, region);
        List<PoolEntry> items = new ArrayList<>();
        long total = poolQuery(user.scope(), tier, prefix(r), year, null, (long) (page - 1) * size, size, items::add);
        return new ResultPage<>(items, page, size, total, (total + size - 1) / size);
    }

    /** Every member of a tier's reserve pool (the export), in page order, handed to {@code sink} one by one. */
    @Transactional(readOnly = true)
    public long poolAll(CurrentUser user, Tier tier, String region, int year, java.util.function.Consumer<PoolEntry> sink) {
        return poolQuery(user.scope(), tier, prefix(region(user, region)), year, null, 0, Integer.MAX_VALUE, sink);
    }

    /**
     * SQL condition "the enterprise {@code enterpriseId} (a column expression) is in the tier's reserve pool of the
     * year", by the ladder's definition at the configured gap ratio: for modules that count pool members among
     * their own rows ({@link PoolReviews}). Parameters are prefixed {@code pool_}.
     */
    public DataScope.SqlFilter poolMember(String enterpriseId, Tier tier, int year) {
        return new DataScope.SqlFilter("EXISTS (SELECT 1 FROM ladder_pool lp WHERE lp.enterprise_id = " + enterpriseId
                + " AND lp.year = :pool_year AND lp.tier = :pool_tier AND (lp.reason <> 'NEAR' OR lp.near_ratio <= :pool_ratio))",
                Map.of("pool_year", year, "pool_tier", tier.name(), "pool_ratio", reserveMaxGapRatio));
    }

    /**
     * For a district's or a town's subtree pattern, the copied county or town code equal to it: the same rows as the
     * pattern, said so that the planner reads them from the (year, county or town, credit code) indexes in list order
     * instead of walking the whole year's index and filtering (a district's 100th page: seconds at a million).
     */
    public static String sameDistrictOrTown(String alias, String regionPattern, MapSqlParameterSource p) {
        if (regionPattern == null || !regionPattern.endsWith("%")) return "";
        return RegionColumns.sameDistrictOrTown(alias, regionPattern.substring(0, regionPattern.length() - 1), "same_region", p::addValue);
    }

    /** The LIKE pattern of a region subtree (null: every region). */
    public static String prefix(String region) {
        return region == null ? null : region + "%";
    }

    /**
     * Pool members of the tier (of one reason when given) from the snapshot, regions matching {@code regionPattern}
     * (a LIKE pattern: a subtree "3204%" or one exact code; null for all); NEAR members' gap sentences come from
     * their stored result, re-read for the rows returned only. Returns the number of members in total.
     */
    public long poolQuery(DataScope scope, Tier tier, String regionPattern, int year, Reason reason, long offset, int limit,
                   java.util.function.Consumer<PoolEntry> sink) {
        Source src = source(scope, "p");
        MapSqlParameterSource p = new MapSqlParameterSource(src.scope().params()).addValue("year", year)
                .addValue("tier", tier.name()).addValue("ratio", reserveMaxGapRatio)
                .addValue("any_region", regionPattern == null).addValue("region", regionPattern == null ? "" : regionPattern)
                .addValue("any_reason", reason == null).addValue("reason", reason == null ? "" : reason.name())
                .addValue("offset", offset).addValue("limit", limit);
        String where = " WHERE p.year = :year AND p.tier = :tier"
                + " AND (p.reason <> 'NEAR' OR p.near_ratio <= :ratio) AND (:any_reason OR p.reason = :reason) AND "
                + src.scope().sql() + " AND (:any_region OR " + src.region() + ".region_code LIKE :region)"
                + sameDistrictOrTown(src.region(), regionPattern, p);
        List<String> figures = (reason == null ? List.of(Reason.values()) : List.of(reason)).stream().map(r -> "POOL_" + r.name()).toList();
        long total = storedCount(scope, regionPattern, year, tier, figures).orElseGet(() ->
                jdbc.queryForObject("SELECT count(*) FROM ladder_pool p" + src.join() + where, p, Long.class));
        String officialCol = tier.ladder() == Tier.Ladder.GROWTH ? "growth_official" : "miit_official";
        jdbc.query("""
                SELECT q.enterprise_id, en.credit_code, en.name, en.region_code, q.reason, q.lapsed, q.ruleset_ref, s.%s,
                       CASE WHEN q.reason = 'NEAR' THEN er.detail END
                FROM (SELECT p.* FROM ladder_pool p %s %s ORDER BY p.reason_rank, p.credit_code OFFSET :offset LIMIT :limit) q
                JOIN enterprise en ON en.id = q.enterprise_id
                JOIN ladder_standing s ON s.year = q.year AND s.enterprise_id = q.enterprise_id
                LEFT JOIN evaluation_result er ON q.reason = 'NEAR' AND er.enterprise_id = q.enterprise_id AND er.year = q.year
                     AND er.ruleset_id || '@' || er.ruleset_version = q.ruleset_ref
                ORDER BY q.reason_rank, q.credit_code
                """.formatted(officialCol, src.join(), where), p, rs -> {
            Reason why = Reason.valueOf(rs.getString(5));
            String ref = rs.getString(7);
            List<Gap> gaps = List.of();
            if (why == Reason.NEAR) {
                Evaluated e = new Evaluated(tier, ref, Outcome.NOT_QUALIFIED, criteria(ref, rs.getBytes(9)), gaps(ref, rs.getBytes(9)),
                        Rulesets.decision(ref));
                gaps = TierDecision.near(e, reserveMaxGapRatio).orElse(List.of());
            }
            Membership m = new Membership(tier, why, ref, gaps, rs.getBoolean(6));
            String official = rs.getString(8);
            sink.accept(new PoolEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), tier, why,
                    m.reasonZh(), m.reasonEn(), ref, gaps, m.lapsed(), official == null ? null : Tier.valueOf(official)));
        });
        return total;
    }

    /**
     * How many enterprises the figures of a tier count in a region subtree (a LIKE pattern, or one exact code; null for
     * every region), from the stored counts the snapshot keeps; empty when they cannot answer for this scope or year,
     * and the caller counts its rows. Lists take their totals from here: at a million enterprises counting a city's
     * rows cost more than the page itself.
     */
    public OptionalLong storedCount(DataScope scope, String regionPattern, int year, Tier tier, List<String> figures) {
        if (!countsServe(scope) || !countsReady(year, reserveMaxGapRatio)) return OptionalLong.empty();
        DataScope.SqlFilter f = scope.enterpriseFilter("c");
        MapSqlParameterSource p = new MapSqlParameterSource(f.params()).addValue("year", year).addValue("tier", tier.name())
                .addValue("figures", figures).addValue("any_region", regionPattern == null)
                .addValue("region", regionPattern == null ? "" : regionPattern);
        Long n = jdbc.queryForObject("SELECT coalesce(sum(c.n), 0) FROM ladder_count c WHERE c.year = :year AND c.tier = :tier"
                + " AND c.figure IN (:figures) AND " + f.sql() + " AND (:any_region OR c.region_code LIKE :region)", p, Long.class);
        return OptionalLong.of(n == null ? 0 : n);
    }

    static PoolEntry entry(Placed pl, Membership m) {
        EnterpriseRef e = pl.enterprise();
        return new PoolEntry(e.id(), e.creditCode(), e.name(), e.regionCode(), m.tier(), m.reason(), m.reasonZh(),
                m.reasonEn(), m.rulesetRef(), m.gaps(), m.lapsed(), pl.standing().officialTier(m.tier().ladder()).orElse(null));
    }

    public static int pageNumber(String value) {
        return Params.page(value);
    }

    public static int pageSize(String value) {
        return Params.size(value, 50, MAX_PAGE_SIZE);
    }

    /**
     * The SQL of official-tier changes per ladder between two snapshot years (every enterprise with a standing in
     * either year): columns enterprise_id, region_code, county_code, town_code, ladder, from_tier, to_tier, change.
     */
    public String transitionSql(Source a) {
        String rank = "array_position(" + LadderSnapshot.tierArray() + ", %s)";
        return """
                SELECT x.enterprise_id, x.credit_code, x.region_code, x.county_code, x.town_code, x.ladder, x.bt AS from_tier, x.at AS to_tier,
                       CASE WHEN x.bt IS NULL THEN CASE WHEN x.at IS NOT NULL THEN 'NEW' END
                            WHEN x.at IS NULL OR %1$s < %2$s THEN CASE WHEN x.bexp < :to_end THEN 'EXPIRED' ELSE 'FELL' END
                            WHEN %1$s > %2$s THEN 'CLIMBED' END AS change
                FROM (SELECT coalesce(sa.enterprise_id, sb.enterprise_id) AS enterprise_id,
                             coalesce(sa.credit_code, sb.credit_code) AS credit_code,
                             coalesce(sa.region_code, sb.region_code) AS region_code,
                             coalesce(sa.county_code, sb.county_code) AS county_code,
                             coalesce(sa.town_code, sb.town_code) AS town_code, l.ladder, l.bt, l.bexp, l.at
                      FROM (SELECT s.* FROM ladder_standing s%3$s WHERE s.year = :from AND %4$s
                              AND (:any_region OR %5$s.region_code LIKE :region)) sb
                      FULL JOIN (SELECT s.* FROM ladder_standing s%3$s WHERE s.year = :to AND %4$s
                              AND (:any_region OR %5$s.region_code LIKE :region)) sa ON sa.enterprise_id = sb.enterprise_id
                      CROSS JOIN LATERAL (VALUES ('GROWTH', sb.growth_official, sb.growth_official_expires, sa.growth_official),
                                                 ('MIIT', sb.miit_official, sb.miit_official_expires, sa.miit_official))
                                 AS l(ladder, bt, bexp, at)) x
                """.formatted(rank.formatted("x.at"), rank.formatted("x.bt"), a.join(), a.scope().sql(), a.region());
    }

    public MapSqlParameterSource transitionParams(Source src, String region, int from, int to) {
        return new MapSqlParameterSource(src.scope().params()).addValue("from", from).addValue("to", to)
                .addValue("to_end", Date.valueOf(LocalDate.of(to, 12, 31)))
                .addValue("any_region", region == null).addValue("region", (region == null ? "" : region) + "%");
    }

    /**
     * Official-tier changes per ladder between two years from the snapshot: counts and one page, paged in SQL. From
     * one year to the next, for a region scope, read from the changes stored at refresh ({@code ladder_transition});
     * otherwise decided by joining the two years' standings.
     */
    @Transactional(readOnly = true)
    public Transitions transitions(CurrentUser user, String region, int from, int to, int page, int size) {
        if (from >= to) {
            throw new BadParameterException("to", String.valueOf(to), "须晚于 from（" + from + "）", "must be after from (" + from + ")");
        }
        String r = region(user, region);
        if (storedTransitionsServe(user.scope(), from, to)) return storedTransitions(user.scope(), r, to, page, size);
        return joinedTransitions(user.scope(), r, from, to, page, size);
    }

    /**
     * Whether the stored changes answer: consecutive years, a scope the copied regions answer, and the later year
     * refreshed (each refresh of a year stores its changes and, once the next year is refreshed, the next year's).
     */
    public boolean storedTransitionsServe(DataScope scope, int from, int to) {
        return to == from + 1 && copiedRegions && (scope instanceof DataScope.All || scope instanceof DataScope.RegionSubtree)
                && Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM ladder_refresh WHERE year = :year)",
                        new MapSqlParameterSource("year", to), Boolean.class));
    }

    /** {@link #transitions} from {@code ladder_transition}: one page of its index, joined with its 50 enterprises. */
    public Transitions storedTransitions(DataScope scope, String r, int to, int page, int size) {
        DataScope.SqlFilter f = scope.enterpriseFilter("s");
        MapSqlParameterSource p = new MapSqlParameterSource(f.params()).addValue("to", to).addValue("any_region", r == null)
                .addValue("region", (r == null ? "" : r) + "%").addValue("offset", (long) (page - 1) * size).addValue("limit", size);
        String where = " WHERE s.year = :to AND " + f.sql() + " AND (:any_region OR s.region_code LIKE :region)"
                + sameDistrictOrTown("s", prefix(r), p);
        Map<Change, Integer> counts = zeroChanges();
        if (useCounts && countsReady(to, reserveMaxGapRatio)) {
            // the dashboard's change counts of the year, per region code: a city's 130,000 changes counted per request
            // cost more than the page
            DataScope.SqlFilter c = scope.enterpriseFilter("c");
            MapSqlParameterSource cp = new MapSqlParameterSource(c.params()).addValue("to", to).addValue("any_region", r == null)
                    .addValue("region", (r == null ? "" : r) + "%");
            jdbc.query("SELECT substr(c.figure, 8), sum(c.n) FROM ladder_count c WHERE c.year = :to AND c.figure LIKE 'CHANGE%'"
                    + " AND " + c.sql() + " AND (:any_region OR c.region_code LIKE :region) GROUP BY 1", cp,
                    rs -> { counts.put(Change.valueOf(rs.getString(1)), rs.getInt(2)); });
        } else {
            jdbc.query("SELECT s.change, count(*) FROM ladder_transition s" + where + " GROUP BY s.change", p,
                    rs -> { counts.put(Change.valueOf(rs.getString(1)), rs.getInt(2)); });
        }
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        List<Transition> items = jdbc.query("SELECT t.enterprise_id, e.credit_code, e.name, e.region_code, t.ladder, t.from_tier,"
                + " t.to_tier, t.change FROM (SELECT s.* FROM ladder_transition s" + where
                + " ORDER BY s.change_rank, s.credit_code, s.ladder OFFSET :offset LIMIT :limit) t JOIN enterprise e ON e.id = t.enterprise_id"
                + " ORDER BY t.change_rank, t.credit_code, t.ladder", p, (rs, n) -> new Transition(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getString(4), Tier.Ladder.valueOf(rs.getString(5)), tierOrNull(rs.getString(6)),
                tierOrNull(rs.getString(7)), Change.valueOf(rs.getString(8))));
        return new Transitions(r, to - 1, to, counts, new ResultPage<>(items, page, size, total, (total + size - 1) / size));
    }

    /** {@link #transitions} decided by joining the two years' standings of the scope (any scope and years). */
    public Transitions joinedTransitions(DataScope scope, String r, int from, int to, int page, int size) {
        Source src = source(scope, "s");
        MapSqlParameterSource p = transitionParams(src, r, from, to).addValue("offset", (long) (page - 1) * size).addValue("limit", size);
        String sql = transitionSql(src);
        Map<Change, Integer> counts = new EnumMap<>(Change.class);
        for (Change c : Change.values()) counts.put(c, 0);
        jdbc.query("SELECT change, count(*) FROM (" + sql + ") t WHERE change IS NOT NULL GROUP BY change", p,
                rs -> { counts.put(Change.valueOf(rs.getString(1)), rs.getInt(2)); });
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        List<Transition> items = jdbc.query("SELECT t.enterprise_id, e.credit_code, e.name, e.region_code, t.ladder, t.from_tier,"
                + " t.to_tier, t.change FROM (" + sql + ") t JOIN enterprise e ON e.id = t.enterprise_id WHERE t.change IS NOT NULL"
                + " ORDER BY array_position(ARRAY['NEW','CLIMBED','FELL','EXPIRED'], t.change), e.credit_code COLLATE \"C\", t.ladder"
                + " OFFSET :offset LIMIT :limit", p, (rs, n) -> new Transition(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), Tier.Ladder.valueOf(rs.getString(5)), tierOrNull(rs.getString(6)), tierOrNull(rs.getString(7)),
                Change.valueOf(rs.getString(8))));
        return new Transitions(r, from, to, counts, new ResultPage<>(items, page, size, total, (total + size - 1) / size));
    }

    public static Tier tierOrNull(String name) {
        return name == null ? null : Tier.valueOf(name);
    }

    /** The same changes decided in Java by {@link TierDecision} for every enterprise (the specification). */
    @Transactional(readOnly = true)
    public List<Transition> transitionsDecided(DataScope scope, String region, int from, int to) {
        Map<Long, Placed> before = new LinkedHashMap<>();
        place(scope, region, from, reserveMaxGapRatio).forEach(pl -> before.put(pl.enterprise().id(), pl));
        Map<Long, Placed> after = new LinkedHashMap<>();
        place(scope, region, to, reserveMaxGapRatio).forEach(pl -> after.put(pl.enterprise().id(), pl));
        Set<Long> ids = new LinkedHashSet<>(before.keySet());
        ids.addAll(after.keySet());
        List<Transition> out = new ArrayList<>();
        for (long id : ids) {
            Placed b = before.get(id);
            Placed a = after.get(id);
            EnterpriseRef e = (a != null ? a : b).enterprise();
            for (Tier.Ladder ladder : Tier.Ladder.values()) {
                TierDecision.Official ob = b == null ? null : b.standing().official().get(ladder);
                Tier ta = a == null ? null : a.standing().officialTier(ladder).orElse(null);
                Change c = change(ob, ta, to);
                if (c != null) {
                    out.add(new Transition(e.id(), e.creditCode(), e.name(), e.regionCode(), ladder,
                            ob == null ? null : ob.tier(), ta, c));
                }
            }
        }
        out.sort(Comparator.comparing(Transition::change).thenComparing(Transition::creditCode).thenComparing(Transition::ladder));
        return out;
    }

    /**
     * NEW: no official tier before, one after; CLIMBED: higher after; EXPIRED: lower or none after because the
     * recognition behind the earlier tier ended before 31 December of the later year; FELL: lower or none for
     * another reason (the recognition was withdrawn or corrected); null: unchanged.
     */
    static Change change(TierDecision.Official before, Tier after, int toYear) {
        if (before == null) return after == null ? null : Change.NEW;
        if (after == null || after.rank() < before.tier().rank()) {
            LocalDate exp = before.recognition().expiresOn();
            return exp != null && exp.isBefore(LocalDate.of(toYear, 12, 31)) ? Change.EXPIRED : Change.FELL;
        }
        return after.rank() > before.tier().rank() ? Change.CLIMBED : null;
    }

    public static Map<Change, Integer> counts(List<Transition> all) {
        Map<Change, Integer> m = new EnumMap<>(Change.class);
        for (Change c : Change.values()) m.put(c, 0);
        all.forEach(t -> m.merge(t.change(), 1, Integer::sum));
        return m;
    }
}
