package org.innoladder.rules.yaml;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks the shape of a loaded YAML document (mappings, lists, allowed keys, required text) and reports what is
 * wrong with the file, the element and the line; each loader supplies its own exception type.
 */
public final class YamlShape<E extends RuntimeException> {
    /** Builds a loader's exception from the full message and where it points (line/column 0 when unknown). */
    @FunctionalInterface
    public interface Located<E extends RuntimeException> {
        E at(String message, String where, int line, int column);
    }

    private final YamlDoc doc;
    private final Located<E> exception;

    public YamlShape(YamlDoc doc, Function<String, E> exception) {
        this(doc, (message, where, line, column) -> exception.apply(message));
    }

    private YamlShape(YamlDoc doc, Located<E> exception) {
        this.doc = doc;
        this.exception = exception;
    }

    /** For loaders whose exception also carries the element and its line/column (e.g. for form fields). */
    public static <E extends RuntimeException> YamlShape<E> located(YamlDoc doc, Located<E> exception) {
        return new YamlShape<>(doc, exception);
    }

    /** "file: where (line n): message", at the key's line when known, else the container's. */
    public E error(String where, Object container, String key, String message) {
        int[] pos = container == null || key == null ? null : doc.position(container, key);
        int line = pos != null ? pos[0] : container == null ? 0 : doc.line(container);
        int column = pos != null ? pos[1] : 0;
        return exception.at(doc.file() + ": " + where + (line > 0 ? " (line " + line + ")" : "") + ": " + message,
                where, line, column);
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
        keys(m, where, List.of(allowed), false);
    }

    /** As {@link #keys(Map, String, String...)}, but names the unknown key as {@code where.key}. */
    public void keysNamed(Map<String, Object> m, String where, List<String> allowed) {
        keys(m, where, allowed, true);
    }

    private void keys(Map<String, Object> m, String where, List<String> allowed, boolean named) {
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) {
                throw error(named ? where + "." + k : where, m, k,
                        "unknown key '" + k + "' (allowed: " + String.join(", ", allowed) + ")");
            }
        }
    }

    public String text(Map<String, Object> m, String key, String where) {
        Object v = m.get(key);
        if (v instanceof String s && !s.isBlank()) return s;
        throw error(where, m, key, "needs '" + key + "'");
    }

    /** A number; '_' may group digits. */
    public double number(Map<String, Object> m, String key, String where) {
        String s = text(m, key, where);
        try {
            return Double.parseDouble(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw error(where, m, key, "'" + s + "' is not a number");
        }
    }

    public boolean bool(Map<String, Object> m, String key, String where) {
        String s = text(m, key, where);
        if (s.equals("true") || s.equals("false")) return Boolean.parseBoolean(s);
        throw error(where, m, key, "'" + s + "' must be true or false");
    }

    public LocalDate date(Map<String, Object> m, String key, String where) {
        String s = text(m, key, where);
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw error(where, m, key, "'" + s + "' is not a yyyy-mm-dd date");
        }
    }
}
