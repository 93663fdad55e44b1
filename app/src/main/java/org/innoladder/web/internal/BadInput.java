package org.innoladder.web.internal;

import org.innoladder.web.BadParameterException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of refused input: one WARN line per bad request (method, path, parameter, value, rule), never a stack
 * trace; a caller sending garbage must not be able to flood the log or pass for a server fault (ERROR).
 */
final class BadInput {
    private static final Logger log = LoggerFactory.getLogger(BadInput.class);

    private BadInput() {
    }

    static void log(HttpServletRequest request, BadParameterException e) {
        log.warn("bad request {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
    }
}
