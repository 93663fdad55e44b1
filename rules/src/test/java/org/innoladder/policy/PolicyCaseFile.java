package org.innoladder.policy;

import org.innoladder.facts.Column;
import org.innoladder.facts.FactRow;
import org.innoladder.rules.yaml.YamlDoc;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy's {@code *.tests.yaml}: a base enterprise (enterprise columns, rows Y … Y-4, and {@code context}
 * values by name) and cases that override some of it ({@code ~} = unknown; {@code Y-1: ~} drops the row) and
 * state the expected outcome, amount, gaps (criterion, lever, required) and unknown facts.
 */
record PolicyCaseFile(String file, String policy, List<Case> cases) {

    record Case(String name, int year, List<FactRow> rows, Map<String, Object> context, Map<String, Object> expect) {
    }

    static PolicyCaseFile read(String file) {
        try (InputStream in = Policies.resource(file)) {
            YamlDoc doc = YamlDoc.parse(file, new InputStreamReader(in, StandardCharsets.UTF_8));
            return parse(file, asMap(doc.root()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return o == null ? new LinkedHashMap<>() : (Map<String, Object>) o;
    }

    private static PolicyCaseFile parse(String file, Map<String, Object> root) {
        int year = Integer.parseInt((String) root.get("year"));
        Map<String, Object> base = asMap(root.get("base"));
        List<Case> cases = new ArrayList<>();
        for (Object o : (List<?>) root.get("cases")) {
            Map<String, Object> c = asMap(o);
            Map<String, Object> set = asMap(c.get("set"));
            Map<String, Object> merged = new LinkedHashMap<>();
            for (String part : List.of("enterprise", "context", "Y", "Y-1", "Y-2", "Y-3", "Y-4")) {
                if (set.containsKey(part) && set.get(part) == null) continue;
                if (!part.equals("enterprise") && !part.equals("context") && !base.containsKey(part) && !set.containsKey(part)) continue;
                Map<String, Object> m = new LinkedHashMap<>(asMap(base.get(part)));
                m.putAll(asMap(set.get(part)));
                merged.put(part, m);
            }
            cases.add(new Case((String) c.get("name"), year, rows(asMap(merged.get("enterprise")), merged, year),
                    asMap(merged.get("context")), asMap(c.get("expect"))));
        }
        return new PolicyCaseFile(file, (String) root.get("policy"), cases);
    }

    private static List<FactRow> rows(Map<String, Object> enterprise, Map<String, Object> merged, int year) {
        List<FactRow> rows = new ArrayList<>();
        String[] parts = {"Y", "Y-1", "Y-2", "Y-3", "Y-4"};
        for (int o = 0; o < parts.length; o++) {
            if (!merged.containsKey(parts[o])) continue;
            FactRow.Builder b = FactRow.builder();
            enterprise.forEach((k, v) -> set(b, k, v));
            asMap(merged.get(parts[o])).forEach((k, v) -> set(b, k, v));
            b.set(Column.YEAR, year - o);
            rows.add(b.build());
        }
        return rows;
    }

    private static void set(FactRow.Builder b, String key, Object raw) {
        Column c = Column.ofKey(key);
        if (c == null) throw new IllegalArgumentException("no column " + key);
        if (raw == null) {
            b.set(c, null);
            return;
        }
        String s = raw.toString().replace("_", "");
        b.set(c, switch (c.type()) {
            case INT -> Integer.parseInt(s);
            case MONEY -> new BigDecimal(s);
            case BOOL -> Boolean.parseBoolean(s);
            case DATE -> LocalDate.parse(s);
            case TEXT -> raw.toString();
        });
    }
}
