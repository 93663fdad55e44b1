package org.innoladder.identity.internal;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Requests whose {@code Authorization} header names one of the given schemes ({@code Basic …}), compared without
 * regard to case as RFC 9110 says. Only the scheme is looked at: whether the credentials are any good is for the
 * authentication filter of the chain this matcher selects to decide.
 */
final class AuthorizationSchemeMatcher implements RequestMatcher {
    private final List<String> schemes;

    AuthorizationSchemeMatcher(List<String> schemes) {
        this.schemes = schemes.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) return false;
        String h = header.strip();
        int space = h.indexOf(' ');
        String scheme = (space < 0 ? h : h.substring(0, space)).toLowerCase(Locale.ROOT);
        return schemes.contains(scheme);
    }

    @Override
    public String toString() {
        return "Authorization scheme in " + schemes;
    }
}
