package org.innoladder.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/** Remembers the page a signed-out user asked for, but never an API call or an htmx fragment. */
class ApiAwareRequestCache extends HttpSessionRequestCache {
    @Override
    public void saveRequest(HttpServletRequest request, HttpServletResponse response) {
        if (SecurityConfiguration.API.matches(request) || "true".equals(request.getHeader("HX-Request"))) {
            return;
        }
        super.saveRequest(request, response);
    }
}
