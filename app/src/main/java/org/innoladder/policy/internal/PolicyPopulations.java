package org.innoladder.policy.internal;

import org.innoladder.rules.policy.PolicyContext;
import org.innoladder.rules.policy.PolicyFacts;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;


import org.innoladder.enterprise.Populations;
import org.innoladder.policy.PolicyFactSource;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.rules.ladder.Tier;
import org.innoladder.rules.ladder.YearEndTier;
import org.innoladder.rules.Population;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Loads the population a policy is evaluated over, set-based: the facts of Y−4..Y of every enterprise of a region
 * subtree within the caller's scope (as evaluation runs do), and the policy context of Y from the recognition,
 * evaluation_result and (when present) enterprise_points tables, and the namespaces other modules supply through
 * {@link PolicyFactSource} (credit's loans). Context that is not there stays unknown.
 */
@Service
public class PolicyPopulations {
    private final JdbcClient jdbc;
    /** The sandbox asks the same population again and again while parameters change: keep it for a while. */
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private static final long CACHE_MILLIS = 120_000;

    private final Populations populations;
    private final List<PolicyFactSource> sources;

    public PolicyPopulations(JdbcClient jdbc, Populations populations, List<PolicyFactSource> sources) {
        this.populations = populations;
        this.jdbc = jdbc;
        this.sources = List.copyOf(sources);
    }

    /** A loaded population: facts + context, and each row's enterprise id and region code. */
    public record Loaded(PolicyFacts facts, long[] ids, String[] regions, long loadedAt) {
        public int indexOfId(long id) {
            for (int i = 0; i < ids.length; i++) if (ids[i] == id) return i;
            return -1;
        }
    }

    private record Cached(Loaded loaded) {
    }

    /** The same population as {@link #load}, reused for two minutes (the sandbox). */
    public Loaded cached(CurrentUser user, String regionCode, int year) {
        String key = PolicyScope.root(user) + "|" + user.scope().getClass().getSimpleName() + "|" + regionCode + "|" + year;
        Cached c = cache.get(key);
        if (c != null && System.currentTimeMillis() - c.loaded().loadedAt() < CACHE_MILLIS) return c.loaded();
        Loaded l = load(user, regionCode, year);
        cache.put(key, new Cached(l));
        return l;
    }

    /** Facts and context of every enterprise with a row for {@code year} in the region subtree and the user's scope. */
    public Loaded load(CurrentUser user, String regionCode, int year) {
        return load(user.scope(), regionCode, year);
    }

    /** The same within a data scope (one enterprise's, when its facts changed). */
    public Loaded load(DataScope dataScope, String regionCode, int year) {
        DataScope.SqlFilter scope = dataScope.enterpriseFilter("e");
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("year", year);
        params.put("region", (regionCode == null ? "" : regionCode) + "%");
        params.put("year_end", Date.valueOf(LocalDate.of(year, 12, 31)));
        String where = scope.sql() + " AND e.region_code LIKE :region";
        List<FactRow> rows = new ArrayList<>();
        Map<String, Long> idByCode = new HashMap<>();
        Map<String, String> regionByCode = new HashMap<>();
        populations.read(Populations.Query.of(year, regionCode == null ? "" : regionCode).within(dataScope).byEnterprise(),
                (id, row) -> {
                    if (idByCode.putIfAbsent(row.creditCode(), id) == null) {
                        regionByCode.put(row.creditCode(), row.text(org.innoladder.rules.facts.Column.REGION_CODE));
                    }
                    rows.add(row);
                });
        PolicyFacts facts = PolicyFacts.of(Population.of(rows, year));
        int n = facts.size();
        long[] ids = new long[n];
        String[] regions = new String[n];
        Map<Long, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            String code = facts.population().creditCode(i);
            ids[i] = idByCode.get(code);
            regions[i] = regionByCode.get(code);
            index.put(ids[i], i);
        }
        context(facts, index, where, params, year);
        supplied(facts, index, regionCode == null ? "" : regionCode, year);
        return new Loaded(facts, ids, regions, System.currentTimeMillis());
    }

    /** The namespaces other modules supply; a source may fill only names of its own namespace. */
    private void supplied(PolicyFacts facts, Map<Long, Integer> index, String regionPrefix, int year) {
        for (PolicyFactSource source : sources) {
            String prefix = source.namespace() + ".";
            source.supply(new PolicyFactSource.Population() {
                public int year() { return year; }

                public String regionPrefix() { return regionPrefix; }

                public int rowOf(long enterpriseId) { return index.getOrDefault(enterpriseId, -1); }

                public double[] column(String name, double initial) {
                    if (!name.startsWith(prefix) || PolicyContext.slotOf(name) < 0) {
                        throw new IllegalArgumentException("the " + source.namespace() + " source may not fill " + name);
                    }
                    double[] a = new double[facts.size()];
                    Arrays.fill(a, initial);
                    facts.setColumn(name, a);
                    return a;
                }
            });
        }
    }

    /** A recognition of an enterprise of the population. */
    private record Held(Tier tier, LocalDate issuedOn, LocalDate expiresOn) {
    }

    private void context(PolicyFacts facts, Map<Long, Integer> index, String where, Map<String, Object> params, int year) {
        int n = facts.size();
        Tier[] kinds = Tier.values();
        double[][] held = new double[kinds.length][n], first = new double[kinds.length][n], latest = new double[kinds.length][n],
                expiry = new double[kinds.length][n];
        // The recognition lists are the register: no certificate is a known "none", not unknown.
        for (int k = 0; k < kinds.length; k++) Arrays.fill(expiry[k], 0);
        List<List<Held>> recognitions = new ArrayList<>(n);
        for (int i = 0; i < n; i++) recognitions.add(new ArrayList<>(2));
        jdbc.sql("SELECT r.enterprise_id, r.kind, r.issued_on, r.expires_on FROM recognition r JOIN enterprise e ON e.id = r.enterprise_id"
                + " WHERE r.issued_on <= :year_end AND " + where).params(params).query(rs -> {
            Integer i = index.get(rs.getLong(1));
            if (i == null) return;
            int k = Tier.valueOf(rs.getString(2)).ordinal();
            LocalDate issued = rs.getDate(3).toLocalDate();
            Date e = rs.getDate(4);
            LocalDate expires = e == null ? null : e.toLocalDate();
            if (YearEndTier.validAtYearEnd(issued, expires, year)) held[k][i] = 1;
            recognitions.get(i).add(new Held(Tier.valueOf(rs.getString(2)), issued, expires));
            int y = issued.getYear();
            if (first[k][i] == 0 || y < first[k][i]) first[k][i] = y;
            if (y >= latest[k][i]) {
                latest[k][i] = y;
                expiry[k][i] = expires == null ? Double.NaN : expires.getYear();
            }
        });
        for (int k = 0; k < kinds.length; k++) {
            String base = "rec." + kinds[k].name().toLowerCase(Locale.ROOT);
            facts.setColumn(base + ".held", held[k]);
            facts.setColumn(base + ".first_year", first[k]);
            facts.setColumn(base + ".latest_year", latest[k]);
            facts.setColumn(base + ".expiry_year", expiry[k]);
        }
        // Official tier per ladder: the highest tier in force on 31 December (YearEndTier; 0 = none).
        double[] growth = new double[n], miit = new double[n];
        for (int i = 0; i < n; i++) {
            Map<Tier.Ladder, Tier> official = YearEndTier.official(recognitions.get(i), year, h -> Optional.of(h.tier()),
                    Held::issuedOn, Held::expiresOn);
            growth[i] = official.containsKey(Tier.Ladder.GROWTH) ? official.get(Tier.Ladder.GROWTH).rank() : 0;
            miit[i] = official.containsKey(Tier.Ladder.MIIT) ? official.get(Tier.Ladder.MIIT).rank() : 0;
        }
        facts.setColumn("tier.growth.official", growth);
        facts.setColumn("tier.miit.official", miit);
        // Evaluation outcomes (the latest stored per ruleset id) and the eligible tier they imply.
        Map<String, double[]> outcomes = new HashMap<>();
        for (String r : PolicyContext.RULESETS) {
            double[] a = new double[n];
            Arrays.fill(a, Double.NaN);
            outcomes.put(r, a);
        }
        jdbc.sql("""
                SELECT DISTINCT ON (er.enterprise_id, er.ruleset_id) er.enterprise_id, er.ruleset_id, er.outcome
                FROM evaluation_result er JOIN enterprise e ON e.id = er.enterprise_id
                WHERE er.year = :year AND %s
                ORDER BY er.enterprise_id, er.ruleset_id, er.evaluated_at DESC, er.ruleset_version DESC""".formatted(where))
                .params(params).query(rs -> {
                    Integer i = index.get(rs.getLong(1));
                    double[] a = outcomes.get(rs.getString(2));
                    if (i == null || a == null) return;
                    String o = rs.getString(3);
                    a[i] = o.equals("QUALIFIED") ? 1 : o.equals("NOT_QUALIFIED") ? 0 : Double.NaN;
                });
        outcomes.forEach((r, a) -> facts.setColumn("eval." + r, a));
        for (Tier.Ladder ladder : Tier.Ladder.values()) {
            double[] eligible = new double[n];
            Arrays.fill(eligible, Double.NaN);
            for (Tier t : Tier.of(ladder)) {
                if (t.rulesetId().isEmpty() || !outcomes.containsKey(t.rulesetId().get())) continue;
                double[] a = outcomes.get(t.rulesetId().get());
                for (int i = 0; i < n; i++) {
                    if (Double.isNaN(a[i])) continue;
                    if (Double.isNaN(eligible[i])) eligible[i] = 0;
                    if (a[i] == 1 && t.rank() > eligible[i]) eligible[i] = t.rank();
                }
            }
            facts.setColumn("tier." + ladder.name().toLowerCase(Locale.ROOT) + ".eligible", eligible);
        }
        // Innovation points of the last points run (docs/points.md); an enterprise not scored = unknown.
        jdbc.sql("SELECT p.enterprise_id, p.stage, p.total, p.percentile FROM enterprise_points p"
                + " JOIN enterprise e ON e.id = p.enterprise_id WHERE p.year = :year AND " + where).params(params).query(rs -> {
            Integer i = index.get(rs.getLong(1));
            if (i == null) return;
            facts.set("points.stage", i, rs.getString(2));
            facts.set("points.total", i, rs.getDouble(3));
            facts.set("points.percentile", i, rs.getDouble(4));
        });
    }
}
