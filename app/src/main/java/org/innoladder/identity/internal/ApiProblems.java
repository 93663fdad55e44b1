package org.innoladder.identity.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem details for API callers: 401 (with a Basic challenge) when not signed in or the credentials
 * are wrong, 429 when the address is throttled, 403 when signed in but not allowed or when a session's change lacks
 * its CSRF token. API clients must never be redirected to the login page.
 */
public class ApiProblems implements AuthenticationEntryPoint, AccessDeniedHandler {
    static final String REALM = "InnoLadder";

    private final MessageSource messages;
    private final LocaleResolver locales;
    private final JsonMapper json;
    private final LoginPolicy policy;

    public ApiProblems(MessageSource messages, LocaleResolver locales, JsonMapper json, LoginPolicy policy) {
        this.messages = messages;
        this.locales = locales;
        this.json = json;
        this.policy = policy;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof LoginThrottledException) {
            response.setHeader("Retry-After", Long.toString(policy.ipWindow().toSeconds()));
            write(request, response, HttpStatus.TOO_MANY_REQUESTS, "problem.throttled");
            return;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        write(request, response, HttpStatus.UNAUTHORIZED,
                e instanceof LockedException ? "problem.locked" : "problem.unauthorized");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, e instanceof CsrfException ? "problem.csrf" : "problem.forbidden");
    }

    /** 429 with Retry-After: an API token used faster than its rate limit allows. */
    public void tooManyRequests(HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds)
            throws IOException {
        response.setHeader("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
        write(request, response, HttpStatus.TOO_MANY_REQUESTS, "problem.rateLimited");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String key)
            throws IOException {
        Locale locale = locales.resolveLocale(request);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", messages.getMessage(key, null, key, locale));
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(problem));
    }
}
