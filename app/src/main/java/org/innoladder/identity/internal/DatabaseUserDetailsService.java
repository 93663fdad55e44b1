package org.innoladder.identity.internal;

import java.time.Clock;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads {@link AppUserDetails} from {@code app_user}; "locked" means {@code locked_until} is still ahead. */
@Service
public class DatabaseUserDetailsService implements UserDetailsService {
    private final AppUserRepository users;
    private final Clock clock;

    public DatabaseUserDetailsService(AppUserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        AppUser user = users.findByUsername(username)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        return new AppUserDetails(user.toCurrentUser(), user.passwordHash(), user.enabled(),
                AccountLockout.isLocked(user.lockedUntil(), clock.instant()));
    }
}
