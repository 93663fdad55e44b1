package org.innoladder.identity.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.innoladder.identity.Role;

/**
 * The configured rule from an identity provider's claims to our role and data scope. It only ever hands out a
 * role and a region that {@link SsoProperties} lists: a claim value it does not list refuses the sign-in, it is
 * never widened, guessed or defaulted.
 */
final class SsoClaimMapping {
    private final SsoProperties settings;

    SsoClaimMapping(SsoProperties settings) {
        this.settings = settings;
    }

    /** What the claims grant: a username, a display name, a role and the region of its scope. */
    record Granted(String username, String displayName, Role role, String regionCode) {
    }

    sealed interface Outcome permits Accepted, Refused {
    }

    record Accepted(Granted granted) implements Outcome {
    }

    record Refused(SsoRefusal refusal) implements Outcome {
    }

    Outcome map(String subject, Map<String, Object> claims) {
        String username = single(claims.get(settings.usernameClaim()));
        if (username == null || username.isBlank()) {
            return refuse(SsoRefusal.Reason.MISSING_CLAIM, settings.usernameClaim(), null, subject);
        }
        List<String> roleValues = values(claims.get(settings.roleClaim()));
        if (roleValues.isEmpty()) return refuse(SsoRefusal.Reason.MISSING_CLAIM, settings.roleClaim(), null, subject);
        Set<Role> roles = new LinkedHashSet<>();
        for (String value : roleValues) {
            Role role = settings.roles().get(value);
            if (role == null) return refuse(SsoRefusal.Reason.UNMAPPED_ROLE, settings.roleClaim(), value, subject);
            roles.add(role);
        }
        if (roles.size() > 1) {
            return refuse(SsoRefusal.Reason.AMBIGUOUS_ROLE, settings.roleClaim(), String.join(",", roleValues), subject);
        }
        List<String> regionValues = values(claims.get(settings.regionClaim()));
        if (regionValues.isEmpty()) return refuse(SsoRefusal.Reason.MISSING_CLAIM, settings.regionClaim(), null, subject);
        if (regionValues.size() > 1) {
            return refuse(SsoRefusal.Reason.AMBIGUOUS_REGION, settings.regionClaim(), String.join(",", regionValues), subject);
        }
        String region = settings.regions().get(regionValues.get(0));
        if (region == null) return refuse(SsoRefusal.Reason.UNMAPPED_REGION, settings.regionClaim(), regionValues.get(0), subject);
        String displayName = single(claims.get(settings.displayNameClaim()));
        return new Accepted(new Granted(username.strip(), displayName == null || displayName.isBlank() ? username.strip()
                : displayName.strip(), roles.iterator().next(), region));
    }

    private static Refused refuse(SsoRefusal.Reason reason, String claim, String value, String subject) {
        return new Refused(new SsoRefusal(reason, claim, value, subject));
    }

    /** A claim as a list of strings: a single value, a JSON array, or (some providers) a space- or comma-separated string. */
    private static List<String> values(Object claim) {
        if (claim == null) return List.of();
        if (claim instanceof Collection<?> many) {
            return many.stream().filter(v -> v != null && !v.toString().isBlank()).map(v -> v.toString().strip()).toList();
        }
        String text = claim.toString().strip();
        return text.isEmpty() ? List.of() : List.of(text.split("[\\s,]+"));
    }

    private static String single(Object claim) {
        if (claim instanceof Collection<?> many) return many.size() == 1 ? String.valueOf(many.iterator().next()) : null;
        return claim == null ? null : claim.toString();
    }
}
