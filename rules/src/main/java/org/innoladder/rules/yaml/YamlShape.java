package org.innoladder.rules.yaml;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks the shape of a loaded YAML document (mappings, lists, allowed keys, required text) and reports what is
 * wrong with the file, the element and the line; each loader supplies its own exception type.
 */
public final class YamlShape<E extends RuntimeException> {
    private final YamlDoc doc;
    private final Function<String, E> exception;

    public YamlShape(YamlDoc doc, Function<String, E> exception) {
        this.doc = doc;
        this.exception = exception;
    }

    /** "file: where (line n): message", at the key's line when known, else the container's. */
    public E error(String where, Object container, String key, String message) {
        int[] pos = container == null || key == null ? null : doc.position(container, key);
        int line = pos != null ? pos[0] : container == null ? 0 : doc.line(container);
        return exception.apply(doc.file() + ": " + where + (line > 0 ? " (line " + line + ")" : "") + ": " + message);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(Object o, String where, Object container, String key) {
        if (o instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw error(where, container, key, o == null ? "is missing" : "must be a mapping");
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(Object o, String where, Object container, String key) {
        if (o instanceof List<?> l) return (List<Object>) l;
        throw error(where, container, key, o == null ? "is missing" : "must be a list");
    }

    /** Rejects keys an element does not have, so that a misspelt key is not silently ignored. */
    public void keys(Map<String, Object> m, String where, String... allowed) {
        List<String> ok = List.of(allowed);
        for (String k : m.keySet()) {
            if (!ok.contains(k)) throw error(where, m, k, "unknown key '" + k + "' (allowed: " + String.join(", ", ok) + ")");
        }
    }

    public String text(Map<String, Object> m, String key, String where) {
        Object v = m.get(key);
        if (v instanceof String s && !s.isBlank()) return s;
        throw error(where, m, key, "needs '" + key + "'");
    }
}
