package org.innoladder.identity.internal;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import java.time.Instant;

/** A row of {@code app_user}. */
public record AppUser(long id, String username, String passwordHash, String displayName, Role role,
                      String regionCode, Long enterpriseId, Long bankId, boolean enabled, int failedLogins,
                      Instant lockedUntil) {

    public CurrentUser toCurrentUser() {
        return new CurrentUser(id, username, displayName, role, regionCode, enterpriseId, bankId);
    }
}
