package org.innoladder.evaluation.internal;

import org.innoladder.evaluation.CompactResultReader;
import org.innoladder.evaluation.ResultJson;
import org.innoladder.evaluation.StoredResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.innoladder.web.ResultPage;
import org.innoladder.identity.DataScope;
import org.innoladder.rules.EvaluationResult;
import org.innoladder.rules.Outcome;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;

/** Reads stored evaluation results, always within the caller's data scope. */
@Repository
public class EvaluationResults {
    private final NamedParameterJdbcTemplate jdbc;

    public EvaluationResults(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static final String FROM = " FROM evaluation_result r JOIN enterprise e ON e.id = r.enterprise_id"
            + " LEFT JOIN region rc ON rc.code = e.county_code LEFT JOIN region rt ON rt.code = e.town_code";

    private static final String COLUMNS = "e.credit_code, e.name, rc.name AS county_name, rt.name AS town_name, r.ruleset_id,"
            + " r.ruleset_version, r.year, r.outcome, r.score_min, r.score_max, r.detail";

    private static final RowMapper<ResultRow> ROW = (rs, n) -> {
        String id = rs.getString("ruleset_id"), version = rs.getString("ruleset_version");
        byte[] detail = rs.getBytes("detail");
        return new ResultRow(rs.getString("credit_code"), rs.getString("name"), rs.getString("county_name"),
                rs.getString("town_name"), id, version, rs.getInt("year"),
                rs.getString("outcome"), (Integer) rs.getObject("score_min"), (Integer) rs.getObject("score_max"),
                CompactResultReader.failing(id, version, detail), CompactResultReader.gaps(id, version, detail).size());
    };

    /** A stored row with its enterprise's credit code and name, as the reader takes it. */
    private static final String STORED = "SELECT e.credit_code, e.name, r.ruleset_id, r.ruleset_version, r.year, r.outcome,"
            + " r.score_min, r.score_max, r.detail, r.evaluated_at, r.run_id FROM evaluation_result r JOIN enterprise e ON e.id = r.enterprise_id"
            + " WHERE r.enterprise_id = :id ORDER BY r.year DESC, r.ruleset_id, r.ruleset_version DESC";

    private static EvaluationResult stored(ResultSet rs) throws SQLException {
        return CompactResultReader.result(new CompactResultReader.Row(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getInt(5), rs.getString(6), (Integer) rs.getObject(7), (Integer) rs.getObject(8), rs.getBytes(9)));
    }

    private static String where(DataScope scope, ResultQuery q, boolean withOutcome, MapSqlParameterSource p) {
        DataScope.SqlFilter f = scope.enterpriseFilter("e");
        p.addValues(f.params());
        p.addValue("rid", q.rulesetId()).addValue("ver", q.version()).addValue("year", q.year());
        StringBuilder w = new StringBuilder(" WHERE r.ruleset_id = :rid AND r.ruleset_version = :ver AND r.year = :year AND ")
                .append(f.sql());
        if (withOutcome && q.outcome() != null) {
            w.append(" AND r.outcome = :outcome");
            p.addValue("outcome", q.outcome().name());
        }
        if (q.county() != null) {
            w.append(" AND e.county_code = :county");
            p.addValue("county", q.county());
        }
        if (q.town() != null) {
            w.append(" AND e.town_code = :town");
            p.addValue("town", q.town());
        }
        return w.toString();
    }

    public ResultPage<ResultRow> page(DataScope scope, ResultQuery q) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String where = where(scope, q, true, p);
        Long total = jdbc.queryForObject("SELECT count(*)" + FROM + where, p, Long.class);
        p.addValue("limit", q.size()).addValue("offset", (long) (q.page() - 1) * q.size());
        List<ResultRow> items = jdbc.query("SELECT " + COLUMNS + FROM + where
                + " ORDER BY r.outcome, r.score_min DESC NULLS LAST, e.credit_code LIMIT :limit OFFSET :offset", p, ROW);
        long t = total == null ? 0 : total;
        return new ResultPage<>(items, q.page(), q.size(), t, (t + q.size() - 1) / q.size());
    }

    /** How many enterprises of the filter (ignoring its outcome) have each outcome. */
    public Map<Outcome, Long> counts(DataScope scope, ResultQuery q) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String where = where(scope, q, false, p);
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) counts.put(o, 0L);
        jdbc.query("SELECT r.outcome, count(*)" + FROM + where + " GROUP BY r.outcome", p,
                rs -> { counts.put(Outcome.valueOf(rs.getString(1)), rs.getLong(2)); });
        return counts;
    }

    /** Every row of the filter, for the export, streamed. */
    @Transactional(readOnly = true)
    public int stream(DataScope scope, ResultQuery q, int max, Consumer<ResultRow> sink) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String where = where(scope, q, true, p);
        p.addValue("limit", max);
        int[] n = {0};
        jdbc.query("SELECT " + COLUMNS + FROM + where + " ORDER BY r.outcome, r.score_min DESC NULLS LAST, e.credit_code LIMIT :limit",
                p, rs -> {
                    sink.accept(ROW.mapRow(rs, n[0]++));
                });
        return n[0];
    }

    /** The enterprise's id if it is in the scope. */
    private Optional<Long> enterprise(DataScope scope, String creditCode) {
        DataScope.SqlFilter f = scope.enterpriseFilter("e");
        MapSqlParameterSource p = new MapSqlParameterSource(f.params()).addValue("code", creditCode);
        return jdbc.query("SELECT e.id FROM enterprise e WHERE e.credit_code = :code AND " + f.sql(), p,
                (rs, n) -> rs.getLong(1)).stream().findFirst();
    }

    /** The stored results' JSON ({@link ResultJson}), latest year first; empty when not in scope. */
    public Optional<List<JsonNode>> json(DataScope scope, String creditCode) {
        return enterprise(scope, creditCode).map(id -> jdbc.query(STORED, Map.of("id", id), (rs, n) -> ResultJson.of(stored(rs))));
    }

    /** The stored results for the enterprise file, latest year first; empty list when none or not in scope. */
    public List<StoredResult> forFile(DataScope scope, String creditCode, Locale locale) {
        return enterprise(scope, creditCode).map(id -> jdbc.query(STORED, Map.of("id", id),
                (rs, n) -> StoredResult.of(stored(rs), rs.getObject(10, OffsetDateTime.class), rs.getLong(11), locale)))
                .orElse(List.of());
    }

    /** The latest year with stored results in the scope, or null. */
    public Integer latestYear(DataScope scope) {
        DataScope.SqlFilter f = scope.enterpriseFilter("e");
        return jdbc.queryForObject("SELECT max(r.year) FROM evaluation_result r JOIN enterprise e ON e.id = r.enterprise_id"
                + " WHERE " + f.sql(), new MapSqlParameterSource(f.params()), Integer.class);
    }
}
