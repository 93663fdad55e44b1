package org.innoladder.identity.internal;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The password check (form login and HTTP Basic alike) wrapped in the login limits and the audit trail.
 * Disabled accounts are reported as bad credentials so the answer never tells whether a username exists.
 */
public class ThrottlingAuthenticationProvider implements AuthenticationProvider {
    private final DaoAuthenticationProvider passwords;
    private final LoginAttempts attempts;

    public ThrottlingAuthenticationProvider(DaoAuthenticationProvider passwords, LoginAttempts attempts) {
        this.passwords = passwords;
        this.attempts = attempts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String ip = authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
        boolean basic = authentication.getDetails() instanceof BasicAuthDetails;
        String how = basic ? "http basic" : "form";
        attempts.beforeAttempt(username, ip);
        Authentication result;
        try {
            result = passwords.authenticate(authentication);
        } catch (BadCredentialsException e) {
            attempts.onBadCredentials(username, ip);
            throw e;
        } catch (LockedException e) {
            attempts.onRefused(username, ip, "locked");
            throw e;
        } catch (DisabledException e) {
            attempts.onRefused(username, ip, "disabled");
            throw new BadCredentialsException("bad credentials");
        }
        attempts.onSuccess((AppUserDetails) result.getPrincipal(), ip, how, basic);
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /**
     * Marks details built by the HTTP Basic filter, so the audit entry can say how the user signed in and a
     * credential sent with every API call is audited once per window rather than per call.
     */
    public static final class BasicAuthDetails extends WebAuthenticationDetails {
        public BasicAuthDetails(jakarta.servlet.http.HttpServletRequest request) {
            super(request);
        }
    }
}
