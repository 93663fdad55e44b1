package org.innoladder.resources.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.identity.WriteScope;
import org.innoladder.web.ResultPage;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The R&D platform registry (研发平台): reads within a data scope (the host enterprise's), the one write of a row
 * (added, updated or unchanged by its key host + kind + level + name), and the figures per kind, level and district.
 */
@Service
public class Platforms {
    /** A platform with its host enterprise. */
    public record Platform(long id, long enterpriseId, String creditCode, String enterpriseName, String regionCode,
                           PlatformKind kind, ResourceLevel level, String name, String document, int year, Long importId) {
    }

    /** The list's filters; null means any. {@code region} is a region code prefix already checked against the scope. */
    public record Filter(String region, PlatformKind kind, ResourceLevel level, Integer year, String text) {
        public static final Filter ANY = new Filter(null, null, null, null, null);
    }

    /** An enterprise that may host a platform written by the caller. */
    public record Host(long id, String creditCode, String name, String regionCode) {
    }

    public enum Outcome { ADDED, UPDATED, UNCHANGED }

    /** Count of platforms per kind and level. */
    public record KindCount(PlatformKind kind, ResourceLevel level, long count) {
    }

    /** Count of platforms per district (county) and level. */
    public record RegionCount(String regionCode, long national, long provincial, long municipal) {
        public long total() { return national + provincial + municipal; }
    }

    static final String SELECT = """
            SELECT p.id, p.enterprise_id, e.credit_code, e.name AS enterprise_name, e.region_code, p.kind, p.level, p.name,
                   p.document, p.recognised_year, p.import_id
            FROM rd_platform p JOIN enterprise e ON e.id = p.enterprise_id""";

    static final RowMapper<Platform> ROW = (rs, n) -> new Platform(rs.getLong("id"), rs.getLong("enterprise_id"),
            rs.getString("credit_code"), rs.getString("enterprise_name"), rs.getString("region_code"),
            PlatformKind.valueOf(rs.getString("kind")), ResourceLevel.valueOf(rs.getString("level")), rs.getString("name"),
            rs.getString("document"), rs.getInt("recognised_year"), (Long) rs.getObject("import_id"));

    private final JdbcClient jdbc;

    public Platforms(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static String where(DataScope scope, Filter f, Map<String, Object> p) {
        DataScope.SqlFilter s = scope.enterpriseFilter("e");
        p.putAll(s.params());
        StringBuilder w = new StringBuilder(" WHERE (").append(s.sql()).append(")");
        if (f.region() != null) {
            w.append(" AND e.region_code LIKE :region");
            p.put("region", f.region() + "%");
        }
        if (f.kind() != null) {
            w.append(" AND p.kind = :kind");
            p.put("kind", f.kind().name());
        }
        if (f.level() != null) {
            w.append(" AND p.level = :level");
            p.put("level", f.level().name());
        }
        if (f.year() != null) {
            w.append(" AND p.recognised_year = :year");
            p.put("year", f.year());
        }
        if (f.text() != null && !f.text().isBlank()) {
            w.append(" AND (p.name ILIKE :text OR e.name ILIKE :text OR e.credit_code = :code OR p.document ILIKE :text)");
            String t = f.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            p.put("text", "%" + t + "%");
            p.put("code", f.text().strip().toUpperCase(java.util.Locale.ROOT));
        }
        return w.toString();
    }

    /** One page of the platforms in scope, newest recognition first. */
    public ResultPage<Platform> list(DataScope scope, Filter f, int page, int size) {
        Map<String, Object> p = new HashMap<>();
        String where = where(scope, f, p);
        long total = jdbc.sql("SELECT count(*) FROM rd_platform p JOIN enterprise e ON e.id = p.enterprise_id" + where)
                .params(p).query(Long.class).single();
        p.put("limit", size);
        p.put("offset", (long) (page - 1) * size);
        List<Platform> items = jdbc.sql(SELECT + where + " ORDER BY p.recognised_year DESC, p.id DESC LIMIT :limit OFFSET :offset")
                .params(p).query(ROW).list();
        return ResultPage.of(items, page, size, total);
    }

    /** Every platform in scope matching the filter (the export), at most {@code max}. */
    public List<Platform> all(DataScope scope, Filter f, int max) {
        Map<String, Object> p = new HashMap<>();
        String where = where(scope, f, p);
        p.put("limit", max);
        return jdbc.sql(SELECT + where + " ORDER BY e.region_code, e.credit_code, p.kind, p.level LIMIT :limit").params(p).query(ROW).list();
    }

    /** The platform, when its host lies in the scope. */
    public Optional<Platform> get(DataScope scope, long id) {
        Map<String, Object> p = new HashMap<>();
        String where = where(scope, Filter.ANY, p);
        p.put("id", id);
        return jdbc.sql(SELECT + where + " AND p.id = :id").params(p).query(ROW).optional();
    }

    /** The platforms an enterprise hosts, when it lies in the scope. */
    public List<Platform> ofEnterprise(DataScope scope, String creditCode) {
        Map<String, Object> p = new HashMap<>();
        String where = where(scope, Filter.ANY, p);
        p.put("credit_code", creditCode);
        return jdbc.sql(SELECT + where + " AND e.credit_code = :credit_code ORDER BY p.recognised_year, p.id").params(p).query(ROW).list();
    }

    /** Every platform of these enterprises (no scope: the caller writes facts of enterprises it has checked). */
    List<Platform> hostedBy(long enterpriseId) {
        return jdbc.sql(SELECT + " WHERE p.enterprise_id = :e ORDER BY p.recognised_year, p.id").param("e", enterpriseId).query(ROW).list();
    }

    /** The ids of every enterprise hosting a platform. */
    List<Long> hosts() {
        return jdbc.sql("SELECT DISTINCT enterprise_id FROM rd_platform ORDER BY enterprise_id").query(Long.class).list();
    }

    /** Counts per kind and level in scope. */
    public List<KindCount> byKind(DataScope scope, Filter f) {
        Map<String, Object> p = new HashMap<>();
        String where = where(scope, f, p);
        return jdbc.sql("SELECT p.kind, p.level, count(*) AS n FROM rd_platform p JOIN enterprise e ON e.id = p.enterprise_id"
                        + where + " GROUP BY p.kind, p.level")
                .params(p).query((rs, n) -> new KindCount(PlatformKind.valueOf(rs.getString(1)), ResourceLevel.valueOf(rs.getString(2)),
                        rs.getLong(3))).list();
    }

    /** Counts per district (or per town inside one district) and level in scope. */
    public List<RegionCount> byRegion(DataScope scope, Filter f) {
        Map<String, Object> p = new HashMap<>();
        String where = where(scope, f, p);
        String unit = f.region() != null && f.region().length() >= 6 ? "e.town_code" : "e.county_code";
        return jdbc.sql("SELECT " + unit + " AS code, count(*) FILTER (WHERE p.level = 'NATIONAL'),"
                        + " count(*) FILTER (WHERE p.level = 'PROVINCIAL'), count(*) FILTER (WHERE p.level = 'MUNICIPAL')"
                        + " FROM rd_platform p JOIN enterprise e ON e.id = p.enterprise_id" + where + " AND " + unit
                        + " IS NOT NULL GROUP BY " + unit + " ORDER BY " + unit)
                .params(p).query((rs, n) -> new RegionCount(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).list();
    }

    /** The enterprise, when it exists and lies in the caller's write scope (and read scope); else empty. */
    public Optional<Host> host(CurrentUser user, String creditCode) {
        DataScope.SqlFilter read = user.scope().enterpriseFilter("e");
        DataScope.SqlFilter write = WriteScope.of(user).enterpriseFilter("e");
        Map<String, Object> p = new HashMap<>(read.params());
        p.putAll(write.params());
        p.put("credit_code", creditCode);
        // both filters use the same parameter names for the same scope kinds; a BUREAU's read and write roots are equal
        return jdbc.sql("SELECT e.id, e.credit_code, e.name, e.region_code FROM enterprise e WHERE e.credit_code = :credit_code AND ("
                        + read.sql() + ") AND (" + write.sql() + ")").params(p)
                .query((rs, n) -> new Host(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).optional();
    }

    /** Adds the platform, or updates its document and year when the key exists. */
    Outcome upsert(Host host, PlatformKind kind, ResourceLevel level, String name, String document, int year, long importId) {
        Optional<Platform> old = jdbc.sql(SELECT + " WHERE p.enterprise_id = :e AND p.kind = :k AND p.level = :l AND p.name = :n")
                .param("e", host.id()).param("k", kind.name()).param("l", level.name()).param("n", name).query(ROW).optional();
        if (old.isEmpty()) {
            jdbc.sql("INSERT INTO rd_platform (enterprise_id, kind, level, name, document, recognised_year, import_id)"
                            + " VALUES (:e, :k, :l, :n, :d, :y, :i)")
                    .param("e", host.id()).param("k", kind.name()).param("l", level.name()).param("n", name).param("d", document)
                    .param("y", year).param("i", importId).update();
            return Outcome.ADDED;
        }
        if (old.get().document().equals(document) && old.get().year() == year) return Outcome.UNCHANGED;
        jdbc.sql("UPDATE rd_platform SET document = :d, recognised_year = :y, import_id = :i, updated_at = now() WHERE id = :id")
                .param("d", document).param("y", year).param("i", importId).param("id", old.get().id()).update();
        return Outcome.UPDATED;
    }
}
