package org.innoladder.identity.internal;

import java.time.Instant;

/** The per-username lock decision, as a plain function of the failures so far and the time. */
public final class AccountLockout {
    private AccountLockout() {
    }

    /**
     * What a failed password does to an account.
     *
     * @param failures    consecutive failures to store (0 again once the account is locked, so that after the
     *                    lock ends the user has the full number of tries again)
     * @param lockedUntil the new lock end, or null when this failure does not lock
     */
    public record Outcome(int failures, Instant lockedUntil) {
        public boolean locksNow() {
            return lockedUntil != null;
        }
    }

    public static Outcome afterFailure(int failuresSoFar, Instant now, LoginPolicy policy) {
        int failures = Math.max(0, failuresSoFar) + 1;
        if (failures >= policy.maxFailures()) {
            return new Outcome(0, now.plus(policy.lockDuration()));
        }
        return new Outcome(failures, null);
    }

    public static boolean isLocked(Instant lockedUntil, Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
