package org.innoladder.web.internal;

import org.innoladder.web.BadParameterException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses, before security or any controller sees them, parameters no rule of the application can accept: text
 * that is not UTF-8 and the NUL character (PostgreSQL stores neither; a NUL sent on to a query used to come back as
 * a 500). Runs right after the character-encoding filter, so form bodies are decoded as UTF-8 here too. The answer
 * is the application's usual 400: a problem detail for {@code /api/**}, the error page naming the parameter
 * otherwise (see {@link ErrorPageAttributes}).
 */
@Component
@ConditionalOnWebApplication
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestGuardFilter extends OncePerRequestFilter {
    /** Request attribute carrying the refused parameter to the error page. */
    static final String BAD_PARAMETER = RequestGuardFilter.class.getName() + ".badParameter";

    private final JsonMapper json;

    public RequestGuardFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        BadParameterException bad = check(request);
        if (bad == null) {
            chain.doFilter(request, response);
            return;
        }
        BadInput.log(request, bad);
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            writeProblem(request, response, bad);
        } else {
            request.setAttribute(BAD_PARAMETER, bad);
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
        }
    }

    static BadParameterException check(HttpServletRequest request) {
        Map<String, String[]> params;
        try {
            params = request.getParameterMap();
        } catch (RuntimeException e) {
            // the container could not decode a parameter (Tomcat's InvalidParameterException): find it in the query
            return undecodable(request.getQueryString());
        }
        for (Map.Entry<String, String[]> p : params.entrySet()) {
            if (hasNul(p.getKey())) return nul(p.getKey(), p.getKey());
            for (String v : p.getValue()) {
                if (hasNul(v)) return nul(p.getKey(), v);
            }
        }
        return null;
    }

    private static boolean hasNul(String s) {
        return s != null && s.indexOf('\0') >= 0;
    }

    private static BadParameterException nul(String name, String value) {
        return new BadParameterException(name, value, "不得包含 NUL 字符（\\u0000）", "must not contain the NUL character (\\u0000)");
    }

    private static BadParameterException undecodable(String query) {
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                if (decodes(name) && decodes(value)) continue;
                // the value as sent (still percent-encoded): it has no text to show
                return new BadParameterException(decodes(name) ? strictDecode(name) : name, value,
                        "须为 UTF-8 编码的文本", "must be text encoded as UTF-8");
            }
        }
        return new BadParameterException("(request body)", "", "参数须为 UTF-8 编码的文本且不超过服务器的数量限制",
                "parameters must be text encoded as UTF-8, within the server's limit on their number");
    }

    private static boolean decodes(String encoded) {
        try {
            strictDecode(encoded);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Percent-decoding that refuses malformed escapes and byte sequences that are not UTF-8. */
    private static String strictDecode(String encoded) {
        ByteBuffer bytes = ByteBuffer.allocate(encoded.length() * 4);
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) throw new IllegalArgumentException("truncated escape");
                int hi = Character.digit(encoded.charAt(i + 1), 16), lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) throw new IllegalArgumentException("bad escape");
                bytes.put((byte) (hi * 16 + lo));
                i += 2;
            } else if (c == '+') {
                bytes.put((byte) ' ');
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8", e);
        }
    }

    private void writeProblem(HttpServletRequest request, HttpServletResponse response, BadParameterException bad)
            throws IOException {
        ProblemDetail p = ApiProblemAdvice.problem(bad, request.getRequestURI());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", p.getType().toString());
        body.put("title", p.getTitle());
        body.put("status", p.getStatus());
        body.put("detail", p.getDetail());
        body.put("instance", request.getRequestURI());
        if (p.getProperties() != null) body.putAll(p.getProperties());
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(body));
    }
}
