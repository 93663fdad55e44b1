package org.innoladder.award.internal;

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
        int rematched = followMatches(event, now);
        log.info("Policy {} period {} (run {}): {} award case(s) opened, {} re-matched", event.policyId(), event.period(),
                event.runId(), opened, rematched);
        return opened;
    }

    /**
     * A case nobody has acted on yet (MATCHED) follows a later run that is still ELIGIBLE but gives another amount or
     * policy version (facts corrected, a new version published): the enterprise is asked to confirm what the policy
     * now says. Once the enterprise has confirmed, the case keeps what it confirmed; a reviewer who disagrees rejects it.
     */
    private int followMatches(PolicyMatched event, Timestamp now) {
        int rematched = jdbc.sql("""
                WITH stale AS (
                    SELECT c.id, c.amount_yuan AS old_amount, m.amount_yuan AS new_amount, m.policy_version, m.run_id
                    FROM award_case c
                    JOIN policy_match m ON m.policy_id = c.policy_id AND m.enterprise_id = c.enterprise_id AND m.period = c.period
                    WHERE m.run_id = :run AND m.policy_id = :policy AND m.period = :period AND m.outcome = 'ELIGIBLE'
                      AND m.amount_yuan IS NOT NULL AND c.status = 'MATCHED' AND c.origin = 'AUTOMATIC'
                      AND (c.amount_yuan <> m.amount_yuan OR c.policy_version <> m.policy_version)
                    ORDER BY c.id
                    FOR UPDATE OF c
                ), updated AS (
                    UPDATE award_case c SET amount_yuan = s.new_amount, policy_version = s.policy_version, match_run_id = s.run_id
                    FROM stale s WHERE c.id = s.id
                    RETURNING c.id)
                INSERT INTO award_case_event (case_id, from_status, to_status, action, actor_username, reason, at)
                SELECT s.id, 'MATCHED', 'MATCHED', 'REMATCH', 'system',
                       '重新匹配（运行 ' || :run || '）：金额 ' || s.old_amount || ' → ' || s.new_amount
                       || ' 元 / re-matched (run ' || :run || '): amount ' || s.old_amount || ' → ' || s.new_amount || ' yuan', :now
                FROM stale s JOIN updated u ON u.id = s.id""")
                .param("now", now).param("run", event.runId()).param("policy", event.policyId())
                .param("period", event.period()).update();
        if (rematched > 0) {
            audit.record("system", "award.rematch", "policy:" + event.policyId(),
                    "run=" + event.runId() + " period=" + event.period() + " rematched=" + rematched, null);
        }
        return rematched;
    }
}
