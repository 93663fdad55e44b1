package org.innoladder.evaluation;

import java.util.ArrayList;
import java.util.List;

import org.innoladder.rules.NearRatio;
import org.innoladder.rules.Outcome;
import org.innoladder.rules.Rulesets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The near ratio of each stored NOT_QUALIFIED result ({@code evaluation_result.near_ratio}, {@link NearRatio}).
 * Evaluation runs store it with the result; results stored otherwise (before the column existed, or written by hand
 * as test fixtures are) get it here, once, before a reader that needs it (the ladder snapshot) reads the year.
 */
@Service
public class StoredNearRatios {
    private final JdbcClient jdbc;

    public StoredNearRatios(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Computes the missing near ratios of the year's results; returns how many were filled. */
    @Transactional
    public int fillMissing(int year) {
        List<Object[]> updates = new ArrayList<>();
        jdbc.sql("""
                SELECT enterprise_id, ruleset_id, ruleset_version, detail
                FROM evaluation_result WHERE year = ? AND outcome = 'NOT_QUALIFIED' AND near_ratio IS NULL""")
                .param(year).query(rs -> {
                    String id = rs.getString(2), version = rs.getString(3);
                    byte[] detail = rs.getBytes(4);
                    double ratio = NearRatio.of(Outcome.NOT_QUALIFIED, CompactResultReader.statuses(id, version, detail),
                            CompactResultReader.gaps(id, version, detail), Rulesets.decision(id + "@" + version));
                    updates.add(new Object[] {ratio, rs.getLong(1), year, id, version});
                });
        for (Object[] u : updates) {
            jdbc.sql("UPDATE evaluation_result SET near_ratio = ? WHERE enterprise_id = ? AND year = ? AND ruleset_id = ?"
                    + " AND ruleset_version = ?").params(u).update();
        }
        return updates.size();
    }

}
