package org.innoladder.rules.yaml;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.FactRow;

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
 * The reading shared by the {@code *.tests.yaml} case files of rulesets and policies: a base enterprise
 * (enterprise columns and rows Y … Y-4) that each case overrides in part ({@code ~} makes a fact unknown,
 * {@code Y-1: ~} drops the row).
 */
public final class CaseYaml {
    private static final List<String> YEARS = List.of("Y", "Y-1", "Y-2", "Y-3", "Y-4");

    private CaseYaml() {
    }

    /** The root mapping of a case file. */
    public static Map<String, Object> root(String file, InputStream resource) {
        try (InputStream in = resource) {
            return asMap(YamlDoc.parse(file, new InputStreamReader(in, StandardCharsets.UTF_8)).root());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(Object o) {
        return o == null ? new LinkedHashMap<>() : (Map<String, Object>) o;
    }

    /**
     * Base overridden by a case's {@code set}, per part: the {@code always} parts (e.g. enterprise) and the years.
     * A year absent from both base and case has no row; a part set to {@code ~} is dropped.
     */
    public static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> set, List<String> always) {
        Map<String, Object> merged = new LinkedHashMap<>();
        List<String> parts = new ArrayList<>(always);
        parts.addAll(YEARS);
        for (String part : parts) {
            if (set.containsKey(part) && set.get(part) == null) continue;
            if (!always.contains(part) && !base.containsKey(part) && !set.containsKey(part)) continue;
            Map<String, Object> m = new LinkedHashMap<>(asMap(base.get(part)));
            m.putAll(asMap(set.get(part)));
            merged.put(part, m);
        }
        return merged;
    }

    /** One fact row per merged year, each with the enterprise columns, newest (Y) first. */
    public static List<FactRow> rows(Map<String, Object> merged, int year) {
        Map<String, Object> enterprise = asMap(merged.get("enterprise"));
        List<FactRow> rows = new ArrayList<>();
        for (int o = 0; o < YEARS.size(); o++) {
            if (!merged.containsKey(YEARS.get(o))) continue;
            FactRow.Builder b = FactRow.builder();
            enterprise.forEach((k, v) -> set(b, k, v));
            asMap(merged.get(YEARS.get(o))).forEach((k, v) -> set(b, k, v));
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
