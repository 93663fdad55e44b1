package org.innoladder.evaluation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.innoladder.rules.EvaluationResult;
import org.innoladder.rules.NearRatio;
import org.innoladder.rules.Outcome;
import org.innoladder.rules.Ruleset;
import org.innoladder.rules.Rulesets;
import org.innoladder.rules.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The near ratio of each stored NOT_QUALIFIED result ({@code evaluation_result.near_ratio}, {@link NearRatio}).
 * Evaluation runs store it with the result; results stored otherwise (before the column existed, or written by hand
 * as test fixtures are) get it here, once, before a reader that needs it (the ladder snapshot) reads the year.
 */
@Service
public class StoredNearRatios {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    public StoredNearRatios(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Computes the missing near ratios of the year's results; returns how many were filled. */
    @Transactional
    public int fillMissing(int year) {
        List<Object[]> updates = new ArrayList<>();
        jdbc.sql("""
                SELECT enterprise_id, ruleset_id, ruleset_version, (result -> 'criteria')::text, (result -> 'gaps')::text
                FROM evaluation_result WHERE year = ? AND outcome = 'NOT_QUALIFIED' AND near_ratio IS NULL""")
                .param(year).query(rs -> {
                    double ratio = NearRatio.of(Outcome.NOT_QUALIFIED, criteria(rs.getString(4)), gaps(rs.getString(5)),
                            decision(rs.getString(2) + "@" + rs.getString(3)));
                    updates.add(new Object[] {ratio, rs.getLong(1), year, rs.getString(2), rs.getString(3)});
                });
        for (Object[] u : updates) {
            jdbc.sql("UPDATE evaluation_result SET near_ratio = ? WHERE enterprise_id = ? AND year = ? AND ruleset_id = ?"
                    + " AND ruleset_version = ?").params(u).update();
        }
        return updates.size();
    }

    private static java.util.function.Function<Map<String, Status>, Outcome> decision(String ref) {
        try {
            Ruleset r = Rulesets.get(ref);
            return r::decide;
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static Map<String, Status> criteria(String json) {
        Map<String, Status> out = new LinkedHashMap<>();
        if (json == null) return out;
        for (JsonNode c : JSON.readTree(json)) {
            String st = c.path("status").asString();
            out.put(c.path("id").asString(), "PASS".equals(st) ? Status.PASS : "FAIL".equals(st) ? Status.FAIL : Status.UNKNOWN);
        }
        return out;
    }

    private static List<EvaluationResult.Gap> gaps(String json) {
        List<EvaluationResult.Gap> out = new ArrayList<>();
        if (json == null) return out;
        for (JsonNode g : JSON.readTree(json)) {
            out.add(new EvaluationResult.Gap(g.path("criterion").asString(), g.path("lever").asString(), decimal(g.get("current")),
                    decimal(g.get("required")), decimal(g.get("delta"))));
        }
        return out;
    }

    private static BigDecimal decimal(JsonNode n) {
        return n == null || n.isNull() || !n.isNumber() ? null : n.decimalValue();
    }
}
