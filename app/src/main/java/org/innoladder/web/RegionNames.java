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
        DataScope.SqlFilter f = scope.enterpriseFilter("e");
        JdbcClient.StatementSpec spec = jdbc.sql("SELECT DISTINCT e.county_code, e.town_code FROM enterprise e WHERE "
                + f.sql() + " AND e.county_code IS NOT NULL");
        for (Map.Entry<String, Object> p : f.params().entrySet()) spec = spec.param(p.getKey(), p.getValue());
        Map<String, Integer> codes = new TreeMap<>();
        String root = scope instanceof DataScope.RegionSubtree s ? s.regionCode() : null;
        if (root != null) codes.put(root, 0);
        for (Map<String, Object> row : spec.query().listOfRows()) {
            String county = (String) row.get("county_code"), town = (String) row.get("town_code");
            if (root == null) codes.putIfAbsent(county.substring(0, 4), 0);
            if (root == null || county.startsWith(root) && county.length() > root.length()) codes.putIfAbsent(county, 0);
            if (town != null && (root == null || town.startsWith(root) && town.length() > root.length())) codes.putIfAbsent(town, 0);
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
