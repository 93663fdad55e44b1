package org.innoladder.identity.internal;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.identity.ApiTokenResolver;
import org.innoladder.identity.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The bearer-token half of the API credentials chain: a request whose {@code Authorization} is {@code Bearer …} is
 * authenticated by the token alone (through the {@link ApiTokenResolver} a capability provides) or answered 401/429
 * here. The token's user must be an enabled BANK user of the token's bank, checked on every request, so disabling
 * the user or moving it to another bank stops its tokens at once.
 */
final class BearerTokenFilter extends OncePerRequestFilter {
    private final ObjectProvider<ApiTokenResolver> resolver;
    private final AppUserRepository users;
    private final ApiProblems problems;

    BearerTokenFilter(ObjectProvider<ApiTokenResolver> resolver, AppUserRepository users, ApiProblems problems) {
        this.resolver = resolver;
        this.users = users;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String h = header == null ? "" : header.strip();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        ApiTokenResolver r = resolver.getIfAvailable();
        ApiTokenResolver.Resolution res = r == null ? ApiTokenResolver.Resolution.invalid() : r.resolve(h.substring(7).strip());
        if (res.outcome() == ApiTokenResolver.Outcome.RATE_LIMITED) {
            problems.tooManyRequests(request, response, res.retryAfterSeconds());
            return;
        }
        Optional<AppUser> user = res.outcome() == ApiTokenResolver.Outcome.VALID ? users.findById(res.userId()) : Optional.empty();
        if (user.isEmpty() || !user.get().enabled() || user.get().role() != Role.BANK || user.get().bankId() == null
                || user.get().bankId() != res.bankId()) {
            SecurityContextHolder.clearContext();
            problems.commence(request, response, new BadCredentialsException("bad token"));
            return;
        }
        AppUserDetails details = AppUserDetails.of(user.get().toCurrentUser());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(details, null, details.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
