package org.innoladder.enterprise;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Published writer of an enterprise's expert-judged facts of a year (the {@code hnte_*} columns of the data
 * dictionary), for the review module: the enterprise module owns {@code enterprise_year}, so the panel's scores enter
 * it here. Only the expert columns can be written, each within its dictionary range; the caller has checked its
 * write scope and keeps the provenance (which review, which experts, when).
 */
@Component
public class ExpertFacts {
    /** The expert columns and their maximum (data dictionary: hnte_tech_advancement 0–8 …). */
    public static final Map<String, Integer> COLUMNS = orderedColumns();

    private final JdbcClient jdbc;

    public ExpertFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static Map<String, Integer> orderedColumns() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("hnte_tech_advancement", 8);
        m.put("hnte_core_support", 8);
        m.put("hnte_rd_management", 20);
        m.put("hnte_standards_bonus", 2);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Sets the given expert facts of the year (creating the year's row when there is none), in the caller's transaction. */
    public void record(long enterpriseId, int year, Map<String, Integer> values) {
        for (var e : values.entrySet()) {
            Integer max = COLUMNS.get(e.getKey());
            if (max == null) throw new IllegalArgumentException("not an expert fact: " + e.getKey());
            if (e.getValue() == null || e.getValue() < 0 || e.getValue() > max) {
                throw new IllegalArgumentException(e.getKey() + " must lie between 0 and " + max + ": " + e.getValue());
            }
        }
        if (values.isEmpty()) return;
        List<String> cols = List.copyOf(values.keySet());
        String names = String.join(", ", cols);
        String marks = String.join(", ", cols.stream().map(c -> ":" + c).toList());
        String updates = String.join(", ", cols.stream().map(c -> c + " = EXCLUDED." + c).toList());
        var spec = jdbc.sql("INSERT INTO enterprise_year (enterprise_id, year, " + names + ") VALUES (:enterprise, :year, " + marks
                        + ") ON CONFLICT (enterprise_id, year) DO UPDATE SET " + updates + ", updated_at = now()")
                .param("enterprise", enterpriseId).param("year", year);
        for (String c : cols) spec = spec.param(c, values.get(c));
        spec.update();
    }
}
