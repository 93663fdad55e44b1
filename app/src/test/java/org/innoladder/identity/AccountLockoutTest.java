package org.innoladder.identity;

import org.innoladder.identity.internal.AccountLockout;
import org.innoladder.identity.internal.IpFailureWindow;
import org.innoladder.identity.internal.LoginPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class AccountLockoutTest {
    private final LoginPolicy policy = LoginPolicy.defaults();
    private final Instant now = Instant.parse("2026-03-01T08:00:00Z");

    @Test
    void theFifthConsecutiveFailureLocksForFifteenMinutesAndRestartsTheCount() {
        int failures = 0;
        for (int i = 1; i <= 4; i++) {
            AccountLockout.Outcome o = AccountLockout.afterFailure(failures, now, policy);
            assertThat(o.locksNow()).isFalse();
            assertThat(o.failures()).isEqualTo(i);
            failures = o.failures();
        }
        AccountLockout.Outcome fifth = AccountLockout.afterFailure(failures, now, policy);
        assertThat(fifth.locksNow()).isTrue();
        assertThat(fifth.lockedUntil()).isEqualTo(now.plus(Duration.ofMinutes(15)));
        assertThat(fifth.failures()).isZero();
    }

    @Test
    void aLockHoldsUntilItsEndExactly() {
        Instant until = now.plus(Duration.ofMinutes(15));
        assertThat(AccountLockout.isLocked(until, now)).isTrue();
        assertThat(AccountLockout.isLocked(until, until.minusMillis(1))).isTrue();
        assertThat(AccountLockout.isLocked(until, until)).isFalse();
        assertThat(AccountLockout.isLocked(null, now)).isFalse();
    }

    @Test
    void theSlidingAddressWindowForgetsOldFailures() {
        IpFailureWindow window = new IpFailureWindow(policy);
        for (int i = 0; i < 19; i++) window.recordFailure("10.1.1.1", now.plusSeconds(i * 30L));
        assertThat(window.blocked("10.1.1.1", now.plusSeconds(600))).isFalse();
        window.recordFailure("10.1.1.1", now.plusSeconds(600));
        assertThat(window.blocked("10.1.1.1", now.plusSeconds(600))).isTrue();
        assertThat(window.blocked("10.1.1.2", now.plusSeconds(600))).isFalse();
        // the first failure (at +0 s) leaves the 15-minute window at +900 s
        assertThat(window.blocked("10.1.1.1", now.plusSeconds(899))).isTrue();
        assertThat(window.blocked("10.1.1.1", now.plusSeconds(900))).isFalse();
    }
}
