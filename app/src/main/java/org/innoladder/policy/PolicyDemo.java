package org.innoladder.policy;

import org.innoladder.region.Regions;
import org.innoladder.policy.internal.PolicyCatalogue;
import org.innoladder.policy.internal.PolicyMatching;
import org.innoladder.rules.policy.Policies;
import org.innoladder.rules.policy.Policy;
import java.util.ArrayList;
import java.util.List;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo's policies: the shipped example policies saved and published for 常州市 (3204), and matched over its
 * enterprises for every year an example's period covers, so the demo opens with matches. An example whose code
 * exists already is left alone, so a restart changes nothing.
 */
@Component
public class PolicyDemo {
    private static final Logger log = LoggerFactory.getLogger(PolicyDemo.class);
    static final String REGION = "3204";
    static final CurrentUser SYSTEM = new CurrentUser(0, "system", "系统", Role.ADMIN, null, null, null);

    private final JdbcClient jdbc;
    private final PolicyCatalogue catalogue;
    private final PolicyMatching matching;


    private final Regions regions;

    public PolicyDemo(JdbcClient jdbc, PolicyCatalogue catalogue, PolicyMatching matching, Regions regions) {

        this.regions = regions;
        this.jdbc = jdbc;
        this.catalogue = catalogue;
        this.matching = matching;
    }

    /** Loads, publishes and matches the examples not there yet; returns the runs made. */
    public List<PolicyMatching.Run> ensureLoaded(int fromYear, int toYear) {
        if (!regions.exists(REGION)) {
            return List.of();
        }
        long started = System.nanoTime();
        List<PolicyMatching.Run> runs = new ArrayList<>();
        for (Policy p : Policies.examples()) {
            if (catalogue.idOf(p.code()).isPresent()) continue;
            PolicyCatalogue.Version v = catalogue.save(SYSTEM, null, REGION, p.yaml(), null);
            catalogue.publish(SYSTEM, v.policyId(), null);
            for (int y = Math.max(fromYear, p.periodStart().getYear()); y <= Math.min(toYear, p.periodEnd().getYear()); y++) {
                runs.add(matching.run(SYSTEM, new PolicyMatching.Request(v.policyId(), REGION, y), null));
            }
        }
        log.info("Loaded {} example policies and ran {} matching runs ({} eligible, {} near) in {} ms", Policies.examples().size(),
                runs.size(), runs.stream().mapToInt(PolicyMatching.Run::eligible).sum(),
                runs.stream().mapToInt(PolicyMatching.Run::near).sum(), (System.nanoTime() - started) / 1_000_000);
        return runs;
    }
}
