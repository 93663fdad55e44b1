package org.innoladder.identity.internal;

import org.innoladder.identity.CurrentUser;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The Spring Security principal: a {@link CurrentUser} and its password hash. The hash is erased once the
 * password has been checked, so it never sits in the HTTP session.
 */
public final class AppUserDetails implements UserDetails, CredentialsContainer {
    private final CurrentUser user;
    private String passwordHash;
    private final boolean enabled;
    private final boolean locked;

    public AppUserDetails(CurrentUser user, String passwordHash, boolean enabled, boolean locked) {
        this.user = user;
        this.passwordHash = passwordHash;
        this.enabled = enabled;
        this.locked = locked;
    }

    /** A principal for tests and internal jobs: enabled, not locked, no password. */
    public static AppUserDetails of(CurrentUser user) {
        return new AppUserDetails(user, "", true, false);
    }

    public CurrentUser currentUser() { return user; }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(user.role().authority()));
    }

    @Override
    public String getPassword() { return passwordHash; }

    @Override
    public String getUsername() { return user.username(); }

    @Override
    public void eraseCredentials() { passwordHash = null; }

    @Override
    public boolean isAccountNonLocked() { return !locked; }

    @Override
    public boolean isEnabled() { return enabled; }
}
