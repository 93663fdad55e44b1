package org.innoladder.identity.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on password guessing.
 *
 * @param maxFailures      consecutive failures for one username that lock it
 * @param lockDuration     how long such a lock lasts
 * @param ipMaxFailures    failures from one source address within {@code ipWindow} after which that address may
 *                         not try again until older failures leave the window
 * @param ipWindow         the sliding window for {@code ipMaxFailures}
 * @param apiAuditWindow   an API credential (HTTP Basic, which authenticates every request) gets one
 *                         {@code login.success} audit entry per address within this window, not one per call;
 *                         failures are always audited
 */
@ConfigurationProperties("innoladder.security.login")
public record LoginPolicy(int maxFailures, Duration lockDuration, int ipMaxFailures, Duration ipWindow,
                          Duration apiAuditWindow) {
    public LoginPolicy {
        if (maxFailures <= 0) maxFailures = 5;
        if (lockDuration == null) lockDuration = Duration.ofMinutes(15);
        if (ipMaxFailures <= 0) ipMaxFailures = 20;
        if (ipWindow == null) ipWindow = Duration.ofMinutes(15);
        if (apiAuditWindow == null || apiAuditWindow.isNegative()) apiAuditWindow = Duration.ofMinutes(30);
    }

    public static LoginPolicy defaults() {
        return new LoginPolicy(0, null, 0, null, null);
    }
}
