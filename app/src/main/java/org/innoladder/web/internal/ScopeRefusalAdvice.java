package org.innoladder.web.internal;

import java.net.URI;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.innoladder.identity.CurrentUserArgumentResolver;
import org.innoladder.identity.OutOfScopeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.ModelAndView;

/**
 * A write refused by the caller's write scope ({@link OutOfScopeException}), answered the same way by every page
 * and endpoint: 403 naming the field and value (404 when the caller may not even see the target), logged at WARN
 * in one line. Ordered first so that no other handler turns it into a generic error.
 */
public final class ScopeRefusalAdvice {
    private static final Logger log = LoggerFactory.getLogger(ScopeRefusalAdvice.class);
    static final URI OUT_OF_SCOPE = URI.create("urn:innoladder:problem:out-of-scope");

    private ScopeRefusalAdvice() {
    }

    static HttpStatus status(OutOfScopeException e) {
        return e.hidden() ? HttpStatus.NOT_FOUND : HttpStatus.FORBIDDEN;
    }

    static void log(OutOfScopeException e, HttpServletRequest request) {
        log.warn("write refused by scope: {} {} {}={} ({})", request.getMethod(), request.getRequestURI(), e.field(),
                e.value(), status(e).value());
    }

    /** REST API: an RFC 9457 problem detail. */
    @RestControllerAdvice(annotations = RestController.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public static class Api {
        @ExceptionHandler(OutOfScopeException.class)
        ProblemDetail refused(OutOfScopeException e, HttpServletRequest request) {
            log(e, request);
            HttpStatus status = status(e);
            ProblemDetail p = ProblemDetail.forStatusAndDetail(status, e.messageEn());
            p.setType(e.hidden() ? ApiProblemAdvice.NOT_FOUND : OUT_OF_SCOPE);
            p.setTitle(e.hidden() ? "Not found" : "Outside your scope");
            p.setInstance(URI.create(request.getRequestURI()));
            p.setProperty("detailZh", e.messageZh());
            if (!e.hidden()) {
                p.setProperty("parameter", e.field());
                p.setProperty("value", e.value());
            }
            return p;
        }
    }

    /** Pages: the error page with the reason. */
    @org.springframework.web.bind.annotation.ControllerAdvice
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    public static class Pages {
        @ExceptionHandler(OutOfScopeException.class)
        ModelAndView refused(OutOfScopeException e, HttpServletRequest request) {
            log(e, request);
            HttpStatus status = status(e);
            ModelAndView mv = new ModelAndView("error", Map.of("status", status.value(), "error", status.getReasonPhrase(),
                    "reasonZh", e.messageZh(), "reasonEn", e.messageEn()), status);
            if (CurrentUserArgumentResolver.current() != null) mv.addObject("currentUser", CurrentUserArgumentResolver.current());
            return mv;
        }
    }
}
