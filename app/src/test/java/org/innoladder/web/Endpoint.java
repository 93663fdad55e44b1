package org.innoladder.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * One handler of the running application as the hostile-parameter test sees it: HTTP method, path pattern, the
 * names of its path variables and request parameters, whether it takes a JSON body or a file. Read from Spring's
 * {@link RequestMappingHandlerMapping}, so a new page or endpoint is tested without anyone listing it.
 */
record Endpoint(String method, String pattern, List<String> pathVariables, List<String> parameters, boolean jsonBody,
                List<String> files, String handler) {

    /** Names tried where a handler takes {@code @RequestParam Map} (the sandbox's free-form form). */
    static final List<String> FREE_FORM = List.of("year", "region", "period", "ruleset", "gpage", "lpage", "p.amount", "r.rd_ratio");

    static List<Endpoint> all(RequestMappingHandlerMapping mapping) {
        List<Endpoint> out = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = e.getKey();
            HandlerMethod h = e.getValue();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            List<String> verbs = methods.isEmpty() ? List.of("GET")
                    : methods.stream().map(Enum::name).filter(m -> List.of("GET", "POST", "PUT").contains(m)).toList();
            List<String> path = new ArrayList<>(), params = new ArrayList<>(), files = new ArrayList<>();
            boolean body = false;
            for (MethodParameter p : h.getMethodParameters()) {
                PathVariable pv = p.getParameterAnnotation(PathVariable.class);
                RequestParam rp = p.getParameterAnnotation(RequestParam.class);
                RequestPart part = p.getParameterAnnotation(RequestPart.class);
                if (pv != null) {
                    path.add(name(pv.name(), p));
                } else if (p.hasParameterAnnotation(RequestBody.class)) {
                    body = true;
                } else if (MultipartFile.class.isAssignableFrom(p.getParameterType())) {
                    files.add(rp != null ? name(rp.name(), p) : part != null ? name(part.name(), p) : p.getParameterName());
                } else if (rp != null && Map.class.isAssignableFrom(p.getParameterType())) {
                    params.addAll(FREE_FORM);
                } else if (rp != null) {
                    params.add(name(rp.name(), p));
                }
            }
            for (String pattern : info.getPatternValues()) {
                for (String verb : verbs) {
                    out.add(new Endpoint(verb, pattern, List.copyOf(path), List.copyOf(params), body, List.copyOf(files),
                            h.getBeanType().getSimpleName() + "." + h.getMethod().getName()));
                }
            }
        }
        out.sort(Comparator.comparing(Endpoint::pattern).thenComparing(Endpoint::method));
        return out;
    }

    private static String name(String declared, MethodParameter p) {
        return declared == null || declared.isEmpty() ? p.getParameterName() : declared;
    }

    boolean isApi() {
        return pattern.startsWith("/api/");
    }

    int parameterCount() {
        return pathVariables.size() + parameters.size() + files.size();
    }

    @Override
    public String toString() {
        return method + " " + pattern;
    }
}
