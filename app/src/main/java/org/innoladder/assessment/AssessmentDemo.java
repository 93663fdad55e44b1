package org.innoladder.assessment;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.innoladder.assessment.internal.Scheme;
import org.innoladder.assessment.internal.Schemes;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.ladder.TargetMetric;
import org.innoladder.ladder.target.TargetService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo's town targets, so the ranking has figures on first start: for the {@value #TOWNS} towns with the most demo
 * enterprises, a target of the demo's last year on every indicator of the scheme in force, set through the ladder's
 * {@link TargetService} as an officer would — per-tier counts small fixed numbers, contributed metrics the town's
 * actual scaled by a factor that differs from town to town (so some over- and some under-fulfil), and the last town
 * without a technology-contract target (shown as missing, so not ranked). Only where no town has a target that year.
 */
@Component
public class AssessmentDemo {
    private static final Logger log = LoggerFactory.getLogger(AssessmentDemo.class);
    static final int TOWNS = 8;
    static final double[] FACTORS = {0.8, 1.0, 1.25, 1.5, 0.9, 2.0, 1.1, 0.7};
    private static final CurrentUser SYSTEM = new CurrentUser(0, "system", "system", Role.ADMIN, null, null, null);

    private final JdbcClient jdbc;
    private final TargetService targets;
    private final Schemes schemes;
    private final Map<String, TargetMetric> metrics;

    AssessmentDemo(JdbcClient jdbc, TargetService targets, Schemes schemes, List<TargetMetric> metrics) {
        this.jdbc = jdbc;
        this.targets = targets;
        this.schemes = schemes;
        this.metrics = metrics.stream().collect(Collectors.toMap(TargetMetric::code, m -> m));
    }

    public void ensureLoaded(int year) {
        Scheme scheme = schemes.on(LocalDate.of(year, 12, 31)).orElse(null);
        if (scheme == null) return;
        List<String> towns = jdbc.sql("SELECT e.region_code FROM enterprise e JOIN region r ON r.code = e.region_code WHERE r.level = 'town'"
                + " GROUP BY e.region_code ORDER BY count(*) DESC, e.region_code LIMIT :n").param("n", TOWNS).query(String.class).list();
        if (towns.isEmpty() || towns.stream().anyMatch(t -> targets.list(SYSTEM, t, year).rows().stream().anyMatch(r -> r.regionCode().equals(t)))) {
            return;
        }
        int set = 0;
        for (int i = 0; i < towns.size(); i++) {
            String town = towns.get(i);
            for (Scheme.Indicator ind : scheme.indicators()) {
                if (i == towns.size() - 1 && ind.metric().startsWith("TECH_CONTRACT")) continue;
                TargetMetric m = metrics.get(ind.metric());
                long value = m == null ? ("HNTE".equals(ind.tier()) ? 2 + i % 3 : 5 + i % 4)
                        : Math.max(1, Math.round(m.actual(SYSTEM, town, year) * FACTORS[i % FACTORS.length]));
                targets.set(SYSTEM, new TargetService.Input(town, String.valueOf(year), ind.metric(), ind.tier() == null ? "" : ind.tier(),
                        String.valueOf(value)), null);
                set++;
            }
        }
        log.info("Set {} demo town targets for {}", set, year);
    }
}
