package org.innoladder.identity.internal;

import java.util.Map;
import java.util.Set;

import org.innoladder.identity.DataScope;
import org.innoladder.identity.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Single sign-on through an OpenID Connect provider ({@code innoladder.sso.*}, docs/sso.md). The provider itself
 * (client id, secret, issuer) is Spring's {@code spring.security.oauth2.client.registration.<registrationId>}.
 *
 * @param roles   role-claim value → role; only these values sign anyone in
 * @param regions region-claim value (an organisation code) → region code of the user's data scope; only these
 * @param provision whether a user the provider vouches for but {@code app_user} lacks is created (else refused)
 */
@ConfigurationProperties("innoladder.sso")
public record SsoProperties(boolean enabled,
                           @DefaultValue("gov") String registrationId,
                           @DefaultValue("preferred_username") String usernameClaim,
                           @DefaultValue("name") String displayNameClaim,
                           @DefaultValue("roles") String roleClaim,
                           @DefaultValue("org_code") String regionClaim,
                           boolean provision,
                           Map<String, Role> roles,
                           Map<String, String> regions) {
    /** Roles whose scope is a region (or everything): the others need an enterprise, bank or review assignment. */
    static final Set<Role> MAPPABLE = Set.of(Role.ADMIN, Role.BUREAU, Role.TOWN, Role.LEADER);

    public SsoProperties {
        roles = roles == null ? Map.of() : Map.copyOf(roles);
        regions = regions == null ? Map.of() : Map.copyOf(regions);
        roles.forEach((value, role) -> {
            if (!MAPPABLE.contains(role)) {
                throw new IllegalArgumentException("innoladder.sso.roles." + value + "=" + role
                        + ": single sign-on can only grant " + MAPPABLE + " (their scope is a region)");
            }
        });
        regions.forEach((value, code) -> {
            try {
                new DataScope.RegionSubtree(code);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("innoladder.sso.regions." + value + "=" + code + ": " + e.getMessage());
            }
        });
        if (enabled && (roles.isEmpty() || regions.isEmpty())) {
            throw new IllegalArgumentException("innoladder.sso.enabled=true needs innoladder.sso.roles and "
                    + "innoladder.sso.regions: without them nobody could sign in through the identity provider");
        }
    }
}
