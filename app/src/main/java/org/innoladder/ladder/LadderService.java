package org.innoladder.ladder;

import java.math.BigDecimal;
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
import java.util.Set;
import java.util.function.Function;

import org.innoladder.enterprise.ResultPage;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.ladder.TierDecision.Evaluated;
import org.innoladder.ladder.TierDecision.Gap;
import org.innoladder.ladder.TierDecision.Held;
import org.innoladder.ladder.TierDecision.Membership;
import org.innoladder.ladder.TierDecision.Reason;
import org.innoladder.ladder.TierDecision.Standing;
import org.innoladder.rules.Outcome;
import org.innoladder.rules.Ruleset;
import org.innoladder.rules.Rulesets;
import org.innoladder.rules.Status;
import org.innoladder.web.BadParameterException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ladder of a region subtree and year within the caller's scope: SQL loads the recognitions in force during
 * the year and the latest stored evaluation per ruleset id, and {@link TierDecision} decides each enterprise (one
 * code path for pages, API, export and tests).
 */
@Service
public class LadderService {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    public static final int MAX_PAGE_SIZE = 200;

    private final NamedParameterJdbcTemplate jdbc;
    private final double reserveMaxGapRatio;

    public LadderService(NamedParameterJdbcTemplate jdbc,
                         @Value("${innoladder.ladder.reserve-max-gap-ratio:0.2}") double reserveMaxGapRatio) {
        this.jdbc = jdbc;
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
                              int qualified, int pool, Map<Reason, Integer> poolByReason) {
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
        String r = region == null || region.isBlank() ? null : region.strip();
        DataScope scope = user.scope();
        if (r == null) return scope instanceof DataScope.RegionSubtree s ? s.regionCode() : null;
        if (!r.matches("[0-9]{2,9}")) {
            throw new BadParameterException("region", r, "区划代码须为 2–9 位数字", "a region code is 2 to 9 digits");
        }
        if (scope instanceof DataScope.RegionSubtree s && !r.startsWith(s.regionCode())) {
            throw new BadParameterException("region", r, "区划不在您的数据范围（" + s.regionCode() + "）内",
                    "the region is outside your data scope (" + s.regionCode() + ")");
        }
        return r;
    }

    public static int year(String name, String value) {
        try {
            int y = Integer.parseInt(value == null ? "" : value.strip());
            if (y >= 1990 && y <= 2100) return y;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadParameterException(name, String.valueOf(value), "年度须为 1990–2100 之间的整数", "the year must be an integer 1990–2100");
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
                       CASE WHEN er.outcome = 'NOT_QUALIFIED' THEN (er.result -> 'gaps')::text END,
                       CASE WHEN er.outcome = 'NOT_QUALIFIED' THEN (er.result -> 'criteria')::text END
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
                    Outcome.valueOf(rs.getString(7)), criteria(rs.getString(9)), gaps(rs.getString(8)), decision(ref)));
        });
        List<Placed> out = new ArrayList<>(refs.size());
        for (EnterpriseRef ref : refs.values()) {
            out.add(new Placed(ref, TierDecision.decide(year, held.getOrDefault(ref.id(), List.of()),
                    evaluated.getOrDefault(ref.id(), List.of()), maxGapRatio)));
        }
        out.sort(Comparator.comparing(pl -> pl.enterprise().creditCode()));
        return out;
    }

    /** The built-in ruleset's decision tree, or null for a ruleset this build does not know. */
    static Function<Map<String, Status>, Outcome> decision(String ref) {
        try {
            Ruleset r = Rulesets.get(ref);
            return r::decide;
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    static Map<String, Status> criteria(String json) {
        if (json == null) return Map.of();
        Map<String, Status> out = new LinkedHashMap<>();
        for (JsonNode c : JSON.readTree(json)) {
            String st = c.path("status").asString();
            out.put(c.path("id").asString(), "PASS".equals(st) ? Status.PASS : "FAIL".equals(st) ? Status.FAIL : Status.UNKNOWN);
        }
        return out;
    }

    static List<Gap> gaps(String json) {
        if (json == null) return List.of();
        List<Gap> out = new ArrayList<>();
        for (JsonNode g : JSON.readTree(json)) {
            out.add(new Gap(g.path("criterion").asString(), g.path("lever").asString(), decimal(g.get("current")),
                    decimal(g.get("required")), decimal(g.get("delta"))));
        }
        return out;
    }

    private static BigDecimal decimal(JsonNode n) {
        return n == null || n.isNull() || !n.isNumber() ? null : n.decimalValue();
    }

    @Transactional(readOnly = true)
    public Summary summary(CurrentUser user, String region, int year) {
        String r = region(user, region);
        return summarise(r, year, place(user, r, year), reserveMaxGapRatio);
    }

    static Summary summarise(String region, int year, List<Placed> placed, double ratio) {
        List<TierFigures> figures = new ArrayList<>();
        for (Tier t : Tier.values()) {
            int officialTop = 0, eligibleTop = 0, holding = 0, qualified = 0, pool = 0;
            Map<Reason, Integer> byReason = new EnumMap<>(Reason.class);
            for (Reason reason : Reason.values()) byReason.put(reason, 0);
            for (Placed pl : placed) {
                Standing s = pl.standing();
                if (s.officialTier(t.ladder()).orElse(null) == t) officialTop++;
                if (s.eligibleTier(t.ladder()).orElse(null) == t) eligibleTop++;
                if (s.held().contains(t)) holding++;
                if (s.qualified().contains(t)) qualified++;
                Optional<Membership> m = s.pool(t);
                if (m.isPresent()) {
                    pool++;
                    byReason.merge(m.get().reason(), 1, Integer::sum);
                }
            }
            figures.add(new TierFigures(t, t.nameZh(), t.nameEn(), officialTop, eligibleTop, holding, qualified, pool, byReason));
        }
        return new Summary(region, year, ratio, figures);
    }

    @Transactional(readOnly = true)
    public List<PoolEntry> pool(CurrentUser user, Tier tier, String region, int year) {
        String r = region(user, region);
        List<PoolEntry> out = new ArrayList<>();
        for (Placed pl : place(user, r, year)) {
            pl.standing().pool(tier).ifPresent(m -> out.add(entry(pl, m)));
        }
        out.sort(Comparator.comparing(PoolEntry::reason).thenComparing(PoolEntry::creditCode));
        return out;
    }

    static PoolEntry entry(Placed pl, Membership m) {
        EnterpriseRef e = pl.enterprise();
        return new PoolEntry(e.id(), e.creditCode(), e.name(), e.regionCode(), m.tier(), m.reason(), m.reasonZh(),
                m.reasonEn(), m.rulesetRef(), m.gaps(), m.lapsed(), pl.standing().officialTier(m.tier().ladder()).orElse(null));
    }

    public static <T> ResultPage<T> page(List<T> all, int page, int size) {
        int from = Math.min(all.size(), (page - 1) * size);
        int to = Math.min(all.size(), from + size);
        return new ResultPage<>(List.copyOf(all.subList(from, to)), page, size, all.size(), (all.size() + size - 1) / size);
    }

    public static int pageNumber(String value) {
        if (value == null || value.isBlank()) return 1;
        try {
            int p = Integer.parseInt(value.strip());
            if (p >= 1) return p;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadParameterException("page", value, "页码须为 ≥ 1 的整数", "the page must be an integer ≥ 1");
    }

    public static int pageSize(String value) {
        if (value == null || value.isBlank()) return 50;
        try {
            int s = Integer.parseInt(value.strip());
            if (s >= 1 && s <= MAX_PAGE_SIZE) return s;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadParameterException("size", value, "每页条数须在 1–" + MAX_PAGE_SIZE + " 之间", "the page size must be 1–" + MAX_PAGE_SIZE);
    }

    /** Official-tier changes per ladder between two years, for every enterprise placed in either year. */
    @Transactional(readOnly = true)
    public List<Transition> transitions(CurrentUser user, String region, int from, int to) {
        if (from >= to) {
            throw new BadParameterException("to", String.valueOf(to), "须晚于 from（" + from + "）", "must be after from (" + from + ")");
        }
        String r = region(user, region);
        Map<Long, Placed> before = new LinkedHashMap<>();
        place(user, r, from).forEach(pl -> before.put(pl.enterprise().id(), pl));
        Map<Long, Placed> after = new LinkedHashMap<>();
        place(user, r, to).forEach(pl -> after.put(pl.enterprise().id(), pl));
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
