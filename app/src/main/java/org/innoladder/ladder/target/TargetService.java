package org.innoladder.ladder.target;

import org.innoladder.region.Regions;
import java.util.ArrayList;
import org.springframework.modulith.NamedInterface;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.identity.WriteScope;
import org.innoladder.ladder.LadderService;
import org.innoladder.ladder.TargetMetric;
import org.innoladder.rules.ladder.Tier;
import org.innoladder.web.BadParameterException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Targets per region subtree, year, metric and tier, with progress and forecast computed from
 * {@link LadderService}'s figures (one code path with the ladder pages) by {@link TargetProgress}.
 * ADMIN and BUREAU set targets within their scope; every role of the ladder reads those within its scope.
 * Beside the per-tier {@link Metric}s, other modules contribute metrics without a tier ({@link TargetMetric}).
 */
@Service
@NamedInterface("targets")
public class TargetService {
    private final JdbcClient jdbc;
    private final LadderService ladder;
    private final AuditTrail audit;
    private final TargetProgress.Weights weights;

    private final Regions regions;
    /** Contributed metrics by code, in code order. */
    private final Map<String, TargetMetric> contributed = new LinkedHashMap<>();

    public TargetService(Regions regions, JdbcClient jdbc, LadderService ladder, AuditTrail audit, List<TargetMetric> contributed,
                         @Value("${innoladder.ladder.forecast-weight.qualified:1.0}") double qualified,
                         @Value("${innoladder.ladder.forecast-weight.undetermined:0.5}") double undetermined,
                         @Value("${innoladder.ladder.forecast-weight.near:0.25}") double near) {
        this.regions = regions;
        this.jdbc = jdbc;
        this.ladder = ladder;
        this.audit = audit;
        this.weights = new TargetProgress.Weights(qualified, undetermined, near);
        contributed.stream().sorted(java.util.Comparator.comparing(TargetMetric::code)).forEach(m -> {
            if (!m.code().matches("[A-Z][A-Z0-9_]{1,39}") || Metric.parse(m.code()).isPresent() || this.contributed.put(m.code(), m) != null) {
                throw new IllegalStateException("target metric code " + m.code() + " is malformed or taken twice");
            }
        });
    }

    /** A metric a target may be set on: the ladder's per-tier ones, then the contributed ones. */
    public record MetricChoice(String code, String nameZh, String nameEn, boolean perTier) {
    }

    public List<MetricChoice> metrics() {
        List<MetricChoice> out = new ArrayList<>();
        for (Metric m : Metric.values()) out.add(new MetricChoice(m.name(), m.nameZh(), m.nameEn(), true));
        contributed.values().forEach(m -> out.add(new MetricChoice(m.code(), m.nameZh(), m.nameEn(), false)));
        return out;
    }

    public TargetProgress.Weights weights() { return weights; }

    /** {@code metric}: a {@link Metric} or a contributed metric's code; {@code tier} null for a contributed metric. */
    public record Target(long id, String regionCode, int year, String metric, Tier tier, long value, String createdBy) {
    }

    /**
     * A target with its progress. {@code metric}: the code; {@code tier}, {@code tierZh}, {@code tierEn} null for a
     * contributed metric (not per tier); {@code unit}: the unit of {@code target} and {@code actual} for
     * {@code web.Figures#count}.
     */
    @NamedInterface("targets")
    public record Row(long id, String regionCode, String regionName, int year, String metric, String metricZh, String metricEn,
                      Tier tier, String tierZh, String tierEn, String unit, long target, long actual, double progressPercent,
                      double forecast, TargetProgress.Status status) {
    }

    @NamedInterface("targets")
    public record Listing(String region, int year, TargetProgress.Weights weights, List<Row> rows) {
    }

    /** What a caller asks to set; every field as sent, validated by {@link #set}. */
    public record Input(String region, String year, String metric, String tier, String value) {
    }

    /** Targets of the year for regions within {@code region} (default: the caller's scope root). */
    @Transactional(readOnly = true)
    public Listing list(CurrentUser user, String region, int year) {
        String root = ladder.region(user, region);
        return new Listing(root, year, weights, progress(user, targets(year, root == null ? "" : root + "%")));
    }

    /**
     * The targets set on the region itself (not on the regions below it), with their progress: what a dashboard
     * shows beside the region's figures. The region is the caller's scope root when none is given.
     */
    @Transactional(readOnly = true)
    public List<Row> ofRegion(CurrentUser user, String region, int year) {
        String root = ladder.region(user, region);
        return root == null ? List.of() : progress(user, targets(year, root));
    }

    /** The year's targets of regions matching {@code pattern} (a LIKE pattern; "" is every region). */
    private List<Target> targets(int year, String pattern) {
        return jdbc.sql("""
                SELECT id, region_code, year, metric, tier, value, created_by FROM ladder_target
                WHERE year = :year AND (:any OR region_code LIKE :pattern)
                ORDER BY region_code, tier NULLS LAST, metric""")
                .param("year", year).param("any", pattern.isEmpty()).param("pattern", pattern)
                .query((rs, n) -> new Target(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5) == null ? null : Tier.valueOf(rs.getString(5)), rs.getLong(6), rs.getString(7)))
                .list().stream().filter(t -> known(t.metric())).toList();
    }

    /** Each target with its actual, progress and forecast over its region, counted within the caller's scope. */
    List<Row> progress(CurrentUser user, List<Target> targets) {
        Map<String, Map<Tier, LadderService.TierFigures>> figures = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        for (Target t : targets) {
            TargetMetric other = contributed.get(t.metric());
            if (other != null) {
                TargetProgress.Result r = TargetProgress.of(t.value(), other.actual(user, t.regionCode(), t.year()), 0);
                rows.add(new Row(t.id(), t.regionCode(), regionName(t.regionCode()), t.year(), t.metric(), other.nameZh(), other.nameEn(),
                        null, null, null, other.unit(), t.value(), r.actual(), r.progressPercent(), r.forecast(), r.status()));
                continue;
            }
            Metric metric = Metric.valueOf(t.metric());
            LadderService.TierFigures now = figures(user, t.regionCode(), t.year(), figures).get(t.tier());
            long actual = switch (metric) {
                case RECOGNISED_TOTAL -> now.holding();
                case ELIGIBLE_TOTAL -> now.qualified();
                case NET_INCREASE -> now.holding() - figures(user, t.regionCode(), t.year() - 1, figures).get(t.tier()).holding();
            };
            TargetProgress.Result r = TargetProgress.compute(metric, t.value(), actual, now.poolByReason(), weights);
            rows.add(new Row(t.id(), t.regionCode(), regionName(t.regionCode()), t.year(), t.metric(), metric.nameZh(),
                    metric.nameEn(), t.tier(), t.tier().nameZh(), t.tier().nameEn(), "enterprises", t.value(), r.actual(),
                    r.progressPercent(), r.forecast(), r.status()));
        }
        return rows;
    }

    private Map<Tier, LadderService.TierFigures> figures(CurrentUser user, String region, int year,
                                                         Map<String, Map<Tier, LadderService.TierFigures>> cache) {
        return cache.computeIfAbsent(region + "/" + year, k -> {
            Map<Tier, LadderService.TierFigures> m = new HashMap<>();
            ladder.summary(user, region, year).tiers().forEach(f -> m.put(f.tier(), f));
            return m;
        });
    }

    private String regionName(String code) {
        return regions.name(code).orElse(code);
    }

    /**
     * Creates or replaces the target of (region, year, metric, tier) and records {@code ladder.target.set}.
     * Errors name the field, the value and the rule (Chinese and English).
     */
    @Transactional
    public Row set(CurrentUser user, Input in, String sourceIp) {
        if (user.role() != Role.ADMIN && user.role() != Role.BUREAU) {
            throw new AccessDeniedException("only ADMIN and BUREAU set targets");
        }
        if (in.region() == null || in.region().isBlank()) {
            throw new BadParameterException("region", "", "须填写区划代码", "a region code is required");
        }
        String region = in.region().strip();
        if (!region.matches("[0-9]{2,9}")) {
            throw new BadParameterException("region", region, "区划代码须为 2–9 位数字", "a region code is 2 to 9 digits");
        }
        if (!regions.exists(region)) {
            throw new BadParameterException("region", region, "区划代码不存在", "no such region code");
        }
        // a target for a parent region (3204 by a 320412 officer) or a sibling is outside the write scope
        WriteScope.requireRegion(user, region, "region");
        Target checked = checked(region, user.username(), in.year(), in.metric(), in.tier(), in.value());
        int year = checked.year();
        String metric = checked.metric();
        Tier tier = checked.tier();
        long value = checked.value();
        Optional<Long> previous = jdbc.sql("""
                SELECT value FROM ladder_target WHERE region_code = ? AND year = ? AND metric = ?
                AND tier IS NOT DISTINCT FROM CAST(? AS text)""")
                .params(region, year, metric, tier == null ? null : tier.name()).query(Long.class).optional();
        long id = jdbc.sql("""
                INSERT INTO ladder_target (region_code, year, metric, tier, value, created_by) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (region_code, year, metric, tier)
                DO UPDATE SET value = EXCLUDED.value, created_by = EXCLUDED.created_by, created_at = now()
                RETURNING id""").params(region, year, metric, tier == null ? null : tier.name(), value, user.username())
                .query(Long.class).single();
        audit.record(user.username(), "ladder.target.set", "ladder_target:" + id,
                "{\"region\":\"%s\",\"year\":%d,\"metric\":\"%s\",\"tier\":%s,\"value\":%d,\"previous\":%s}"
                        .formatted(region, year, metric, tier == null ? "null" : "\"" + tier + "\"", value,
                                previous.map(String::valueOf).orElse("null")), sourceIp);
        return progress(user, List.of(new Target(id, region, year, metric, tier, value, user.username()))).get(0);
    }

    /**
     * The year, metric, tier and value of a target for the region, checked (errors name the field, the value and the
     * rule); the caller has checked the region and its write scope. Also the department targets' check.
     */
    Target checked(String region, String username, String yearText, String metricText, String tierText, String valueText) {
        int year = LadderService.year("year", yearText);
        String metric = metricCode(metricText);
        Tier tier = tier(metric, tierText);
        if (Metric.ELIGIBLE_TOTAL.name().equals(metric) && tier.rulesetId().isEmpty()) {
            throw new BadParameterException("tier", tier.name(), "该梯度仅有认定、无评估规则，不能设评估合格数目标",
                    "the tier is recognition only (no ruleset), so it has no ELIGIBLE_TOTAL");
        }
        return new Target(0, region, year, metric, tier, value(valueText), username);
    }

    /** Whether targets on this stored metric code can be shown (a contributed metric may have left the application). */
    boolean known(String metric) {
        return Metric.parse(metric).isPresent() || contributed.containsKey(metric);
    }

    /** The metric's code as stored: one of the ladder's {@link Metric}s or a contributed metric. */
    private String metricCode(String raw) {
        Optional<Metric> own = Metric.parse(raw);
        if (own.isPresent()) return own.get().name();
        String code = raw == null ? "" : raw.strip().toUpperCase(java.util.Locale.ROOT);
        if (contributed.containsKey(code)) return code;
        List<String> codes = metrics().stream().map(MetricChoice::code).toList();
        throw new BadParameterException("metric", String.valueOf(raw), "须为以下之一：" + String.join("、", codes),
                "must be one of " + String.join(", ", codes));
    }

    /** A per-tier metric needs a tier; a contributed one is not per tier and takes none. */
    private static Tier tier(String metric, String raw) {
        boolean blank = raw == null || raw.isBlank();
        if (Metric.parse(metric).isEmpty()) {
            if (blank) return null;
            throw new BadParameterException("tier", raw, "该指标不分梯度，梯度须留空", "this metric is not per tier: leave the tier empty");
        }
        return Tier.parse(raw).orElseThrow(() -> new BadParameterException("tier", String.valueOf(raw),
                "须为梯度之一：" + List.of(Tier.values()), "must be one of the tiers: " + List.of(Tier.values())));
    }

    static long value(String raw) {
        String v = raw == null ? "" : raw.strip();
        try {
            long n = Long.parseLong(v);
            if (n >= 0) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadParameterException("value", v, "目标值须为 ≥ 0 的整数", "the target value must be an integer ≥ 0");
    }
}
