package org.innoladder.resources.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.innoladder.identity.DataScope;
import org.innoladder.web.ResultPage;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The carrier registry (科创载体) and its tenants: reads within a data scope (a carrier's by its region; its tenants'
 * also by the tenant enterprise's), the writes of one carrier or one stay, and the figures a year gives per carrier and
 * per district or town ({@link TenantFigures}).
 */
@Service
public class Carriers {
    /** A carrier with the region it lies in. */
    public record Carrier(long id, CarrierKind kind, ResourceLevel level, String name, String regionCode, String operator,
                          BigDecimal areaM2, String document, int year, Long importId) {
    }

    /** One stay of an enterprise in a carrier. */
    public record Tenant(long id, long carrierId, String carrierName, long enterpriseId, String creditCode, String enterpriseName,
                         LocalDate movedIn, LocalDate movedOut, LocalDate graduatedOn) {
        public boolean graduated() { return graduatedOn != null; }
    }

    /** The list's filters; null means any. {@code region} is a region code prefix already checked against the scope. */
    public record Filter(String region, CarrierKind kind, ResourceLevel level, String text) {
        public static final Filter ANY = new Filter(null, null, null, null);
    }

    public enum Outcome { ADDED, UPDATED, UNCHANGED }

    static final String SELECT = "SELECT c.id, c.kind, c.level, c.name, c.region_code, c.operator, c.area_m2, c.document,"
            + " c.recognised_year, c.import_id FROM carrier c";

    static final RowMapper<Carrier> ROW = (rs, n) -> new Carrier(rs.getLong("id"), CarrierKind.valueOf(rs.getString("kind")),
            ResourceLevel.valueOf(rs.getString("level")), rs.getString("name"), rs.getString("region_code"), rs.getString("operator"),
            rs.getBigDecimal("area_m2"), rs.getString("document"), rs.getInt("recognised_year"), (Long) rs.getObject("import_id"));

    static final String TENANT_SELECT = """
            SELECT t.id, t.carrier_id, c.name AS carrier_name, t.enterprise_id, e.credit_code, e.name AS enterprise_name,
                   t.moved_in, t.moved_out, t.graduated_on
            FROM carrier_tenant t JOIN carrier c ON c.id = t.carrier_id JOIN enterprise e ON e.id = t.enterprise_id""";

    static final RowMapper<Tenant> TENANT = (rs, n) -> new Tenant(rs.getLong("id"), rs.getLong("carrier_id"), rs.getString("carrier_name"),
            rs.getLong("enterprise_id"), rs.getString("credit_code"), rs.getString("enterprise_name"),
            rs.getObject("moved_in", LocalDate.class), rs.getObject("moved_out", LocalDate.class),
            rs.getObject("graduated_on", LocalDate.class));

    private final JdbcClient jdbc;

    public Carriers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The carriers a scope sees: every one (All), those in its region subtree, none for the other scopes (an
     * enterprise's or a bank's scope names enterprises, not places).
     */
    static String carrierScope(DataScope scope, String alias, Map<String, Object> p) {
        if (scope instanceof DataScope.All) return "true";
        if (scope instanceof DataScope.RegionSubtree r) {
            p.put("carrier_scope", r.regionCode() + "%");
            return alias + ".region_code LIKE :carrier_scope";
        }
        return "false";
    }

    static String where(DataScope scope, Filter f, Map<String, Object> p) {
        StringBuilder w = new StringBuilder(" WHERE ").append(carrierScope(scope, "c", p));
        if (f.region() != null) {
            w.append(" AND c.region_code LIKE :region");
            p.put("region", f.region() + "%");
        }
        if (f.kind() != null) {
            w.append(" AND c.kind = :kind");
            p.put("kind", f.kind().name());
        }
        if (f.level() != null) {
            w.append(" AND c.level = :level");
            p.put("level", f.level().name());
        }
        if (f.text() != null && !f.text().isBlank()) {
            w.append(" AND (c.name ILIKE :text OR c.operator ILIKE :text)");
            p.put("text", "%" + f.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return w.toString();
    }

    public ResultPage<Carrier> list(DataScope scope, Filter f, int page, int size) {
        Map<String, Object> p = new HashMap<>();
        String where = where(scope, f, p);
        long total = jdbc.sql("SELECT count(*) FROM carrier c" + where).params(p).query(Long.class).single();
        p.put("limit", size);
        p.put("offset", (long) (page - 1) * size);
        return ResultPage.of(jdbc.sql(SELECT + where + " ORDER BY c.region_code, c.name LIMIT :limit OFFSET :offset").params(p)
                .query(ROW).list(), page, size, total);
    }

    public List<Carrier> all(DataScope scope, Filter f, int max) {
        Map<String, Object> p = new HashMap<>();
        String where = where(scope, f, p);
        p.put("limit", max);
        return jdbc.sql(SELECT + where + " ORDER BY c.region_code, c.name LIMIT :limit").params(p).query(ROW).list();
    }

    public Optional<Carrier> get(DataScope scope, long id) {
        Map<String, Object> p = new HashMap<>();
        String where = where(scope, Filter.ANY, p);
        p.put("id", id);
        return jdbc.sql(SELECT + where + " AND c.id = :id").params(p).query(ROW).optional();
    }

    /** The stays in the carrier of enterprises the scope sees, current ones first, then by move-in. */
    public List<Tenant> tenants(DataScope scope, long carrierId) {
        DataScope.SqlFilter e = scope.enterpriseFilter("e");
        Map<String, Object> p = new HashMap<>(e.params());
        p.put("carrier", carrierId);
        return jdbc.sql(TENANT_SELECT + " WHERE t.carrier_id = :carrier AND " + carrierScope(scope, "c", p) + " AND (" + e.sql() + ")"
                        + " ORDER BY t.moved_out IS NOT NULL, t.moved_in DESC, t.id")
                .params(p).query(TENANT).list();
    }

    /** The stays of an enterprise the scope sees, in carriers it sees. */
    public List<Tenant> staysOf(DataScope scope, String creditCode) {
        DataScope.SqlFilter e = scope.enterpriseFilter("e");
        Map<String, Object> p = new HashMap<>(e.params());
        p.put("code", creditCode);
        return jdbc.sql(TENANT_SELECT + " WHERE e.credit_code = :code AND " + carrierScope(scope, "c", p) + " AND (" + e.sql() + ")"
                        + " ORDER BY t.moved_in, t.id")
                .params(p).query(TENANT).list();
    }

    /** The latest year, up to the current one, in which a tenant of the scope moved in, out or graduated. */
    public Optional<Integer> latestYear(DataScope scope) {
        Map<String, Object> p = new HashMap<>();
        String where = where(scope, Filter.ANY, p);
        DataScope.SqlFilter e = scope.enterpriseFilter("e");
        p.putAll(e.params());
        p.put("now", LocalDate.now());
        return Optional.ofNullable(jdbc.sql("SELECT CAST(extract(year FROM max(d)) AS integer) FROM (SELECT unnest(ARRAY[t.moved_in,"
                        + " t.moved_out, t.graduated_on]) AS d FROM carrier_tenant t JOIN carrier c ON c.id = t.carrier_id"
                        + " JOIN enterprise e ON e.id = t.enterprise_id" + where + " AND (" + e.sql() + ")) x WHERE d <= :now")
                .params(p).query(Integer.class).optional().orElse(null));
    }

    /** The carrier of this name, whatever its region (names are unique). */
    Optional<Carrier> byName(String name) {
        return jdbc.sql(SELECT + " WHERE c.name = :n").param("n", name).query(ROW).optional();
    }

    boolean regionExists(String code) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM region WHERE code = :c)").param("c", code).query(Boolean.class).single();
    }

    /** Adds the carrier, or updates it when a carrier of the name exists (the caller has checked its region). */
    Outcome upsert(Carrier c, long importId) {
        Optional<Carrier> old = byName(c.name());
        if (old.isEmpty()) {
            jdbc.sql("INSERT INTO carrier (kind, level, name, region_code, operator, area_m2, document, recognised_year, import_id)"
                            + " VALUES (:k, :l, :n, :r, :o, :a, :d, :y, :i)")
                    .param("k", c.kind().name()).param("l", c.level().name()).param("n", c.name()).param("r", c.regionCode())
                    .param("o", c.operator()).param("a", c.areaM2()).param("d", c.document()).param("y", c.year()).param("i", importId)
                    .update();
            return Outcome.ADDED;
        }
        Carrier o = old.get();
        boolean same = o.kind() == c.kind() && o.level() == c.level() && o.regionCode().equals(c.regionCode())
                && java.util.Objects.equals(o.operator(), c.operator()) && sameAmount(o.areaM2(), c.areaM2())
                && o.document().equals(c.document()) && o.year() == c.year();
        if (same) return Outcome.UNCHANGED;
        jdbc.sql("UPDATE carrier SET kind = :k, level = :l, region_code = :r, operator = :o, area_m2 = :a, document = :d,"
                        + " recognised_year = :y, import_id = :i, updated_at = now() WHERE id = :id")
                .param("k", c.kind().name()).param("l", c.level().name()).param("r", c.regionCode()).param("o", c.operator())
                .param("a", c.areaM2()).param("d", c.document()).param("y", c.year()).param("i", importId).param("id", o.id()).update();
        return Outcome.UPDATED;
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    /** Adds the stay, or updates its move-out and graduation when the stay (carrier, enterprise, move-in) exists. */
    Outcome upsertTenant(long carrierId, long enterpriseId, LocalDate in, LocalDate out, LocalDate graduated, long importId) {
        Optional<Tenant> old = jdbc.sql(TENANT_SELECT + " WHERE t.carrier_id = :c AND t.enterprise_id = :e AND t.moved_in = :in")
                .param("c", carrierId).param("e", enterpriseId).param("in", in).query(TENANT).optional();
        if (old.isEmpty()) {
            jdbc.sql("INSERT INTO carrier_tenant (carrier_id, enterprise_id, moved_in, moved_out, graduated_on, import_id)"
                            + " VALUES (:c, :e, :in, :out, :g, :i)")
                    .param("c", carrierId).param("e", enterpriseId).param("in", in).param("out", out).param("g", graduated)
                    .param("i", importId).update();
            return Outcome.ADDED;
        }
        if (java.util.Objects.equals(old.get().movedOut(), out) && java.util.Objects.equals(old.get().graduatedOn(), graduated)) {
            return Outcome.UNCHANGED;
        }
        jdbc.sql("UPDATE carrier_tenant SET moved_out = :out, graduated_on = :g, import_id = :i, updated_at = now() WHERE id = :id")
                .param("out", out).param("g", graduated).param("i", importId).param("id", old.get().id()).update();
        return Outcome.UPDATED;
    }
}
