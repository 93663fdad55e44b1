package org.innoladder.policy.internal;

import java.util.ArrayList;
import java.util.List;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.policy.PolicyFactsChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * When another module reports that an enterprise's facts of a namespace changed (credit: a loan was disbursed), the
 * enterprise is matched again, after that change committed, against every published AUTOMATIC policy of a region
 * covering it whose period covers the year and which reads the namespace. Each is a one-enterprise matching run
 * (recorded, audited as "system"); its {@code PolicyMatched} event opens the award case (免申即享). The event is kept
 * in the publication registry until this completes, so a crash before it is made up at the next start; running it
 * twice only replaces the same match.
 */
@Component
public class PolicyRematching {
    private static final Logger log = LoggerFactory.getLogger(PolicyRematching.class);
    static final CurrentUser SYSTEM = new CurrentUser(0, "system", "系统", Role.ADMIN, null, null, null);

    private final JdbcClient jdbc;
    private final PolicyCatalogue catalogue;
    private final PolicyMatching matching;

    PolicyRematching(JdbcClient jdbc, PolicyCatalogue catalogue, PolicyMatching matching) {
        this.jdbc = jdbc;
        this.catalogue = catalogue;
        this.matching = matching;
    }

    /** Without a surrounding transaction: each run commits on its own, so one failing policy keeps the others' cases. */
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void factsChanged(PolicyFactsChanged event) {
        rematch(event);
    }

    /** @return the runs made (one per policy that reads the namespace) */
    public List<PolicyMatching.Run> rematch(PolicyFactsChanged event) {
        String region = jdbc.sql("SELECT region_code FROM enterprise WHERE id = :id").param("id", event.enterpriseId())
                .query(String.class).optional().orElse(null);
        if (region == null) return List.of();
        List<Long> policies = jdbc.sql("""
                SELECT p.id FROM policy p JOIN policy_version v ON v.policy_id = p.id AND v.version = p.published_version
                WHERE p.status = 'PUBLISHED' AND v.mode = 'AUTOMATIC' AND :region LIKE p.region_code || '%'
                  AND :year BETWEEN extract(year FROM v.period_start) AND extract(year FROM v.period_end)
                ORDER BY p.id""").param("region", region).param("year", event.year()).query(Long.class).list();
        String prefix = event.namespace() + ".";
        List<PolicyMatching.Run> runs = new ArrayList<>();
        RuntimeException failed = null;
        for (long id : policies) {
            PolicyCatalogue.Published p = catalogue.published(SYSTEM, id);
            if (p.policy().readNames().stream().noneMatch(n -> n.startsWith(prefix))) continue;
            try {
                runs.add(matching.run(SYSTEM, new PolicyMatching.Request(id, region, event.year(), event.enterpriseId()), null));
            } catch (RuntimeException e) {
                log.error("re-matching enterprise {} against policy {} failed", event.enterpriseId(), id, e);
                failed = e;
            }
        }
        // incomplete in the registry: delivered again at the next start
        if (failed != null) throw failed;
        return runs;
    }
}
