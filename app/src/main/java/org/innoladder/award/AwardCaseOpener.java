package org.innoladder.award;

import java.sql.Timestamp;
import java.time.Clock;

import org.innoladder.audit.AuditTrail;
import org.innoladder.policy.PolicyMatched;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Opens award cases for the ELIGIBLE matches of an AUTOMATIC policy (免申即享) once a matching run has committed.
 * One set-based statement; the unique (policy, enterprise, period) key with ON CONFLICT DO NOTHING means a case is
 * opened once however many runs or handlers race (a concurrent insert of the same key waits for the other's commit
 * and then does nothing).
 */
@Component
public class AwardCaseOpener {
    private static final Logger log = LoggerFactory.getLogger(AwardCaseOpener.class);

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    AwardCaseOpener(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** After the publisher's transaction commits (or at once when it published outside one). */
    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void on(PolicyMatched event) {
        open(event);
    }

    /** @return how many cases were opened now (cases that already existed are left as they are) */
    @Transactional
    public int open(PolicyMatched event) {
        Timestamp now = Timestamp.from(clock.instant());
        int opened = jdbc.sql("""
                WITH opened AS (
                    INSERT INTO award_case (policy_id, policy_version, enterprise_id, period, origin, match_run_id,
                                            amount_yuan, status, status_since, created_at)
                    SELECT m.policy_id, m.policy_version, m.enterprise_id, m.period, 'AUTOMATIC', m.run_id,
                           m.amount_yuan, 'MATCHED', :now, :now
                    FROM policy_match m
                    JOIN policy_version pv ON pv.policy_id = m.policy_id AND pv.version = m.policy_version
                    WHERE m.run_id = :run AND m.policy_id = :policy AND m.period = :period
                      AND m.outcome = 'ELIGIBLE' AND m.amount_yuan IS NOT NULL AND pv.mode = 'AUTOMATIC'
                    ORDER BY m.enterprise_id
                    ON CONFLICT (policy_id, enterprise_id, period) DO NOTHING
                    RETURNING id)
                INSERT INTO award_case_event (case_id, from_status, to_status, action, actor_username, reason, at)
                SELECT id, NULL, 'MATCHED', 'OPEN', 'system', :why, :now FROM opened""")
                .param("now", now).param("run", event.runId()).param("policy", event.policyId())
                .param("period", event.period())
                .param("why", "免申即享：匹配运行 " + event.runId() + " 判定符合 / automatic: eligible in matching run " + event.runId())
                .update();
        if (opened > 0) {
            audit.record("system", "award.open", "policy:" + event.policyId(),
                    "run=" + event.runId() + " version=" + event.policyVersion() + " period=" + event.period() + " opened=" + opened,
                    null);
        }
        log.info("Policy {} period {} (run {}): {} award case(s) opened", event.policyId(), event.period(), event.runId(), opened);
        return opened;
    }
}
