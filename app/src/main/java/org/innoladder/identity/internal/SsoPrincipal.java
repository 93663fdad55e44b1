package org.innoladder.identity.internal;

import java.util.List;

import org.innoladder.identity.CurrentUser;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A user signed in through the identity provider: its OpenID Connect tokens (the ID token is the hint that ends
 * the provider's session at logout) and the {@link CurrentUser} the claim mapping granted. Its only authority is
 * that user's role, so {@code hasRole} checks read the same as for a password login.
 */
public final class SsoPrincipal extends DefaultOidcUser {
    private final CurrentUser user;

    SsoPrincipal(CurrentUser user, OidcUser oidc, String usernameClaim) {
        super(List.of(new SimpleGrantedAuthority(user.role().authority())), oidc.getIdToken(), oidc.getUserInfo(),
                usernameClaim);
        this.user = user;
    }

    public CurrentUser currentUser() {
        return user;
    }

    /** Our username (the mapped claim), which is also what {@code Authentication#getName()} gives. */
    @Override
    public String getName() {
        return user.username();
    }
}
