package org.innoladder.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.innoladder.audit.AuditTrail;
import org.springframework.security.authentication.LockedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bookkeeping around each password check: the per-address window, the per-username lock and the audit entries.
 * Unknown usernames are locked the same way (in memory), so the "temporarily locked" message never tells an
 * attacker that a username exists.
 */
@Service
public class LoginAttempts {
    private static final int MAX_UNKNOWN_TRACKED = 10_000;

    private final AppUserRepository users;
    private final AuditTrail audit;
    private final Clock clock;
    private final LoginPolicy policy;
    private final IpFailureWindow ipWindow;
    private final CredentialAuditWindow apiSuccesses;
    private final Map<String, AccountLockout.Outcome> unknownUsers = new ConcurrentHashMap<>();

    public LoginAttempts(AppUserRepository users, AuditTrail audit, Clock clock, LoginPolicy policy) {
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.policy = policy;
        this.ipWindow = new IpFailureWindow(policy);
        this.apiSuccesses = new CredentialAuditWindow(policy.apiAuditWindow());
    }

    /** Refuses the attempt before the password is looked at when the address or the (unknown) name is barred. */
    public void beforeAttempt(String username, String ip) {
        Instant now = clock.instant();
        if (ipWindow.blocked(ip, now)) {
            audit.record(actor(username), "login.failure", null, "refused: too many failures from this address", ip);
            throw new LoginThrottledException("too many failed logins from " + ip);
        }
        AccountLockout.Outcome unknown = unknownUsers.get(key(username));
        if (unknown != null && AccountLockout.isLocked(unknown.lockedUntil(), now)) {
            audit.record(actor(username), "login.failure", null, "refused: locked", ip);
            ipWindow.recordFailure(ip, now);
            throw new LockedException("locked");
        }
    }

    /** A wrong password (or unknown username): count it, and lock at the limit. */
    @Transactional
    public void onBadCredentials(String username, String ip) {
        Instant now = clock.instant();
        ipWindow.recordFailure(ip, now);
        AppUser user = users.lockByUsername(username).orElse(null);
        if (user == null) {
            countUnknown(username, now);
            audit.record(actor(username), "login.failure", null, "bad credentials", ip);
            return;
        }
        AccountLockout.Outcome outcome = AccountLockout.afterFailure(user.failedLogins(), now, policy);
        // the audit trail holds its chain lock until commit, so write the row first and audit last
        if (outcome.locksNow()) {
            users.lock(user.id(), outcome.failures(), outcome.lockedUntil());
        } else {
            users.saveFailures(user.id(), outcome.failures());
        }
        audit.record(user.username(), "login.failure", target(user), "bad credentials", ip);
        if (outcome.locksNow()) {
            audit.record(user.username(), "login.locked", target(user),
                    policy.maxFailures() + " consecutive failures; locked until " + outcome.lockedUntil(), ip);
        }
    }

    /** The account was refused before its password was checked (locked or disabled). */
    public void onRefused(String username, String ip, String reason) {
        ipWindow.recordFailure(ip, clock.instant());
        audit.record(actor(username), "login.failure", "app_user:" + actor(username), "refused: " + reason, ip);
    }

    /**
     * A password accepted. A sign-in through the form starts a session and is always audited; an API credential
     * ({@code perRequest}: HTTP Basic authenticates each call) once per credential and address per
     * {@link LoginPolicy#apiAuditWindow()}.
     */
    @Transactional
    public void onSuccess(AppUserDetails user, String ip, String how, boolean perRequest) {
        users.resetFailures(user.currentUser().id());
        if (perRequest && !apiSuccesses.firstUse(user.getUsername(), user.getPassword(), ip, clock.instant())) return;
        audit.record(user.getUsername(), "login.success", "app_user:" + user.getUsername(), how, ip);
    }

    private void countUnknown(String username, Instant now) {
        if (unknownUsers.size() > MAX_UNKNOWN_TRACKED) {
            unknownUsers.values().removeIf(o -> !AccountLockout.isLocked(o.lockedUntil(), now) && o.failures() == 0);
            if (unknownUsers.size() > MAX_UNKNOWN_TRACKED) unknownUsers.clear();
        }
        unknownUsers.compute(key(username), (k, previous) -> {
            // a lock that has run out starts the count afresh, as for real accounts
            int soFar = previous == null || previous.locksNow() ? 0 : previous.failures();
            return AccountLockout.afterFailure(soFar, now, policy);
        });
    }

    private static String target(AppUser user) {
        return "app_user:" + user.username();
    }

    private static String key(String username) {
        return username == null ? "" : username.toLowerCase(java.util.Locale.ROOT);
    }

    /** Usernames typed at the login form are untrusted: keep the audit log readable. */
    private static String actor(String username) {
        if (username == null || username.isBlank()) return "(blank)";
        String trimmed = username.strip();
        return trimmed.length() > 64 ? trimmed.substring(0, 64) + "…" : trimmed;
    }
}
