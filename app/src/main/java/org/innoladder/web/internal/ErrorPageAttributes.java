package org.innoladder.web.internal;

import org.innoladder.web.BadParameterException;
import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * What the servlet error page (templates/error.html) knows: Spring Boot's attributes plus, for a parameter refused
 * before any controller ran ({@link RequestGuardFilter}), that parameter, so the page can name it, its value and
 * the rule.
 */
@Component
public class ErrorPageAttributes extends DefaultErrorAttributes {
    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        Object bad = request.getAttribute(RequestGuardFilter.BAD_PARAMETER, RequestAttributes.SCOPE_REQUEST);
        if (bad == null && getError(request) instanceof BadParameterException e) bad = e;
        if (bad instanceof BadParameterException) attributes.put("badParameter", bad);
        return attributes;
    }
}
