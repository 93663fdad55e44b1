package org.innoladder.ladder;

import org.innoladder.region.Regions;
import org.innoladder.rules.ladder.Tier;
import java.sql.Date;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Year;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.innoladder.audit.AuditTrail;
import org.innoladder.evaluation.EvaluationStored;
import org.innoladder.evaluation.StoredNearRatios;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.identity.Role;
import org.innoladder.identity.WriteScope;
import org.innoladder.importer.FileKind;
import org.innoladder.importer.ImportCommitted;
import org.innoladder.ladder.TierDecision.Evaluated;
import org.innoladder.rules.Outcome;
import org.innoladder.web.BadParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.innoladder.jobs.JobHandler;
import org.innoladder.jobs.JobRequest;
import org.innoladder.jobs.Jobs;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ladder snapshot: tables {@code ladder_standing} (one row per enterprise and year) and {@code ladder_pool} (one
 * row per reserve-pool membership), recomputed set-based from {@code recognition} and {@code evaluation_result} for
 * a year and a set of enterprises (a region subtree, every enterprise, or those of an import batch). The NEAR rule's
 * decision tree is the evaluation's: it stores each result's near ratio ({@code evaluation_result.near_ratio}), and
 * the snapshot only compares it with the configured ratio. {@link TierDecision} stays the specification: tests
 * check the snapshot equals its decision for every enterprise.
 *
 * <p>Refreshed after every evaluation run ({@link EvaluationStored}) and every import ({@link ImportCommitted}) has
 * committed, in a transaction of its own (application-module listeners: an event whose refresh failed or was cut
 * off is delivered again at the next start; each delivery is listed as a job of kind {@value #REFRESH_JOB}), and on
 * demand by ADMIN/BUREAU.
 */
@Service
public class LadderSnapshot {
    private static final Logger log = LoggerFactory.getLogger(LadderSnapshot.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final AuditTrail audit;
    private final LadderService ladder;
    private final StoredNearRatios nearRatios;
    private final Regions regions;
    private final Jobs jobs;
    /** The kind of the job each listener's refresh is listed as. */
    static final String REFRESH_JOB = "ladder-refresh";

    public LadderSnapshot(NamedParameterJdbcTemplate jdbc, AuditTrail audit, LadderService ladder, StoredNearRatios nearRatios,
                          Regions regions, Jobs jobs) {
        this.regions = regions;
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.nearRatios = nearRatios;
        this.audit = audit;
        this.ladder = ladder;
    }

    /**
     * Which enterprises a refresh recomputes: a WHERE fragment over the {@code enterprise} alias {@code e}. A region
     * target recounts its regions; a target of named enterprises ({@code few}) only moves the counts by what those
     * enterprises contributed before and after, so its cost follows the enterprises, not the regions they live in.
     */
    public record Target(String sql, Map<String, Object> params, String regionCode, boolean few) {
        public static Target all() {
            return new Target("true", Map.of(), null, false);
        }

        public static Target region(String prefix) {
            return prefix == null ? all() : new Target("e.region_code LIKE :t_region", Map.of("t_region", prefix + "%"), prefix, false);
        }

        /** The enterprises a recognition import named. */
        public static Target batch(long batchId) {
            return new Target("e.id IN (SELECT enterprise_id FROM recognition WHERE batch_id = :t_batch)", Map.of("t_batch", batchId),
                    null, true);
        }

        public static Target enterprises(Collection<Long> ids) {
            if (ids.isEmpty()) return new Target("false", Map.of(), null, true);
            return new Target("e.id IN (:t_ids)", Map.of("t_ids", List.copyOf(ids)), null, true);
        }
    }

    public record Refreshed(int year, int standings, int poolRows, long millis) {
    }

    // ---- SQL vocabulary over the Tier enum (the enum stays the only place that knows the order) ----------------

    /** {@code ARRAY['TSME', …]}: a tier's position in it is its ordinal + 1, increasing up each ladder. */
    static String tierArray() {
        return Arrays.stream(Tier.values()).map(t -> "'" + t.name() + "'").collect(Collectors.joining(",", "ARRAY[", "]::text[]"));
    }

    /** The tiers as a relation: kind, ladder, pos (ordinal + 1), bit (ordinal), ruleset id, rank on its ladder. */
    static String tierRelation() {
        return Arrays.stream(Tier.values()).map(t -> "('%s','%s',%d,%d,%s,%d)".formatted(t.name(), t.ladder(), t.ordinal() + 1,
                t.ordinal(), t.rulesetId().map(r -> "'" + r + "'").orElse("NULL"), t.rank()))
                .collect(Collectors.joining(",", "(VALUES ", ") AS t(kind, ladder, pos, bit, ruleset_id, rank)"));
    }

    static String rulesetIds() {
        return Arrays.stream(Tier.values()).flatMap(t -> t.rulesetId().stream()).map(r -> "'" + r + "'")
                .collect(Collectors.joining(",", "(", ")"));
    }

    // ---- refresh --------------------------------------------------------------------------------------------

    /** Recomputes the year for the target's enterprises, recording the refresh under {@code trigger}. */
    @Transactional
    public Refreshed refresh(int year, Target target, String trigger) {
        long started = System.nanoTime();
        // one refresh at a time: an import and an evaluation run finishing together would insert the same rows
        jdbc.getJdbcTemplate().query("SELECT pg_advisory_xact_lock(hashtext('ladder_snapshot'))", rs -> { });
        nearRatios.fillMissing(year);
        MapSqlParameterSource p = new MapSqlParameterSource(target.params()).addValue("year", year)
                .addValue("year_start", Date.valueOf(LocalDate.of(year, 1, 1)))
                .addValue("year_end", Date.valueOf(LocalDate.of(year, 12, 31)));
        String mine = "EXISTS (SELECT 1 FROM enterprise e WHERE e.id = x.enterprise_id AND " + target.sql() + ")";
        if (target.sql().equals("true")) mine = "true";
        boolean delta = target.few() && countedAt(year, ladder.reserveMaxGapRatio());
        Map<Count.Key, Integer> before = delta ? contributions(year, target, true) : Map.of();
        jdbc.update("DELETE FROM ladder_pool x WHERE x.year = :year AND " + mine, p);
        jdbc.update("DELETE FROM ladder_standing x WHERE x.year = :year AND " + mine, p);
        jdbc.getJdbcTemplate().execute("CREATE TEMP TABLE IF NOT EXISTS ladder_ev (enterprise_id bigint, ruleset_id text,"
                + " ref text, outcome text, near_ratio double precision) ON COMMIT DROP");
        jdbc.getJdbcTemplate().execute("TRUNCATE ladder_ev");
        // the latest stored result per ruleset id decides (a region that switches its gazelle form re-runs it)
        jdbc.update("""
                INSERT INTO ladder_ev
                SELECT DISTINCT ON (er.enterprise_id, er.ruleset_id) er.enterprise_id, er.ruleset_id,
                       er.ruleset_id || '@' || er.ruleset_version, er.outcome, er.near_ratio
                FROM evaluation_result er JOIN enterprise e ON e.id = er.enterprise_id
                WHERE er.year = :year AND er.ruleset_id IN %s AND %s
                ORDER BY er.enterprise_id, er.ruleset_id, er.evaluated_at DESC, er.ruleset_version DESC
                """.formatted(rulesetIds(), target.sql()), p);
        jdbc.getJdbcTemplate().execute("ANALYZE ladder_ev");
        int standings = jdbc.update("""
                WITH rec AS (
                    SELECT r.enterprise_id, t.kind, t.ladder, t.pos, t.bit, r.expires_on,
                           (r.expires_on IS NULL OR r.expires_on >= :year_end) AS valid
                    FROM recognition r JOIN enterprise e ON e.id = r.enterprise_id JOIN %1$s ON t.kind = r.kind
                    WHERE r.issued_on <= :year_end AND (r.expires_on IS NULL OR r.expires_on >= :year_start) AND %2$s
                ), rec_agg AS (
                    SELECT enterprise_id,
                           coalesce(bit_or(1 << bit) FILTER (WHERE valid), 0) AS held,
                           coalesce(bit_or(1 << bit) FILTER (WHERE NOT valid), 0) AS lapsed,
                           (array_agg(kind ORDER BY pos DESC, expires_on DESC NULLS FIRST) FILTER (WHERE valid AND ladder = 'GROWTH'))[1] AS g_off,
                           (array_agg(expires_on ORDER BY pos DESC, expires_on DESC NULLS FIRST) FILTER (WHERE valid AND ladder = 'GROWTH'))[1] AS g_exp,
                           (array_agg(kind ORDER BY pos DESC, expires_on DESC NULLS FIRST) FILTER (WHERE valid AND ladder = 'MIIT'))[1] AS m_off,
                           (array_agg(expires_on ORDER BY pos DESC, expires_on DESC NULLS FIRST) FILTER (WHERE valid AND ladder = 'MIIT'))[1] AS m_exp
                    FROM rec GROUP BY enterprise_id
                ), ev_agg AS (
                    SELECT v.enterprise_id,
                           coalesce(bit_or(1 << t.bit) FILTER (WHERE v.outcome = 'QUALIFIED'), 0) AS qualified,
                           (array_agg(t.kind ORDER BY t.pos DESC) FILTER (WHERE v.outcome = 'QUALIFIED' AND t.ladder = 'GROWTH'))[1] AS g_el,
                           (array_agg(t.kind ORDER BY t.pos DESC) FILTER (WHERE v.outcome = 'QUALIFIED' AND t.ladder = 'MIIT'))[1] AS m_el
                    FROM ladder_ev v JOIN %1$s ON t.ruleset_id = v.ruleset_id
                    GROUP BY v.enterprise_id
                )
                INSERT INTO ladder_standing (year, enterprise_id, credit_code, region_code, county_code, town_code, growth_official,
                       growth_official_expires, miit_official, miit_official_expires, growth_eligible, miit_eligible,
                       held_mask, qualified_mask, lapsed_mask, computed_at)
                SELECT :year, e.id, e.credit_code, e.region_code, e.county_code, e.town_code, ra.g_off, ra.g_exp, ra.m_off, ra.m_exp,
                       ea.g_el, ea.m_el, coalesce(ra.held, 0), coalesce(ea.qualified, 0), coalesce(ra.lapsed, 0), now()
                FROM rec_agg ra FULL JOIN ev_agg ea ON ea.enterprise_id = ra.enterprise_id
                JOIN enterprise e ON e.id = coalesce(ra.enterprise_id, ea.enterprise_id)
                """.formatted(tierRelation(), target.sql()), p);
        // pool of tier T: not official at T or above on T's ladder; QUALIFIED, UNDETERMINED from the rung below
        // (TierDecision.decide), or near at some ratio
        int pool = jdbc.update("""
                INSERT INTO ladder_pool (year, tier, enterprise_id, credit_code, reason, near_ratio, lapsed, ruleset_ref,
                       region_code, county_code, town_code)
                SELECT :year, t.kind, v.enterprise_id, s.credit_code,
                       CASE WHEN v.outcome = 'NOT_QUALIFIED' THEN 'NEAR' ELSE v.outcome END,
                       CASE WHEN v.outcome = 'NOT_QUALIFIED' THEN v.near_ratio END,
                       (s.lapsed_mask & (1 << t.bit)) <> 0, v.ref, s.region_code, s.county_code, s.town_code
                FROM ladder_ev v JOIN %1$s ON t.ruleset_id = v.ruleset_id
                JOIN ladder_standing s ON s.year = :year AND s.enterprise_id = v.enterprise_id
                WHERE (v.outcome <> 'NOT_QUALIFIED' OR v.near_ratio < 'Infinity')
                  AND coalesce(array_position(%2$s, CASE t.ladder WHEN 'GROWTH' THEN s.growth_official ELSE s.miit_official END), 0) < t.pos
                  AND (v.outcome <> 'UNDETERMINED' OR t.rank = 1 OR greatest(
                        coalesce(array_position(%2$s, CASE t.ladder WHEN 'GROWTH' THEN s.growth_official ELSE s.miit_official END), 0),
                        coalesce(array_position(%2$s, CASE t.ladder WHEN 'GROWTH' THEN s.growth_eligible ELSE s.miit_eligible END), 0))
                      >= t.pos - 1)
                """.formatted(tierRelation(), tierArray()), p);
        jdbc.getJdbcTemplate().execute("TRUNCATE ladder_ev");
        if (delta) {
            moveCounts(before, contributions(year, target, true));
        } else {
            count(year, target);
            // statistics for the rows just replaced: the next refresh of a few enterprises reads these tables by
            // enterprise, and before autovacuum catches up its plans were up to ten times slower (DashboardBenchmark)
            jdbc.getJdbcTemplate().execute("ANALYZE ladder_standing, ladder_pool");
        }
        // the changes into this year, and into the next one when it has been refreshed, compare with these standings
        storeTransitions(year, target);
        if (refreshed(year + 1)) storeTransitions(year + 1, target);
        long millis = (System.nanoTime() - started) / 1_000_000;
        jdbc.update("""
                INSERT INTO ladder_refresh (year, region_code, trigger, standings, pool_rows, millis)
                VALUES (:year, :region, :trigger, :standings, :pool, :millis)""",
                new MapSqlParameterSource("year", year).addValue("region", target.regionCode()).addValue("trigger", trigger)
                        .addValue("standings", standings).addValue("pool", pool).addValue("millis", (int) Math.min(Integer.MAX_VALUE, millis)));
        log.debug("ladder snapshot {} for {} ({}): {} standings, {} pool rows in {} ms", year, target.regionCode(), trigger,
                standings, pool, millis);
        return new Refreshed(year, standings, pool, millis);
    }

    /** Standing and pool figures as ladder_count rows: (region code, county, town, tier, figure, n). */
    private record Count(int year, String region, String county, String town, String tier, String figure, int n) {
        Key key() {
            return new Key(year, region, county, town, tier, figure);
        }

        /** A ladder_count row without its count (county and town follow the region code). */
        record Key(int year, String region, String county, String town, String tier, String figure) {
        }
    }

    /**
     * The counts of the year (and the changes of the year after, which compare with this one) for every region code
     * the target's enterprises are registered in, recomputed from the snapshot tables.
     */
    void count(int year, Target target) {
        double ratio = ladder.reserveMaxGapRatio();
        String affected = target.sql().equals("true") ? "true"
                : "coalesce(%1$s.region_code, '') IN (SELECT DISTINCT coalesce(e.region_code, '') FROM enterprise e WHERE " + target.sql() + ")";
        MapSqlParameterSource p = new MapSqlParameterSource(target.params()).addValue("year", year).addValue("ratio", ratio);
        jdbc.update("DELETE FROM ladder_count c WHERE c.year = :year AND " + affected.formatted("c"), p);
        insert(standingAndPoolCounts(year, affected, p), ratio);
        changes(year, affected, p);
        if (refreshed(year + 1)) changes(year + 1, affected, new MapSqlParameterSource(target.params()).addValue("ratio", ratio));
    }

    /** Standing and pool figures of the year per region code, over the snapshot rows that {@code where} admits. */
    private List<Count> standingAndPoolCounts(int year, String where, MapSqlParameterSource p) {
        List<Count> counts = new ArrayList<>();
        List<String> figures = LadderService.STANDING_FIGURES;
        jdbc.query("SELECT coalesce(s.region_code, ''), min(s.county_code), min(s.town_code)" + LadderService.standingCounts()
                + " FROM ladder_standing s WHERE s.year = :year AND " + where.formatted("s") + " GROUP BY 1", p, rs -> {
            for (Tier t : Tier.values()) {
                for (int f = 0; f < figures.size(); f++) {
                    int n = rs.getInt(4 + t.ordinal() * figures.size() + f);
                    if (n > 0) counts.add(new Count(year, rs.getString(1), rs.getString(2), rs.getString(3), t.name(), figures.get(f), n));
                }
            }
        });
        jdbc.query("SELECT coalesce(p.region_code, ''), min(p.county_code), min(p.town_code), p.tier, 'POOL_' || p.reason, count(*)"
                + " FROM ladder_pool p WHERE p.year = :year AND (p.reason <> 'NEAR' OR p.near_ratio <= :ratio) AND "
                + where.formatted("p") + " GROUP BY 1, 4, 5", p, rs -> {
            counts.add(new Count(year, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6)));
        });
        return counts;
    }

    /** Official-tier changes from year−1 to year, counted per region code (stored under the later year). */
    private void changes(int year, String affected, MapSqlParameterSource params) {
        params.addValue("year", year);
        jdbc.update("DELETE FROM ladder_count c WHERE c.year = :year AND c.figure LIKE 'CHANGE%' AND " + affected.formatted("c"), params);
        insert(changeCounts(year, ladder.source(new DataScope.All(), "s"), affected, params), ladder.reserveMaxGapRatio());
    }

    private List<Count> changeCounts(int year, LadderService.Source src, String where, MapSqlParameterSource params) {
        MapSqlParameterSource p = ladder.transitionParams(src, null, year - 1, year).addValues(params.getValues());
        List<Count> counts = new ArrayList<>();
        jdbc.query("SELECT coalesce(t.region_code, ''), min(t.county_code), min(t.town_code), 'CHANGE_' || t.change, count(*) FROM ("
                + ladder.transitionSql(src) + ") t WHERE t.change IS NOT NULL AND " + where.formatted("t") + " GROUP BY 1, 4", p, rs -> {
            counts.add(new Count(year, rs.getString(1), rs.getString(2), rs.getString(3), "", rs.getString(4), rs.getInt(5)));
        });
        return counts;
    }

    /**
     * The target's official-tier changes from year − 1 to year, decided by {@link LadderService#transitionSql} over
     * their standings of both years, replace what {@code ladder_transition} held for them.
     */
    void storeTransitions(int year, Target target) {
        String mine = target.sql().equals("true") ? "true"
                : "%1$s.enterprise_id IN (SELECT e.id FROM enterprise e WHERE " + target.sql() + ")";
        LadderService.Source src = new LadderService.Source("", "s", new DataScope.SqlFilter(mine.formatted("s"), Map.of()));
        MapSqlParameterSource p = ladder.transitionParams(src, null, year - 1, year).addValues(target.params()).addValue("t_year", year);
        jdbc.update("DELETE FROM ladder_transition x WHERE x.year = :t_year AND " + mine.formatted("x"), p);
        jdbc.update("INSERT INTO ladder_transition (year, enterprise_id, ladder, from_tier, to_tier, change, credit_code, region_code,"
                + " county_code, town_code) SELECT :t_year, t.enterprise_id, t.ladder, t.from_tier, t.to_tier, t.change, t.credit_code,"
                + " t.region_code, t.county_code, t.town_code FROM (" + ladder.transitionSql(src) + ") t WHERE t.change IS NOT NULL", p);
    }

    private boolean refreshed(int year) {
        return jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM ladder_refresh WHERE year = :year)",
                new MapSqlParameterSource("year", year), Boolean.class);
    }

    /**
     * Whether the year's stored counts can be moved by deltas: they exist, and their pools were counted at the ratio
     * in force (a changed ratio needs a recount).
     */
    private boolean countedAt(int year, double ratio) {
        return refreshed(year) && !jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM ladder_count WHERE year IN (:year, :next) AND ratio <> :ratio)",
                new MapSqlParameterSource("year", year).addValue("next", year + 1).addValue("ratio", ratio), Boolean.class);
    }

    /**
     * What the target's enterprises add to the stored counts: their standings and pools of the year, their changes into
     * the year and, with {@code next}, into the next year, which compares with this one (every figure is a sum over
     * enterprises, so counts move by the difference).
     */
    private Map<Count.Key, Integer> contributions(int year, Target target, boolean next) {
        MapSqlParameterSource p = new MapSqlParameterSource(target.params()).addValue("year", year)
                .addValue("ratio", ladder.reserveMaxGapRatio());
        String mine = "%1$s.enterprise_id IN (SELECT e.id FROM enterprise e WHERE " + target.sql() + ")";
        LadderService.Source src = new LadderService.Source("", "s", new DataScope.SqlFilter(mine.formatted("s"), Map.of()));
        List<Count> counts = new ArrayList<>(standingAndPoolCounts(year, mine, p));
        counts.addAll(changeCounts(year, src, "true", new MapSqlParameterSource(p.getValues())));
        if (next && refreshed(year + 1)) counts.addAll(changeCounts(year + 1, src, "true", new MapSqlParameterSource(p.getValues())));
        Map<Count.Key, Integer> byKey = new HashMap<>();
        for (Count c : counts) byKey.merge(c.key(), c.n(), Integer::sum);
        return byKey;
    }

    /** The target's contributions to the counts of every one of {@code years}, each change counted under its later year once. */
    private Map<Count.Key, Integer> contributions(List<Integer> years, Target target) {
        Map<Count.Key, Integer> sum = new HashMap<>();
        for (int year : years) contributions(year, target, false).forEach((k, n) -> sum.merge(k, n, Integer::sum));
        return sum;
    }

    /** Moves the stored counts from what the enterprises contributed before to what they contribute now. */
    private void moveCounts(Map<Count.Key, Integer> before, Map<Count.Key, Integer> after) {
        Map<Count.Key, Integer> delta = new HashMap<>(after);
        before.forEach((k, n) -> delta.merge(k, -n, Integer::sum));
        double ratio = ladder.reserveMaxGapRatio();
        List<Object[]> rows = delta.entrySet().stream().filter(d -> d.getValue() != 0).map(d -> new Object[] {d.getKey().year(),
                d.getKey().region(), d.getKey().county(), d.getKey().town(), d.getKey().tier(), d.getKey().figure(), d.getValue(), ratio}).toList();
        jdbc.getJdbcTemplate().batchUpdate("""
                INSERT INTO ladder_count AS c (year, region_code, county_code, town_code, tier, figure, n, ratio)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (year, region_code, tier, figure) DO UPDATE SET n = c.n + excluded.n""", rows);
        jdbc.getJdbcTemplate().batchUpdate("DELETE FROM ladder_count WHERE year = ? AND region_code = ? AND tier = ? AND figure = ? AND n = 0",
                rows.stream().map(r -> new Object[] {r[0], r[1], r[4], r[5]}).toList());
    }

    private void insert(List<Count> counts, double ratio) {
        List<Object[]> rows = counts.stream().map(c -> new Object[] {c.year(), c.region(), c.county(), c.town(), c.tier(), c.figure(),
                c.n(), ratio}).toList();
        jdbc.getJdbcTemplate().batchUpdate("INSERT INTO ladder_count (year, region_code, county_code, town_code, tier, figure, n, ratio)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    /**
     * The year asked for, or the latest year with a snapshot (the year before this one when there is none): the
     * year every ladder, dashboard and policy page opens on, so a newcomer lands on figures rather than an empty year.
     */
    public int yearOrLatest(String year) {
        if (year != null && !year.isBlank()) return LadderService.year("year", year);
        List<Integer> years = years();
        return years.isEmpty() ? Year.now().getValue() - 1 : years.get(0);
    }

    /** Every year with a snapshot, newest first. */
    public List<Integer> years() {
        return jdbc.getJdbcTemplate().queryForList("SELECT DISTINCT year FROM ladder_refresh ORDER BY year DESC", Integer.class);
    }

    /** When the year's snapshot was last computed for the region (or a region containing it, or every region). */
    public Optional<OffsetDateTime> computedAt(int year, String region) {
        return jdbc.query("""
                SELECT max(refreshed_at) FROM ladder_refresh
                WHERE year = :year AND (region_code IS NULL OR :region LIKE region_code || '%')""",
                new MapSqlParameterSource("year", year).addValue("region", region == null ? "" : region),
                rs -> rs.next() ? Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)) : Optional.empty());
    }

    // ---- triggers -------------------------------------------------------------------------------------------

    @ApplicationModuleListener
    public void evaluationStored(EvaluationStored e) {
        jobs.track(new JobRequest(REFRESH_JOB, e.startedBy(), e.regionCode(), e.year(), null,
                Map.of("evaluationRunId", String.valueOf(e.runId()))), job -> {
            job.progress("refreshing", 0, null);
            refresh(e.year(), Target.region(e.regionCode()), "evaluation_run:" + e.runId());
            return JobHandler.Finished.done("梯度快照已更新 / ladder snapshot refreshed");
        });
    }

    /**
     * A recognition import changes standings of its enterprises in every year they have data, a snapshot or results
     * for; an enterprise-year import may move enterprises to another region, which the copied region columns follow.
     */
    @ApplicationModuleListener
    public void importCommitted(ImportCommitted e) {
        jobs.track(new JobRequest(REFRESH_JOB, "system", null, null, null, Map.of("importBatchId", String.valueOf(e.batchId()))),
                job -> {
                    job.progress("refreshing", 0, null);
                    followImport(e);
                    return JobHandler.Finished.done("梯度快照已更新 / ladder snapshot refreshed");
                });
    }

    private void followImport(ImportCommitted e) {
        if (e.kind() == FileKind.RECOGNITION) {
            Target target = Target.batch(e.batchId());
            TreeSet<Integer> years = new TreeSet<>(jdbc.queryForList("""
                    SELECT year FROM ladder_refresh
                    UNION SELECT DISTINCT y.year FROM enterprise_year y WHERE y.enterprise_id IN
                          (SELECT enterprise_id FROM recognition WHERE batch_id = :t_batch)
                    UNION SELECT DISTINCT er.year FROM evaluation_result er WHERE er.enterprise_id IN
                          (SELECT enterprise_id FROM recognition WHERE batch_id = :t_batch)""",
                    target.params(), Integer.class));
            for (int year : years) refresh(year, target, "import_batch:" + e.batchId());
        } else {
            syncRegions();
        }
    }

    /**
     * The copied region columns follow enterprises that an import moved, and the counts follow them: moved by what
     * those enterprises contributed before and after, or recounted where the stored counts cannot be moved.
     */
    @Transactional
    public int syncRegions() {
        jdbc.getJdbcTemplate().query("SELECT pg_advisory_xact_lock(hashtext('ladder_snapshot'))", rs -> { });
        List<Long> moved = jdbc.getJdbcTemplate().queryForList("""
                SELECT x.enterprise_id FROM ladder_standing x JOIN enterprise e ON e.id = x.enterprise_id
                WHERE x.region_code IS DISTINCT FROM e.region_code
                UNION SELECT x.enterprise_id FROM ladder_pool x JOIN enterprise e ON e.id = x.enterprise_id
                WHERE x.region_code IS DISTINCT FROM e.region_code""", Long.class);
        if (moved.isEmpty()) return 0;
        Target target = Target.enterprises(moved);
        double ratio = ladder.reserveMaxGapRatio();
        List<Integer> years = years().stream().sorted().toList();
        List<Integer> movable = years.stream().filter(y -> countedAt(y, ratio)).toList();
        Map<Count.Key, Integer> before = contributions(movable, target);
        int n = 0;
        for (String table : List.of("ladder_standing", "ladder_pool", "ladder_transition")) {
            n += jdbc.update("UPDATE " + table + " x SET region_code = e.region_code, county_code = e.county_code,"
                    + " town_code = e.town_code FROM enterprise e WHERE e.id = x.enterprise_id AND x.enterprise_id IN (:moved)"
                    + " AND x.region_code IS DISTINCT FROM e.region_code", new MapSqlParameterSource("moved", moved));
        }
        moveCounts(before, contributions(movable, target));
        for (int year : years) if (!movable.contains(year)) count(year, Target.all());
        return n;
    }

    /**
     * The region a manual refresh recomputes: blank means the root of the caller's write scope (every region for
     * ADMIN); otherwise an existing region inside it (403 outside: a refresh rewrites the region's standings).
     */
    public String refreshRegion(CurrentUser user, String region) {
        if (user.role() != Role.ADMIN && user.role() != Role.BUREAU) {
            throw new AccessDeniedException("only ADMIN and BUREAU refresh the ladder snapshot");
        }
        String r = region == null || region.isBlank() ? null : region.strip();
        if (r == null) return WriteScope.of(user) instanceof DataScope.RegionSubtree s ? s.regionCode() : null;
        if (!r.matches("[0-9]{2,9}")) {
            throw new BadParameterException("region", r, "区划代码须为 2–9 位数字", "a region code is 2 to 9 digits");
        }
        if (!regions.exists(r)) throw new BadParameterException("region", r, "区划代码不存在", "no such region code");
        WriteScope.requireRegion(user, r, "region");
        return r;
    }

    /** The refresh action of the pages: ADMIN and BUREAU, within their write scope, audited. */
    @Transactional
    public Refreshed refreshFor(CurrentUser user, int year, String region, String sourceIp) {
        region = refreshRegion(user, region);
        Refreshed r = refresh(year, Target.region(region), "manual:" + user.username());
        audit.record(user.username(), "ladder.snapshot.refresh", "ladder_standing:" + year + ":" + (region == null ? "all" : region),
                "{\"standings\":%d,\"pool\":%d,\"millis\":%d}".formatted(r.standings(), r.poolRows(), r.millis()), sourceIp);
        return r;
    }
}
