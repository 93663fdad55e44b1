package org.innoladder.rules;

import java.time.LocalDate;
import java.util.List;

/**
 * A ruleset parameter as the app may show it: its clause, whether its value is a project default for an
 * [open] point of the standards, and its dated values (a Double, a List of strings, or a List of {@link Band}s).
 */
public record ParameterInfo(String name, String reference, String note, boolean projectDefault, List<Dated> values) {

    public record Dated(LocalDate from, Object value) {
    }

    /** One band of a score table: value ≥ min (> min when strict; min null for the catch-all) → [lo, hi] points. */
    public record Band(String label, Double min, boolean strict, int lo, int hi) {
    }

    static ParameterInfo of(Model.Parameter p) {
        return new ParameterInfo(p.name(), p.reference(), p.note(), p.projectDefault(),
                p.values().stream().map(d -> new Dated(d.from(), value(d.value()))).toList());
    }

    private static Object value(Object v) {
        if (v instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Model.Band) {
            return l.stream().map(o -> (Model.Band) o)
                    .map(b -> new Band(b.label(), b.otherwise() ? null : b.min(), b.strict(), b.lo(), b.hi())).toList();
        }
        return v;
    }
}
