package org.innoladder.resources.internal;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.innoladder.identity.DataScope;
import org.innoladder.rules.ladder.Tier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The figures of carriers' tenants in a year, per carrier or per district (per town inside a district):
 * <ul>
 * <li>tenants on 31 December (moved in by then, not moved out by then), by the highest growth-ladder tier whose
 * recognition was valid that day (科技型中小企业 … 独角兽; none without one);</li>
 * <li>new HNTE: tenants of the year (in the carrier at any day of it) whose 高新技术企业 certificate was issued in it;</li>
 * <li>graduates: stays that graduated in the year.</li>
 * </ul>
 * Only enterprises of the caller's data scope in carriers of its scope are counted; an enterprise with two stays in a
 * group counts once.
 */
@Service
public class TenantFigures {
    /** The growth ladder's tiers in climbing order: the columns of "tenants by tier" after "none". */
    public static final List<Tier> TIERS = java.util.Arrays.stream(Tier.values()).filter(t -> t.ladder() == Tier.Ladder.GROWTH).toList();

    /** One group's figures; {@code byTier[0]} counts tenants without a recognised tier, {@code byTier[i]} TIERS[i-1]. */
    public record Line(String key, long tenants, long[] byTier, long newHnte, long graduates) {
        public long tier(int i) { return byTier[i]; }

        /** A group without tenants. */
        public static Line zero(String key) {
            return new Line(key, 0, new long[TIERS.size() + 1], 0, 0);
        }
    }

    private final JdbcClient jdbc;

    public TenantFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Per carrier (key: the carrier id) of the filter. */
    public Map<Long, Line> perCarrier(DataScope scope, Carriers.Filter f, int year) {
        Map<Long, Line> out = new HashMap<>();
        for (Line l : figures(scope, f, year, "CAST(c.id AS text)")) out.put(Long.valueOf(l.key()), l);
        return out;
    }

    /** Per district, or per town when the filter's region is a district or a town (key: the region code). */
    public List<Line> perRegion(DataScope scope, Carriers.Filter f, int year) {
        int length = f.region() != null && f.region().length() >= 6 ? 9 : 6;
        return figures(scope, f, year, "left(c.region_code, " + length + ")");
    }

    /** The whole filter's figures in one line (key "all"). */
    public Line total(DataScope scope, Carriers.Filter f, int year) {
        List<Line> lines = figures(scope, f, year, "'all'");
        return lines.isEmpty() ? Line.zero("all") : lines.get(0);
    }

    private List<Line> figures(DataScope scope, Carriers.Filter f, int year, String group) {
        Map<String, Object> p = new HashMap<>();
        String where = Carriers.where(scope, f, p);
        DataScope.SqlFilter e = scope.enterpriseFilter("e");
        p.putAll(e.params());
        p.put("start", LocalDate.of(year, 1, 1));
        p.put("end", LocalDate.of(year, 12, 31));
        StringBuilder rank = new StringBuilder("CASE r.kind");
        for (int i = 0; i < TIERS.size(); i++) rank.append(" WHEN '").append(TIERS.get(i).name()).append("' THEN ").append(i + 1);
        rank.append(" ELSE 0 END");
        StringBuilder sql = new StringBuilder("WITH stay AS (SELECT ").append(group).append(" AS k, t.enterprise_id,")
                .append(" (t.moved_in <= :end AND (t.moved_out IS NULL OR t.moved_out > :end)) AS current,")
                .append(" (t.graduated_on BETWEEN :start AND :end) AS graduated,")
                .append(" coalesce((SELECT max(").append(rank).append(") FROM recognition r WHERE r.enterprise_id = t.enterprise_id")
                .append(" AND r.issued_on <= :end AND (r.expires_on IS NULL OR r.expires_on >= :end)), 0) AS tier,")
                .append(" EXISTS (SELECT 1 FROM recognition r WHERE r.enterprise_id = t.enterprise_id AND r.kind = 'HNTE'")
                .append(" AND r.issued_on BETWEEN :start AND :end) AS new_hnte")
                .append(" FROM carrier_tenant t JOIN carrier c ON c.id = t.carrier_id JOIN enterprise e ON e.id = t.enterprise_id")
                .append(where).append(" AND (").append(e.sql()).append(")")
                .append(" AND t.moved_in <= :end AND (t.moved_out IS NULL OR t.moved_out >= :start))")
                .append(" SELECT k, count(DISTINCT enterprise_id) FILTER (WHERE current)");
        for (int i = 0; i <= TIERS.size(); i++) {
            // an enterprise's tier is its own, so one stay or two give the same tier
            sql.append(", count(DISTINCT enterprise_id) FILTER (WHERE current AND tier = ").append(i).append(")");
        }
        sql.append(", count(DISTINCT enterprise_id) FILTER (WHERE new_hnte), count(*) FILTER (WHERE graduated)")
                .append(" FROM stay GROUP BY k ORDER BY k");
        int tiers = TIERS.size() + 1;
        return jdbc.sql(sql.toString()).params(p).query((rs, n) -> {
            long[] byTier = new long[tiers];
            for (int i = 0; i < tiers; i++) byTier[i] = rs.getLong(3 + i);
            return new Line(rs.getString(1), rs.getLong(2), byTier, rs.getLong(3 + tiers), rs.getLong(4 + tiers));
        }).list();
    }
}
