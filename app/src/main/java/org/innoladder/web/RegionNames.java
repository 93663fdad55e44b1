package org.innoladder.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.innoladder.identity.DataScope;
import org.innoladder.region.Regions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Region names for pages: "武进区 湖塘镇" where a table held "320412100", and the choices of the region picker — the
 * caller's region and the districts and towns below it that have enterprises — so nobody types a code. Names are read
 * from the region table once per code (the table changes only with a migration). Templates call it as
 * {@code @regionNames}.
 */
@Component("regionNames")
public class RegionNames {
    private final JdbcClient jdbc;
    private final Regions regions;
    private final Map<String, String> names = new ConcurrentHashMap<>();

    public RegionNames(JdbcClient jdbc, Regions regions) {
        this.jdbc = jdbc;
        this.regions = regions;
    }

    /** One choice of the picker: depth 0 is the caller's root (or a city for those who see every region). */
    public record Choice(String code, String name, int depth) {
        /** The name indented by its depth, so the list reads as a tree. */
        public String indented() {
            return "\u3000".repeat(depth) + name;
        }
    }

    /** The region's own name ("湖塘镇"), or the code when it is not a known region; empty for null. */
    public String name(String code) {
        if (code == null || code.isBlank()) return "";
        return names.computeIfAbsent(code, c -> regions.name(c).orElse(c));
    }

    /**
     * Where a region lies, from the district down ("武进区 湖塘镇"); a city or province by its own name. The province and
     * city are left out below them: every reader of one city's pages knows which city it is.
     */
    public String place(String code) {
        if (code == null || code.isBlank()) return "";
        if (code.length() <= 4) return name(code);
        if (code.length() == 6) return name(code);
        return name(code.substring(0, 6)) + " " + name(code);
    }

    /**
     * The regions a picker offers to this scope: its root, then every district and town below it where enterprises
     * are registered, in code order (a district before its towns). Someone who sees every region gets the cities.
     */
    public List<Choice> choices(DataScope scope) {
        if (scope instanceof DataScope.All || scope instanceof DataScope.RegionSubtree) {
            String root = scope instanceof DataScope.RegionSubtree s ? s.regionCode() : null;
            return choices(root, distinct("county_code", root), distinct("town_code", root));
        }
        return choicesGrouped(scope);
    }

    /** {@link #choices} grouping every enterprise of the scope (any scope; the index skip's specification). */
    public List<Choice> choicesGrouped(DataScope scope) {
        String root = scope instanceof DataScope.RegionSubtree s ? s.regionCode() : null;
        List<String> counties = new ArrayList<>();
        List<String> towns = new ArrayList<>();
        DataScope.SqlFilter f = scope.enterpriseFilter("e");
        JdbcClient.StatementSpec spec = jdbc.sql("SELECT DISTINCT e.county_code, e.town_code FROM enterprise e WHERE "
                + f.sql() + " AND e.county_code IS NOT NULL");
        for (Map.Entry<String, Object> p : f.params().entrySet()) spec = spec.param(p.getKey(), p.getValue());
        for (Map<String, Object> row : spec.query().listOfRows()) {
            counties.add((String) row.get("county_code"));
            if (row.get("town_code") != null) towns.add((String) row.get("town_code"));
        }
        return choices(root, counties, towns);
    }

    /**
     * The distinct district or town codes of the enterprises under {@code root} (null: all), skipped through the
     * column's index one value at a time: a city's picker grouped its million enterprises on every list page
     * (ListsBenchmark: about 150 ms of PostgreSQL's CPU a page), where it has a hundred codes.
     */
    List<String> distinct(String column, String root) {
        String range = root == null ? "%1$s IS NOT NULL" : "%1$s >= :lo AND %1$s < :hi";
        String next = nextCode(root);
        if (root != null && next == null) range = "%1$s >= :lo";
        String sql = ("""
                WITH RECURSIVE d(code) AS (
                    (SELECT %1$s FROM enterprise WHERE RANGE ORDER BY %1$s LIMIT 1)
                    UNION ALL
                    SELECT (SELECT %1$s FROM enterprise WHERE %1$s > d.code AND RANGE ORDER BY %1$s LIMIT 1) FROM d WHERE d.code IS NOT NULL
                ) SELECT code FROM d WHERE code IS NOT NULL""").replace("RANGE", range).formatted(column);
        JdbcClient.StatementSpec spec = jdbc.sql(sql);
        if (root != null) spec = spec.param("lo", root);
        if (next != null) spec = spec.param("hi", next);
        return spec.query(String.class).list();
    }

    /** The smallest digit string of the same length above every code that starts with {@code code} (null: none). */
    static String nextCode(String code) {
        if (code == null) return null;
        char[] c = code.toCharArray();
        for (int i = c.length - 1; i >= 0; i--) {
            if (c[i] < '9') {
                c[i]++;
                return new String(c, 0, i + 1);
            }
        }
        return null;
    }

    /** The picker's choices from the district and town codes where enterprises of the scope are registered. */
    private List<Choice> choices(String root, List<String> counties, List<String> towns) {
        Map<String, Integer> codes = new TreeMap<>();
        if (root != null) codes.put(root, 0);
        for (String county : counties) {
            if (root == null) codes.putIfAbsent(county.substring(0, 4), 0);
            if (root == null || county.startsWith(root) && county.length() > root.length()) codes.putIfAbsent(county, 0);
        }
        for (String town : towns) {
            if (root == null || town.startsWith(root) && town.length() > root.length()) codes.putIfAbsent(town, 0);
        }
        List<Choice> out = new ArrayList<>();
        int rootDepth = root == null ? 4 : root.length();
        for (String code : codes.keySet()) {
            int depth = code.length() <= rootDepth ? 0 : code.length() <= 6 ? (rootDepth < 6 ? 1 : 0) : (rootDepth < 6 ? 2 : 1);
            out.add(new Choice(code, name(code), depth));
        }
        return out;
    }
}
