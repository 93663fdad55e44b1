package org.innoladder.credit.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.innoladder.enterprise.Populations;
import org.innoladder.identity.DataScope;
import org.innoladder.ladder.LadderService;
import org.innoladder.ladder.TierDecision;
import org.innoladder.points.PointsStatistics;
import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.ladder.Tier;
import org.springframework.stereotype.Component;

/**
 * What credit reads about one enterprise, through the published readers of the modules that own it (points, the
 * ladder's standings, the population's facts) and always within a data scope: the enterprise's own, or a bank's
 * consent for the part in question.
 */
@Component
public class CreditFacts {
    private final PointsStatistics points;
    private final LadderService ladder;
    private final Populations populations;
    private final Clock clock;

    public CreditFacts(PointsStatistics points, LadderService ladder, Populations populations, Clock clock) {
        this.points = points;
        this.ladder = ladder;
        this.populations = populations;
        this.clock = clock;
    }

    /** The facts of one enterprise as the product rules see them; absent parts are empty maps. */
    public record Facts(PointsStatistics.StoredPoints stored, Map<String, Object> points, Map<String, Object> yearFacts,
                        Integer factsYear, List<String> tiers) {
    }

    public PointsStatistics.StoredPoints points(DataScope scope, String creditCode) {
        List<PointsStatistics.StoredPoints> p = points.forEnterprise(scope, creditCode, null);
        return p.isEmpty() ? null : p.get(0);
    }

    public List<String> tiers(DataScope scope, String creditCode) {
        List<TierDecision.Standing> s = ladder.standings(scope, creditCode, 1);
        if (s.isEmpty()) return List.of();
        return s.get(0).held().stream().sorted().map(Tier::name).toList();
    }

    /** The latest year's facts with a row at or before last year (looking back at most three years). */
    public Map.Entry<Integer, FactRow> latestFacts(DataScope scope, long enterpriseId) {
        int last = LocalDate.now(clock).getYear() - 1;
        for (int y = last; y >= last - 3; y--) {
            List<FactRow> rows = new ArrayList<>();
            final int year = y;
            populations.read(Populations.Query.of(y, null).within(scope), (id, row) -> {
                Object ry = row.get(Column.YEAR);
                if (id == enterpriseId && ry instanceof Integer i && i == year) rows.add(row);
            });
            if (!rows.isEmpty()) return Map.entry(y, rows.get(0));
        }
        return null;
    }

    public Facts of(DataScope pointsScope, DataScope factsScope, DataScope tiersScope, long enterpriseId, String creditCode) {
        PointsStatistics.StoredPoints sp = pointsScope == null ? null : points(pointsScope, creditCode);
        Map<String, Object> p = new HashMap<>();
        if (sp != null) {
            if (sp.total() != null) p.put("total", sp.total().doubleValue());
            if (sp.percentile() != null) p.put("percentile", sp.percentile().doubleValue());
        }
        Map<String, Object> f = new HashMap<>();
        Integer year = null;
        if (factsScope != null) {
            Map.Entry<Integer, FactRow> row = latestFacts(factsScope, enterpriseId);
            if (row != null) {
                year = row.getKey();
                for (Column c : Column.byLevel(Column.Level.YEAR)) {
                    Object v = row.getValue().get(c);
                    if (v instanceof BigDecimal d) f.put(c.key(), d.doubleValue());
                    else if (v instanceof Integer i) f.put(c.key(), i.doubleValue());
                    else if (v instanceof Boolean || v instanceof String) f.put(c.key(), v);
                }
            }
        }
        List<String> tiers = tiersScope == null ? List.of() : tiers(tiersScope, creditCode);
        return new Facts(sp, p, f, year, tiers);
    }
}
