package org.innoladder.award.internal;

import java.math.BigDecimal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The budget ledger (table {@code award_budget}): one row per (policy, period) holding the published budget and
 * the committed sum. Call inside the approving transaction, after the case row is locked: the guarded UPDATE takes
 * the ledger row's lock, so concurrent approvals of one policy and period queue on it, and each sees the committed
 * sum its predecessors left. The table's CHECK (committed_yuan <= budget_yuan) refuses an overspend even if code
 * forgot the guard.
 */
@Component
class AwardBudget {
    private final JdbcClient jdbc;

    AwardBudget(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Commits {@code amount} against the published version's budget if it fits.
     *
     * @return false when the remaining budget is short (or the policy has no published version): nothing changed
     */
    boolean reserve(long policyId, int period, BigDecimal amount) {
        jdbc.sql("""
                INSERT INTO award_budget (policy_id, period, budget_yuan)
                SELECT p.id, :period, pv.budget_yuan FROM policy p
                JOIN policy_version pv ON pv.policy_id = p.id AND pv.version = p.published_version
                WHERE p.id = :policy
                ON CONFLICT (policy_id, period) DO NOTHING""")
                .param("policy", policyId).param("period", period).update();
        // the budget follows the published version; a lowered budget below what is committed stops new approvals
        int n = jdbc.sql("""
                UPDATE award_budget b SET committed_yuan = b.committed_yuan + :amount, budget_yuan = pv.budget_yuan,
                       updated_at = now()
                FROM policy p JOIN policy_version pv ON pv.policy_id = p.id AND pv.version = p.published_version
                WHERE b.policy_id = :policy AND b.period = :period AND p.id = b.policy_id
                  AND b.committed_yuan + :amount <= pv.budget_yuan""")
                .param("policy", policyId).param("period", period).param("amount", amount).update();
        return n == 1;
    }

    /** Gives back the amount of a case that leaves the approved states (rejected or withdrawn after approval). */
    void release(long policyId, int period, BigDecimal amount) {
        int n = jdbc.sql("""
                UPDATE award_budget SET committed_yuan = committed_yuan - :amount, updated_at = now()
                WHERE policy_id = :policy AND period = :period""")
                .param("policy", policyId).param("period", period).param("amount", amount).update();
        if (n != 1) throw new IllegalStateException("no budget ledger row for policy " + policyId + " period " + period);
    }
}
