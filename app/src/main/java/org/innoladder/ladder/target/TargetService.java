package org.innoladder.ladder.target;

import org.innoladder.region.Regions;
import java.util.ArrayList;
import org.springframework.modulith.NamedInterface;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.identity.WriteScope;
import org.innoladder.ladder.LadderService;
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
 */
@Service
@NamedInterface("targets")
public class TargetService {
    private final JdbcClient jdbc;
    private final LadderService ladder;
    private final AuditTrail audit;
    private final TargetProgress.Weights weights;

    private final Regions regions;

    public TargetService(Regions regions, JdbcClient jdbc, LadderService ladder, AuditTrail audit,
                         @Value("${innoladder.ladder.forecast-weight.qualified:1.0}") double qualified,
                         @Value("${innoladder.ladder.forecast-weight.undetermined:0.5}") double undetermined,
                         @Value("${innoladder.ladder.forecast-weight.near:0.25}") double near) {
        this.regions = regions;
        this.jdbc = jdbc;
        this.ladder = ladder;
        this.audit = audit;
        this.weights = new TargetProgress.Weights(qualified, undetermined, near);
    }

    public TargetProgress.Weights weights() { return weights; }

    public record Target(long id, String regionCode, int year, Metric metric, Tier tier, long value, String createdBy) {
    }

    /** A target with its progress. */
    @NamedInterface("targets")
    public record Row(long id, String regionCode, String regionName, int year, Metric metric, String metricZh, String metricEn,
                      Tier tier, String tierZh, String tierEn, long target, long actual, double progressPercent,
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
        List<Target> targets = jdbc.sql("""
                SELECT id, region_code, year, metric, tier, value, created_by FROM ladder_target
                WHERE year = :year AND (:any OR region_code LIKE :root)
                ORDER BY region_code, tier, metric""")
                .param("year", year).param("any", root == null).param("root", (root == null ? "" : root) + "%")
                .query((rs, n) -> new Target(rs.getLong(1), rs.getString(2), rs.getInt(3), Metric.valueOf(rs.getString(4)),
                        Tier.valueOf(rs.getString(5)), rs.getLong(6), rs.getString(7))).list();
        return new Listing(root, year, weights, progress(user, targets));
    }

    private List<Row> progress(CurrentUser user, List<Target> targets) {
        Map<String, Map<Tier, LadderService.TierFigures>> figures = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        for (Target t : targets) {
            LadderService.TierFigures now = figures(user, t.regionCode(), t.year(), figures).get(t.tier());
            long actual = switch (t.metric()) {
                case RECOGNISED_TOTAL -> now.holding();
                case ELIGIBLE_TOTAL -> now.qualified();
                case NET_INCREASE -> now.holding() - figures(user, t.regionCode(), t.year() - 1, figures).get(t.tier()).holding();
            };
            TargetProgress.Result r = TargetProgress.compute(t.metric(), t.value(), actual, now.poolByReason(), weights);
            rows.add(new Row(t.id(), t.regionCode(), regionName(t.regionCode()), t.year(), t.metric(), t.metric().nameZh(),
                    t.metric().nameEn(), t.tier(), t.tier().nameZh(), t.tier().nameEn(), t.value(), r.actual(),
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
        int year = LadderService.year("year", in.year());
        Metric metric = Metric.parse(in.metric()).orElseThrow(() -> new BadParameterException("metric", String.valueOf(in.metric()),
                "须为 RECOGNISED_TOTAL、NET_INCREASE 或 ELIGIBLE_TOTAL", "must be RECOGNISED_TOTAL, NET_INCREASE or ELIGIBLE_TOTAL"));
        Tier tier = Tier.parse(in.tier()).orElseThrow(() -> new BadParameterException("tier", String.valueOf(in.tier()),
                "须为梯度之一：" + List.of(Tier.values()), "must be one of the tiers: " + List.of(Tier.values())));
        if (metric == Metric.ELIGIBLE_TOTAL && tier.rulesetId().isEmpty()) {
            throw new BadParameterException("tier", tier.name(), "该梯度仅有认定、无评估规则，不能设评估合格数目标",
                    "the tier is recognition only (no ruleset), so it has no ELIGIBLE_TOTAL");
        }
        long value = value(in.value());
        Optional<Long> previous = jdbc.sql("""
                SELECT value FROM ladder_target WHERE region_code = ? AND year = ? AND metric = ? AND tier = ?""")
                .params(region, year, metric.name(), tier.name()).query(Long.class).optional();
        long id = jdbc.sql("""
                INSERT INTO ladder_target (region_code, year, metric, tier, value, created_by) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (region_code, year, metric, tier)
                DO UPDATE SET value = EXCLUDED.value, created_by = EXCLUDED.created_by, created_at = now()
                RETURNING id""").params(region, year, metric.name(), tier.name(), value, user.username())
                .query(Long.class).single();
        audit.record(user.username(), "ladder.target.set", "ladder_target:" + id,
                "{\"region\":\"%s\",\"year\":%d,\"metric\":\"%s\",\"tier\":\"%s\",\"value\":%d,\"previous\":%s}"
                        .formatted(region, year, metric, tier, value, previous.map(String::valueOf).orElse("null")), sourceIp);
        return progress(user, List.of(new Target(id, region, year, metric, tier, value, user.username()))).get(0);
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
