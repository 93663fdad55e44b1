package org.innoladder.resources.internal;

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
 * The talent awards (人才): programme, year, the person's name and role, the enterprise — read within the scope of the
 * enterprise, counted per programme and per district or town. Nothing more personal is kept.
 */
@Service
public class Talents {
    public record Award(long id, String programme, int year, String personName, String role, long enterpriseId, String creditCode,
                        String enterpriseName, String regionCode) {
    }

    /** Filters; null means any. {@code region} is already checked against the scope. */
    public record Filter(String region, String programme, Integer year, String text) {
        public static final Filter ANY = new Filter(null, null, null, null);
    }

    /** Awards and distinct enterprises of a group. */
    public record Count(String key, long awards, long enterprises) {
    }

    public enum Outcome { ADDED, UPDATED, UNCHANGED }

    static final String SELECT = """
            SELECT t.id, t.programme, t.award_year, t.person_name, t.role, t.enterprise_id, e.credit_code, e.name, e.region_code
            FROM talent_award t JOIN enterprise e ON e.id = t.enterprise_id""";

    static final RowMapper<Award> ROW = (rs, n) -> new Award(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
            rs.getString(5), rs.getLong(6), rs.getString(7), rs.getString(8), rs.getString(9));

    private final JdbcClient jdbc;

    public Talents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String where(DataScope scope, Filter f, Map<String, Object> p) {
        DataScope.SqlFilter s = scope.enterpriseFilter("e");
        p.putAll(s.params());
        StringBuilder w = new StringBuilder(" WHERE (").append(s.sql()).append(")");
        if (f.region() != null) {
            w.append(" AND e.region_code LIKE :region");
            p.put("region", f.region() + "%");
        }
        if (f.programme() != null) {
            w.append(" AND t.programme = :programme");
            p.put("programme", f.programme());
        }
        if (f.year() != null) {
            w.append(" AND t.award_year = :year");
            p.put("year", f.year());
        }
        if (f.text() != null && !f.text().isBlank()) {
            w.append(" AND (t.person_name ILIKE :text OR e.name ILIKE :text OR e.credit_code = :code)");
            p.put("text", "%" + f.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            p.put("code", f.text().strip().toUpperCase(java.util.Locale.ROOT));
        }
        return w.toString();
    }

    public ResultPage<Award> list(DataScope scope, Filter f, int page, int size) {
        Map<String, Object> p = new HashMap<>();
        String where = where(scope, f, p);
        long total = jdbc.sql("SELECT count(*) FROM talent_award t JOIN enterprise e ON e.id = t.enterprise_id" + where).params(p)
                .query(Long.class).single();
        p.put("limit", size);
        p.put("offset", (long) (page - 1) * size);
        return ResultPage.of(jdbc.sql(SELECT + where + " ORDER BY t.award_year DESC, t.programme, t.id LIMIT :limit OFFSET :offset")
                .params(p).query(ROW).list(), page, size, total);
    }

    public List<Award> all(DataScope scope, Filter f, int max) {
        Map<String, Object> p = new HashMap<>();
        String where = where(scope, f, p);
        p.put("limit", max);
        return jdbc.sql(SELECT + where + " ORDER BY t.award_year, t.programme, t.id LIMIT :limit").params(p).query(ROW).list();
    }

    /** The awards of an enterprise of the scope, newest first. */
    public List<Award> ofEnterprise(DataScope scope, String creditCode) {
        Map<String, Object> p = new HashMap<>();
        String where = where(scope, Filter.ANY, p);
        p.put("cc", creditCode);
        return jdbc.sql(SELECT + where + " AND e.credit_code = :cc ORDER BY t.award_year DESC, t.id").params(p).query(ROW).list();
    }

    /** Counts per programme. */
    public List<Count> byProgramme(DataScope scope, Filter f) {
        return counts(scope, f, "t.programme");
    }

    /** Counts per district, or per town when the filter's region is a district or town. */
    public List<Count> byRegion(DataScope scope, Filter f) {
        int length = f.region() != null && f.region().length() >= 6 ? 9 : 6;
        return counts(scope, f, "left(e.region_code, " + length + ")");
    }

    /** The programmes named in the scope, for the filter. */
    public List<String> programmes(DataScope scope) {
        Map<String, Object> p = new HashMap<>();
        String where = where(scope, Filter.ANY, p);
        return jdbc.sql("SELECT DISTINCT t.programme FROM talent_award t JOIN enterprise e ON e.id = t.enterprise_id" + where
                + " ORDER BY 1").params(p).query(String.class).list();
    }

    private List<Count> counts(DataScope scope, Filter f, String group) {
        Map<String, Object> p = new HashMap<>();
        String where = where(scope, f, p);
        return jdbc.sql("SELECT " + group + " AS k, count(*), count(DISTINCT t.enterprise_id) FROM talent_award t"
                        + " JOIN enterprise e ON e.id = t.enterprise_id" + where + " GROUP BY k ORDER BY k")
                .params(p).query((rs, n) -> new Count(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
    }

    /** Adds the award, or updates its role when (programme, year, person, enterprise) exists. */
    Outcome upsert(String programme, int year, String person, String role, long enterpriseId, long importId) {
        Optional<String[]> old = jdbc.sql("SELECT id, role FROM talent_award WHERE programme = :p AND award_year = :y"
                        + " AND person_name = :n AND enterprise_id = :e")
                .param("p", programme).param("y", year).param("n", person).param("e", enterpriseId)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).optional();
        if (old.isEmpty()) {
            jdbc.sql("INSERT INTO talent_award (programme, award_year, person_name, role, enterprise_id, import_id)"
                            + " VALUES (:p, :y, :n, :r, :e, :i)")
                    .param("p", programme).param("y", year).param("n", person).param("r", role).param("e", enterpriseId)
                    .param("i", importId).update();
            return Outcome.ADDED;
        }
        if (java.util.Objects.equals(old.get()[1], role)) return Outcome.UNCHANGED;
        jdbc.sql("UPDATE talent_award SET role = :r, import_id = :i, updated_at = now() WHERE id = :id")
                .param("r", role).param("i", importId).param("id", Long.parseLong(old.get()[0])).update();
        return Outcome.UPDATED;
    }
}
