package org.innoladder.web;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Every error of the REST API ({@code /api/**}, served by {@code @RestController}s) as an RFC 9457 problem
 * detail: bad parameters name the parameter, the value and the rule (Chinese in {@code detailZh}); not found is
 * 404; anything unexpected is a plain 500 without a stack trace (the trace goes to the log only).
 * Pages ({@code @Controller}) keep their own HTML error handling.
 */
@RestControllerAdvice(annotations = RestController.class)
public class ApiProblemAdvice extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiProblemAdvice.class);
    static final URI BAD_PARAMETER = URI.create("urn:innoladder:problem:bad-parameter");
    static final URI NOT_FOUND = URI.create("urn:innoladder:problem:not-found");
    static final URI INTERNAL = URI.create("urn:innoladder:problem:internal");

    @ExceptionHandler(BadParameterException.class)
    ProblemDetail badParameter(BadParameterException e, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.messageEn());
        p.setType(BAD_PARAMETER);
        p.setTitle("Invalid request parameter");
        p.setInstance(URI.create(request.getRequestURI()));
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
    void security(RuntimeException e) {
        throw e;
    }

    /** The last resort: the caller learns that it failed and when, never how. */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, HttpServletRequest request) {
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
        String type = ex.getRequiredType() == null ? "value" : ex.getRequiredType().getSimpleName();
        BadParameterException bad = new BadParameterException(name, String.valueOf(ex.getValue()),
                "必须是 " + type + " 类型的值", "must be a value of type " + type);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, bad.messageEn());
        p.setType(BAD_PARAMETER);
        p.setTitle("Invalid request parameter");
        p.setProperty("parameter", bad.parameter());
        p.setProperty("value", bad.value());
        p.setProperty("rule", bad.ruleEn());
        p.setProperty("ruleZh", bad.ruleZh());
        p.setProperty("detailZh", bad.messageZh());
        return handleExceptionInternal(ex, p, headers, HttpStatus.BAD_REQUEST, request);
    }
}
