package org.innoladder.identity.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Back to the login page with one of three reasons: wrong credentials (never saying whether the username
 * exists), the account is temporarily locked, or the caller's address is throttled.
 */
public class FormLoginFailureHandler implements AuthenticationFailureHandler {
    private final RedirectStrategy redirects = new DefaultRedirectStrategy();

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException e) throws IOException {
        String reason = e instanceof LockedException ? "locked"
                : e instanceof LoginThrottledException ? "throttled" : "error";
        redirects.sendRedirect(request, response, "/login?" + reason);
    }
}
