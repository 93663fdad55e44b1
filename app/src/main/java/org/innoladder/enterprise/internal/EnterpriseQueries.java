package org.innoladder.enterprise.internal;

import org.innoladder.region.Regions;

import org.innoladder.rules.ladder.Tier;

import org.innoladder.enterprise.RegionFilters;
import org.innoladder.region.RegionOption;
import org.innoladder.web.ResultPage;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.innoladder.rules.facts.Column;
import org.innoladder.identity.DataScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQL of the enterprise capability. Every query over {@code enterprise} ANDs the caller's
 * {@link DataScope#enterpriseFilter} into its WHERE clause; user input travels only as bound parameters, and
 * LIKE wildcards in it are escaped.
 */
@Repository
public class EnterpriseQueries implements RegionFilters {
    /** R&D intensity of the joined year row {@code y}: unknown when either side is unknown or revenue is 0. */
    static final String RD_INTENSITY_SQL = "CASE WHEN y.sales_revenue > 0 THEN round(y.rd_expense / y.sales_revenue, 6) END";

    private static final List<Column> YEAR_COLUMNS = Column.byLevel(Column.Level.YEAR).stream()
            .filter(c -> c != Column.YEAR).toList();

    private final NamedParameterJdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate streaming;
    private final JsonMapper json;

    private final Regions regions;

    public EnterpriseQueries(NamedParameterJdbcTemplate jdbc, JsonMapper json, Regions regions) {
        this.jdbc = jdbc;
        this.regions = regions;
        JdbcTemplate fetching = new JdbcTemplate(jdbc.getJdbcTemplate().getDataSource());
        // PostgreSQL streams a result set only with a fetch size inside a transaction; exports rely on both
        fetching.setFetchSize(1000);
        this.streaming = new NamedParameterJdbcTemplate(fetching);
        this.json = json;
    }

    /** The yearly columns in data-dictionary order (without {@code year} itself). */
    public static List<Column> yearColumns() {
        return YEAR_COLUMNS;
    }

    // ---- search --------------------------------------------------------------------------------------------

    public ResultPage<EnterpriseSummary> search(DataScope scope, EnterpriseSearch search) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(scope, search, params);
        Long total = jdbc.queryForObject("SELECT count(*) FROM enterprise e" + where, params, Long.class);
        params.addValue("limit", search.size()).addValue("offset", search.offset());
        List<EnterpriseSummary> items = jdbc.query(pageSql(search, where), params, SUMMARY);
        return ResultPage.of(items, search.page(), search.size(), total == null ? 0 : total);
    }

    /**
     * Streams every match (ignoring paging) in the search's order, at most {@code limit} rows, and returns how
     * many were handed over. Call inside a read-only transaction so the driver can stream.
     */
    public int stream(DataScope scope, EnterpriseSearch search, int limit, Consumer<EnterpriseSummary> sink) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(scope, search, params);
        params.addValue("limit", limit);
        int[] count = {0};
        streaming.query(summarySql(search, where) + " LIMIT :limit", params, rs -> {
            sink.accept(SUMMARY.mapRow(rs, count[0]));
            count[0]++;
        });
        return count[0];
    }

    public long count(DataScope scope, EnterpriseSearch search) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        Long total = jdbc.queryForObject("SELECT count(*) FROM enterprise e" + where(scope, search, params),
                params, Long.class);
        return total == null ? 0 : total;
    }

    /** Every match of a search in its order (no paging). */
    private static String summarySql(EnterpriseSearch search, String where) {
        return summarySql(search, "FROM enterprise e\n", where);
    }

    /**
     * One page of a search: the page's ids are cut first, from the enterprise table alone (with the latest year only
     * when the sort needs it), and only those rows get their regions, year and recognitions. Joined before the cut,
     * every row the offset skipped had its recognitions read: the 100th page of a million took 0.2 s more than the first.
     */
    private static String pageSql(EnterpriseSearch search, String where) {
        String ids = "SELECT e.id FROM enterprise e\n" + (search.sort().readsLatestYear() ? latestYear(search) : "")
                + where + order(search) + " LIMIT :limit OFFSET :offset";
        return summarySql(search, "FROM (" + ids + ") page JOIN enterprise e ON e.id = page.id\n", "");
    }

    private static String summarySql(EnterpriseSearch search, String from, String where) {
        return """
                SELECT e.id, e.credit_code, e.name, e.region_code, e.county_code, rc.name AS county_name,
                       e.town_code, rt.name AS town_name, e.industry_code, e.hnte_domain, e.founded_on, e.listed,
                       y.year AS data_year, y.sales_revenue, y.employees, %s AS rd_intensity,
                       ARRAY(SELECT DISTINCT r.kind FROM recognition r
                              WHERE r.enterprise_id = e.id AND r.issued_on <= current_date
                                AND (r.expires_on IS NULL OR r.expires_on >= current_date)) AS recognitions
                """.formatted(RD_INTENSITY_SQL) + from + latestYear(search) + """
                LEFT JOIN region rc ON rc.code = e.county_code
                LEFT JOIN region rt ON rt.code = e.town_code
                """ + where + order(search);
    }

    /** The enterprise's latest year row {@code y} (of the year searched for, when one is). */
    private static String latestYear(EnterpriseSearch search) {
        return """
                LEFT JOIN LATERAL (SELECT ey.year, ey.sales_revenue, ey.employees, ey.rd_expense
                                   FROM enterprise_year ey
                                   WHERE ey.enterprise_id = e.id%s
                                   ORDER BY ey.year DESC LIMIT 1) y ON true
                """.formatted(search.year() == null ? "" : " AND ey.year = :year");
    }

    private static String order(EnterpriseSearch search) {
        return " ORDER BY " + search.sort().sql() + (search.descending() ? " DESC" : " ASC") + " NULLS LAST, e.id";
    }

    /** The WHERE clause of a search: scope first, then each filter given; fills {@code params}. */
    private static String where(DataScope scope, EnterpriseSearch s, MapSqlParameterSource params) {
        DataScope.SqlFilter scopeFilter = scope.enterpriseFilter("e");
        params.addValues(scopeFilter.params());
        StringBuilder sql = new StringBuilder(" WHERE (").append(scopeFilter.sql()).append(")");
        if (s.text() != null) {
            sql.append(" AND (e.name ILIKE :q_name ESCAPE '\\' OR e.credit_code LIKE :q_code ESCAPE '\\')");
            params.addValue("q_name", "%" + escapeLike(s.text()) + "%");
            params.addValue("q_code", escapeLike(s.text().toUpperCase(Locale.ROOT)) + "%");
        }
        if (s.county() != null) {
            sql.append(" AND e.county_code = :county");
            params.addValue("county", s.county());
        }
        if (s.town() != null) {
            sql.append(" AND e.town_code = :town");
            params.addValue("town", s.town());
        }
        if (s.industry() != null) {
            sql.append(" AND upper(e.industry_code) LIKE :industry ESCAPE '\\'");
            params.addValue("industry", escapeLike(s.industry()) + "%");
        }
        if (s.domain() != null) {
            sql.append(" AND e.hnte_domain = :domain");
            params.addValue("domain", s.domain());
        }
        if (s.year() != null) {
            params.addValue("year", s.year());
        }
        return sql.toString();
    }

    /** Makes user text literal inside a LIKE pattern (escape character: backslash). */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static final RowMapper<EnterpriseSummary> SUMMARY = (rs, n) -> new EnterpriseSummary(
            rs.getLong("id"), rs.getString("credit_code"), rs.getString("name"), rs.getString("region_code"),
            rs.getString("county_code"), rs.getString("county_name"), rs.getString("town_code"),
            rs.getString("town_name"), rs.getString("industry_code"), rs.getString("hnte_domain"),
            rs.getObject("founded_on", LocalDate.class), (Boolean) rs.getObject("listed"),
            (Integer) rs.getObject("data_year"), rs.getBigDecimal("sales_revenue"),
            (Integer) rs.getObject("employees"), rs.getBigDecimal("rd_intensity"), kinds(rs.getArray("recognitions")));

    private static List<String> kinds(Array array) throws SQLException {
        if (array == null) return List.of();
        List<String> kinds = new ArrayList<>(Arrays.asList((String[]) array.getArray()));
        // the enum's order (TSME first … LITTLE_GIANT last) reads as the ladder
        kinds.sort((a, b) -> Integer.compare(Tier.valueOf(a).ordinal(), Tier.valueOf(b).ordinal()));
        return kinds;
    }

    // ---- one enterprise ------------------------------------------------------------------------------------

    /** The enterprise with this credit code if it exists and lies in the caller's scope; otherwise empty. */
    public Optional<EnterpriseProfile> profile(DataScope scope, String creditCode) {
        MapSqlParameterSource params = scoped(scope, creditCode);
        List<EnterpriseProfile> found = jdbc.query("""
                SELECT e.id, e.credit_code, e.name, e.region_code, e.industry_code, e.hnte_domain, e.founded_on,
                       e.listed, e.sources::text AS sources_json
                FROM enterprise e
                WHERE e.credit_code = :credit_code AND (""" + scope.enterpriseFilter("e").sql() + ")",
                params, (rs, n) -> new EnterpriseProfile(rs.getLong("id"), rs.getString("credit_code"),
                        rs.getString("name"), rs.getString("region_code"), List.of(), rs.getString("industry_code"),
                        rs.getString("hnte_domain"), rs.getObject("founded_on", LocalDate.class),
                        (Boolean) rs.getObject("listed"), sources(rs.getString("sources_json"))));
        return found.stream().findFirst().map(p -> new EnterpriseProfile(p.id(), p.creditCode(), p.name(),
                p.regionCode(), regionPath(p.regionCode()), p.industryCode(), p.hnteDomain(), p.foundedOn(),
                p.listed(), p.sources()));
    }

    /** City › county › town names for a region code (the province is left out, as people say it). */
    List<EnterpriseProfile.RegionName> regionPath(String regionCode) {
        return regions.path(regionCode).stream().map(r -> new EnterpriseProfile.RegionName(r.code(), r.name())).toList();
    }

    /** The recognitions of an enterprise in scope, newest first. */
    public List<RecognitionHeld> recognitions(DataScope scope, String creditCode) {
        LocalDate today = LocalDate.now();
        return jdbc.query("""
                SELECT r.kind, r.certificate_no, r.issued_on, r.expires_on, r.issuer, r.source, r.batch_id
                FROM recognition r JOIN enterprise e ON e.id = r.enterprise_id
                WHERE e.credit_code = :credit_code AND (""" + scope.enterpriseFilter("e").sql() + """
                ) ORDER BY r.issued_on DESC, r.kind""", scoped(scope, creditCode),
                (rs, n) -> RecognitionHeld.of(rs.getString("kind"), rs.getString("certificate_no"),
                        rs.getObject("issued_on", LocalDate.class), rs.getObject("expires_on", LocalDate.class),
                        rs.getString("issuer"), rs.getString("source"), (Long) rs.getObject("batch_id"), today));
    }

    /** The yearly facts of an enterprise in scope, oldest year first; {@code year} null for all years. */
    public List<YearFacts> years(DataScope scope, String creditCode, Integer year) {
        MapSqlParameterSource params = scoped(scope, creditCode);
        String yearCondition = "";
        if (year != null) {
            yearCondition = " AND y.year = :year";
            params.addValue("year", year);
        }
        return jdbc.query("SELECT y.*, y.sources::text AS sources_json FROM enterprise_year y"
                + " JOIN enterprise e ON e.id = y.enterprise_id WHERE e.credit_code = :credit_code AND ("
                + scope.enterpriseFilter("e").sql() + ")" + yearCondition + " ORDER BY y.year", params, this::yearFacts);
    }

    private YearFacts yearFacts(ResultSet rs, int n) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Column c : YEAR_COLUMNS) {
            values.put(c.key(), rs.getObject(c.key()));
        }
        String json = rs.getString("sources_json");
        return new YearFacts(rs.getInt("year"), values, sources(json), registrySources(json));
    }

    /** The import batches with these ids (for provenance notes). */
    public Map<Long, ImportBatchRef> batches(Collection<Long> ids) {
        Map<Long, ImportBatchRef> found = new LinkedHashMap<>();
        if (ids.isEmpty()) return found;
        jdbc.query("SELECT id, file_name, source, finished_at FROM import_batch WHERE id IN (:ids)",
                new MapSqlParameterSource("ids", ids), rs -> {
                    found.put(rs.getLong("id"), new ImportBatchRef(rs.getLong("id"), rs.getString("file_name"),
                            rs.getString("source"), rs.getObject("finished_at", OffsetDateTime.class)));
                });
        return found;
    }

    private static MapSqlParameterSource scoped(DataScope scope, String creditCode) {
        MapSqlParameterSource params = new MapSqlParameterSource(scope.enterpriseFilter("e").params());
        params.addValue("credit_code", creditCode);
        return params;
    }

    /** {@code {"sales_revenue": 12, …}} → column → batch id; values that are not ids are left out. */
    private Map<String, Long> sources(String jsonText) {
        Map<String, Long> result = new LinkedHashMap<>();
        if (jsonText == null || jsonText.isBlank()) return result;
        Map<String, Object> raw = json.readValue(jsonText, new TypeReference<Map<String, Object>>() { });
        raw.forEach((column, value) -> {
            if (value instanceof Number number) {
                result.put(column, number.longValue());
            } else if (value != null && value.toString().matches("[0-9]{1,18}")) {
                result.put(column, Long.parseLong(value.toString()));
            }
        });
        return result;
    }

    /** {@code {"rd_institution_level": {"registry": …, "id": …, "zh": …, "en": …, "href": …}}} → column → registry record. */
    private Map<String, YearFacts.RegistrySource> registrySources(String jsonText) {
        Map<String, YearFacts.RegistrySource> result = new LinkedHashMap<>();
        if (jsonText == null || jsonText.isBlank()) return result;
        Map<String, Object> raw = json.readValue(jsonText, new TypeReference<Map<String, Object>>() { });
        raw.forEach((column, value) -> {
            if (value instanceof Map<?, ?> m && m.get("registry") instanceof String registry && m.get("id") instanceof Number id) {
                result.put(column, new YearFacts.RegistrySource(registry, id.longValue(), String.valueOf(m.get("zh")),
                        String.valueOf(m.get("en")), m.get("href") instanceof String href ? href : null));
            }
        });
        return result;
    }

    // ---- filter options ------------------------------------------------------------------------------------

    /**
     * Districts (counties) the caller may filter by: for a region scope, the counties of and above-or-in its
     * subtree; otherwise the counties where the caller's enterprises are.
     */
    @Override
    public List<RegionOption> citiesWithEnterprises() {
        return jdbc.query("SELECT code, name FROM region WHERE length(code) <= 4 AND EXISTS (SELECT 1 FROM enterprise e"
                + " WHERE e.region_code LIKE region.code || '%') ORDER BY code", new MapSqlParameterSource(), REGION_OPTION);
    }

    @Override
    public List<RegionOption> districts(DataScope scope) {
        if (scope instanceof DataScope.RegionSubtree region) {
            return jdbc.query("""
                    SELECT code, name FROM region
                    WHERE level = 'county' AND (code LIKE :root_prefix OR :root LIKE code || '%')
                    ORDER BY code""", new MapSqlParameterSource("root", region.regionCode())
                    .addValue("root_prefix", region.regionCode() + "%"), REGION_OPTION);
        }
        DataScope.SqlFilter f = scope.enterpriseFilter("e");
        return jdbc.query("SELECT r.code, r.name FROM region r WHERE r.level = 'county' AND EXISTS (SELECT 1 FROM"
                + " enterprise e WHERE e.county_code = r.code AND (" + f.sql() + ")) ORDER BY r.code",
                new MapSqlParameterSource(f.params()), REGION_OPTION);
    }

    /**
     * Towns the caller may filter by within a county (null county: only when the scope itself lies within one
     * county, else none, to keep the select short).
     */
    @Override
    public List<RegionOption> towns(DataScope scope, String county) {
        if (scope instanceof DataScope.RegionSubtree region) {
            String root = region.regionCode();
            String within = county;
            if (within == null) {
                if (root.length() < 6) return List.of();
                within = root.substring(0, 6);
            }
            return jdbc.query("""
                    SELECT code, name FROM region
                    WHERE level = 'town' AND code LIKE :root_prefix AND code LIKE :county_prefix
                    ORDER BY code""", new MapSqlParameterSource("root_prefix", root + "%")
                    .addValue("county_prefix", within + "%"), REGION_OPTION);
        }
        if (county == null) return List.of();
        if (scope instanceof DataScope.All) {
            return jdbc.query("SELECT code, name FROM region WHERE level = 'town' AND code LIKE :county_prefix"
                    + " ORDER BY code", new MapSqlParameterSource("county_prefix", county + "%"), REGION_OPTION);
        }
        DataScope.SqlFilter f = scope.enterpriseFilter("e");
        return jdbc.query("SELECT r.code, r.name FROM region r WHERE r.level = 'town' AND r.code LIKE :county_prefix"
                + " AND EXISTS (SELECT 1 FROM enterprise e WHERE e.town_code = r.code AND (" + f.sql() + "))"
                + " ORDER BY r.code", new MapSqlParameterSource(f.params()).addValue("county_prefix", county + "%"),
                REGION_OPTION);
    }

    private static final RowMapper<RegionOption> REGION_OPTION =
            (rs, n) -> new RegionOption(rs.getString("code"), rs.getString("name"));
}
