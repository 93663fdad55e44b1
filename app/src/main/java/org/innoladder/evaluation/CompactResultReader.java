package org.innoladder.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.innoladder.rules.CompactResult;
import org.innoladder.rules.EvaluationResult;
import org.innoladder.rules.EvaluationResult.Gap;
import org.innoladder.rules.EvaluationResult.ScoreRange;
import org.innoladder.rules.Outcome;
import org.innoladder.rules.ResultCodec;
import org.innoladder.rules.Ruleset;
import org.innoladder.rules.Rulesets;
import org.innoladder.rules.Status;

/**
 * Reads rows of {@code evaluation_result} as {@link CompactResultWriter} stored them: the explained result rebuilt from
 * its ruleset version and detail, or only the parts a page needs (failed criteria, statuses, gaps). A row whose
 * detail is missing (a ruleset version this build does not have when results were converted) reads as its outcome and
 * score with no criteria, items or gaps.
 */
public final class CompactResultReader {
    private CompactResultReader() {
    }

    /** The columns of a stored row, as selected. */
    public record Row(String creditCode, String name, String rulesetId, String version, int year, String outcome,
                      Integer scoreMin, Integer scoreMax, byte[] detail) {
    }

    /** The built-in ruleset version, or null when this build does not have it. */
    static Ruleset ruleset(String rulesetId, String version) {
        try {
            return Rulesets.get(rulesetId + "@" + version);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** The explained result of a stored row, as the run built it. */
    public static EvaluationResult result(Row row) {
        Ruleset ruleset = ruleset(row.rulesetId(), row.version());
        ScoreRange score = row.scoreMin() == null ? null : new ScoreRange(row.scoreMin(), row.scoreMax());
        Outcome outcome = Outcome.valueOf(row.outcome());
        if (ruleset == null || row.detail() == null) {
            return new EvaluationResult(row.creditCode(), row.name(), row.rulesetId(), row.version(), row.year(), outcome, score,
                    List.of(), List.of(), List.of());
        }
        return ResultCodec.decode(ruleset, row.creditCode(), row.name(), row.year(), new CompactResult(outcome, score, row.detail()));
    }

    /** Each criterion's status by id, in ruleset order; empty without a detail. */
    public static Map<String, Status> statuses(String rulesetId, String version, byte[] detail) {
        Ruleset ruleset = ruleset(rulesetId, version);
        if (ruleset == null || detail == null) return Map.of();
        Status[] statuses = ResultCodec.statuses(ruleset, detail);
        List<String> ids = ruleset.criterionIds();
        Map<String, Status> out = new LinkedHashMap<>();
        for (int c = 0; c < statuses.length; c++) out.put(ids.get(c), statuses[c]);
        return out;
    }

    /** The ids of the failed criteria, in ruleset order. */
    public static List<String> failing(String rulesetId, String version, byte[] detail) {
        List<String> out = new ArrayList<>();
        statuses(rulesetId, version, detail).forEach((id, status) -> {
            if (status == Status.FAIL) out.add(id);
        });
        return out;
    }

    /** The gaps, in ruleset order; empty without a detail. */
    public static List<Gap> gaps(String rulesetId, String version, byte[] detail) {
        Ruleset ruleset = ruleset(rulesetId, version);
        return ruleset == null || detail == null ? List.of() : ResultCodec.gaps(ruleset, detail);
    }
}
