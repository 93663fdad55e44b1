package org.innoladder.region;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The statistical division codes (table {@code region}, loaded by this module's migration): existence, names,
 * children, paths and the choices of region selects. Other modules ask here instead of querying the table; lists of
 * enterprises still join it for names in their own SQL (docs/modules.md).
 */
@Component
public class Regions {
    private static final RowMapper<RegionOption> OPTION = (rs, n) -> new RegionOption(rs.getString(1), rs.getString(2));

    /** A region: code, name and level (province, city, county, town). */
    public record Region(String code, String name, String level) {
    }

    private final JdbcClient jdbc;

    public Regions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean exists(String code) {
        return code != null && jdbc.sql("SELECT EXISTS (SELECT 1 FROM region WHERE code = ?)").param(code).query(Boolean.class).single();
    }

    public Optional<Region> find(String code) {
        return jdbc.sql("SELECT code, name, level FROM region WHERE code = ?").param(code)
                .query((rs, i) -> new Region(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    }

    public Optional<String> name(String code) {
        if (code == null) return Optional.empty();
        return jdbc.sql("SELECT name FROM region WHERE code = ?").param(code).query(String.class).optional();
    }

    /** The regions one level below {@code parent} (null: the top level), by code. */
    public List<RegionOption> children(String parent) {
        return parent == null
                ? jdbc.sql("SELECT code, name FROM region WHERE parent_code IS NULL ORDER BY code").query(OPTION).list()
                : jdbc.sql("SELECT code, name FROM region WHERE parent_code = ? ORDER BY code").param(parent).query(OPTION).list();
    }

    /** City › county › town of a code (the province is left out, as people say it). */
    public List<RegionOption> path(String code) {
        if (code == null) return List.of();
        List<String> codes = new ArrayList<>();
        for (int length : new int[] {4, 6, 9}) {
            if (code.length() >= length) codes.add(code.substring(0, length));
        }
        return jdbc.sql("SELECT code, name FROM region WHERE code IN (:codes) ORDER BY length(code)").param("codes", codes)
                .query(OPTION).list();
    }

    /**
     * The root and the cities and counties of a subtree (codes of at most 6 digits), the root first even when it is a
     * town: the choices of a region select for a user whose scope is that subtree.
     */
    public List<RegionOption> subtreeChoices(String root) {
        List<RegionOption> out = new ArrayList<>(citiesAndCounties(root));
        if (out.isEmpty() || !out.get(0).code().equals(root)) {
            find(root).ifPresent(r -> out.add(0, new RegionOption(r.code(), r.name())));
        }
        return out;
    }

    /** The cities and counties (codes of at most 6 digits) of a subtree, by code. */
    public List<RegionOption> citiesAndCounties(String root) {
        return jdbc.sql("SELECT code, name FROM region WHERE code LIKE ? AND length(code) <= 6 ORDER BY code").param(root + "%")
                .query(OPTION).list();
    }

    /** Every province and city (codes of at most 4 digits), by code. */
    public List<RegionOption> citiesAndProvinces() {
        return jdbc.sql("SELECT code, name FROM region WHERE length(code) <= 4 ORDER BY code").query(OPTION).list();
    }

    /** Every county and town code (6 and 9 digits): the codes an enterprise may be registered in. */
    public Set<String> countyAndTownCodes() {
        Set<String> codes = new HashSet<>();
        jdbc.sql("SELECT code FROM region WHERE length(code) IN (6, 9)").query(rs -> {
            codes.add(rs.getString(1));
        });
        return codes;
    }
}
