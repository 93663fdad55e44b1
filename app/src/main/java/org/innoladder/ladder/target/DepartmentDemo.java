package org.innoladder.ladder.target;

import java.util.List;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.rules.ladder.Tier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;

/**
 * The demo's departments and their targets, so the targets page has department figures on first start: in the city and
 * the district with the most demo enterprises, a few departments each with targets of the demo's last year on the
 * metrics a department answers for, each the region's actual scaled by a factor (some on track, some at risk), set
 * through {@link DepartmentTargets} as a bureau would. Only where no department exists yet.
 */
@Component
@NamedInterface("targets")
public class DepartmentDemo {
    private static final Logger log = LoggerFactory.getLogger(DepartmentDemo.class);
    private static final CurrentUser SYSTEM = new CurrentUser(0, "system", "system", Role.ADMIN, null, null, null);

    /** Department, metric, tier (null: not per tier), factor on the actual. */
    private record Plan(String department, String metric, Tier tier, double factor) {
    }

    private static final List<Plan> CITY = List.of(
            new Plan("科技局", "RECOGNISED_TOTAL", Tier.HNTE, 1.1), new Plan("科技局", "RD_PLATFORMS", null, 1.2),
            new Plan("科技局", "TECH_CONTRACT_OUTFLOW", null, 0.9), new Plan("发改委", "CARRIERS", null, 1.0),
            new Plan("商务局", "INVESTMENT_SIGNED", null, 1.3), new Plan("商务局", "INVESTMENT_LANDED", null, 0.8),
            new Plan("工信局", "CHALLENGE_PROJECTS", null, 1.5));
    private static final List<Plan> DISTRICT = List.of(
            new Plan("科技局", "RD_PLATFORMS_PROVINCIAL_UP", null, 1.25), new Plan("商务局", "INVESTMENT_SIGNED", null, 0.9));

    private final JdbcClient jdbc;
    private final DepartmentTargets departments;
    private final TargetService targets;

    DepartmentDemo(JdbcClient jdbc, DepartmentTargets departments, TargetService targets) {
        this.jdbc = jdbc;
        this.departments = departments;
        this.targets = targets;
    }

    public void ensureLoaded(int year) {
        if (jdbc.sql("SELECT EXISTS (SELECT 1 FROM ladder_department)").query(Boolean.class).single()) return;
        String city = busiest(4), district = busiest(6);
        if (city == null || district == null) return;
        int set = load(city, CITY, year) + load(district, DISTRICT, year);
        log.info("Set {} demo department targets for {} in {} and {}", set, year, city, district);
    }

    /** The region code of this length with the most demo enterprises, if it is a region. */
    private String busiest(int length) {
        return jdbc.sql("SELECT left(e.region_code, :n) AS code FROM enterprise e GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
                .param("n", length).query(String.class).optional()
                .filter(code -> jdbc.sql("SELECT EXISTS (SELECT 1 FROM region WHERE code = :c)").param("c", code).query(Boolean.class).single())
                .orElse(null);
    }

    private int load(String region, List<Plan> plans, int year) {
        int set = 0;
        java.util.Map<String, Long> ids = new java.util.HashMap<>();
        for (Plan p : plans) {
            if (!targets.known(p.metric())) continue;
            long department = ids.computeIfAbsent(p.department(), name -> departments.add(SYSTEM, region, name, null).id());
            long actual = targets.progress(SYSTEM, List.of(new TargetService.Target(0, region, year, p.metric(), p.tier(), 0, "system")))
                    .get(0).actual();
            departments.set(SYSTEM, department, new DepartmentTargets.Input(String.valueOf(year), p.metric(),
                    p.tier() == null ? "" : p.tier().name(), String.valueOf(Math.max(1, Math.round(actual * p.factor())))), null);
            set++;
        }
        return set;
    }
}
