package org.innoladder.rules;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.List;

/** Just enough JSON writing for results, so that the rules module needs no JSON library. */
final class Json {
    private Json() {
    }

    static StringBuilder field(StringBuilder b, String name, Object value) {
        string(b, name).append(':');
        return value(b, value);
    }

    /** Nested result records are written with their component names, which are the JSON names. */
    static StringBuilder value(StringBuilder b, Object v) {
        if (v == null) return b.append("null");
        if (v instanceof Record r) return record(b, r);
        if (v instanceof List<?> l) {
            b.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) b.append(',');
                value(b, l.get(i));
            }
            return b.append(']');
        }
        if (v instanceof String s) return string(b, s);
        if (v instanceof Boolean || v instanceof Integer || v instanceof Long) return b.append(v);
        if (v instanceof BigDecimal d) return b.append(d.toPlainString());
        if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) return b.append("null");
            if (d == Math.rint(d) && Math.abs(d) < 1e15) return b.append(d.longValue());
            return b.append(d);
        }
        return string(b, v.toString());
    }

    private static StringBuilder record(StringBuilder b, Record r) {
        b.append('{');
        Component[] components = COMPONENTS.get(r.getClass());
        for (int i = 0; i < components.length; i++) {
            if (i > 0) b.append(',');
            try {
                field(b, components[i].name(), components[i].accessor().invoke(r));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return b.append('}');
    }

    private record Component(String name, Method accessor) {
    }

    // Class.getRecordComponents() copies and re-resolves on every call: a run writes millions of records.
    private static final ClassValue<Component[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected Component[] computeValue(Class<?> type) {
            RecordComponent[] rc = type.getRecordComponents();
            Component[] out = new Component[rc.length];
            for (int i = 0; i < rc.length; i++) out[i] = new Component(rc[i].getName(), rc[i].getAccessor());
            return out;
        }
    };

    static StringBuilder string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"');
    }
}
