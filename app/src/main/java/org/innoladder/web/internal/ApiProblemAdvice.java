package org.innoladder.web.internal;

import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.innoladder.web.Params;
import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Every error of the REST API ({@code /api/**}, served by {@code @RestController}s) as an RFC 9457 problem
 * detail: bad parameters name the parameter, the value and the rule (Chinese in {@code detailZh}) and are logged as
 * one WARN line; not found is 404; anything unexpected is a plain 500 without a stack trace (the trace goes to the
 * log only, at ERROR). Pages ({@code @Controller}) get HTML from {@link PageProblemAdvice}; this advice is ordered
 * before it because a {@code @RestController} is a {@code @Controller} too, and after {@link ScopeRefusalAdvice},
 * whose scope refusals are {@code AccessDeniedException}s that this advice hands back to Spring Security.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class ApiProblemAdvice extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiProblemAdvice.class);
    static final URI BAD_PARAMETER = URI.create("urn:innoladder:problem:bad-parameter");
    static final URI NOT_FOUND = URI.create("urn:innoladder:problem:not-found");
    public static final URI INTERNAL = URI.create("urn:innoladder:problem:internal");

    @ExceptionHandler(BadParameterException.class)
    public ProblemDetail badParameter(BadParameterException e, HttpServletRequest request) {
        BadInput.log(request, e);
        return problem(e, request.getRequestURI());
    }

    /** The problem detail of a bad parameter (also written by {@link RequestGuardFilter} before any controller). */
    static ProblemDetail problem(BadParameterException e, String instance) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.messageEn());
        p.setType(BAD_PARAMETER);
        p.setTitle("Invalid request parameter");
        if (instance != null) p.setInstance(URI.create(instance));
        p.setProperty("parameter", e.parameter());
        p.setProperty("value", e.value());
        p.setProperty("rule", e.ruleEn());
        p.setProperty("ruleZh", e.ruleZh());
        p.setProperty("detailZh", e.messageZh());
        return p;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.messageEn());
        p.setType(NOT_FOUND);
        p.setTitle("Not found");
        p.setInstance(URI.create(request.getRequestURI()));
        p.setProperty("detailZh", e.messageZh());
        return p;
    }

    /**
     * Security failures belong to Spring Security's handlers (one answer for the whole application): rethrowing
     * the same exception hands it back to the filter chain without a warning, and keeps it out of the 500 below.
     */
    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    public void security(RuntimeException e) {
        throw e;
    }

    /** The last resort: the caller learns that it failed and when, never how. */
    @ExceptionHandler(Exception.class)
    public ProblemDetail unexpected(Exception e, HttpServletRequest request) {
        log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request could not be completed because of an internal error.");
        p.setType(INTERNAL);
        p.setTitle("Internal error");
        p.setInstance(URI.create(request.getRequestURI()));
        p.setProperty("detailZh", "服务器内部错误，请求未能完成。");
        return p;
    }

    /** Path or query values of the wrong type ({@code year=abc}): name them like our own validation does. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        return bad(ex, Params.typeMismatch(name, ex.getValue(), ex.getRequiredType()), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return bad(ex, Params.missing(ex.getParameterName()), headers, request);
    }

    private ResponseEntity<Object> bad(Exception ex, BadParameterException bad, HttpHeaders headers, WebRequest request) {
        HttpServletRequest servlet = ((ServletWebRequest) request).getRequest();
        BadInput.log(servlet, bad);
        return handleExceptionInternal(ex, problem(bad, servlet.getRequestURI()), headers, HttpStatus.BAD_REQUEST, request);
    }
}
