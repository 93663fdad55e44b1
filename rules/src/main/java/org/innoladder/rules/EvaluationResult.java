package org.innoladder.rules;

import java.math.BigDecimal;
import java.util.List;

/**
 * One enterprise-year evaluated under one ruleset version, with its explanation and gaps. The field names
 * are the JSON names; {@link #toJson()} writes the agreed shape without a JSON library.
 */
public record EvaluationResult(String creditCode, String name, String ruleset, String version, int year,
                               Outcome outcome, ScoreRange score, List<CriterionResult> criteria,
                               List<ItemResult> items, List<Gap> gaps) {

    /** Total score as attainable range; null for rulesets without scores. */
    public record ScoreRange(int min, int max) {
    }

    /**
     * One criterion: {@code value} and {@code threshold} are a Double, Boolean, String or null (unknown or
     * not applicable).
     */
    public record CriterionResult(String id, Status status, Object value, Object threshold, String reference) {
    }

    /** One score item (id) or part of one (id "item.part"): its band label and attainable points. */
    public record ItemResult(String id, String band, int min, int max) {
    }

    /** The smallest change of one lever that makes a failed criterion pass, other facts unchanged. */
    public record Gap(String criterion, String lever, BigDecimal current, BigDecimal required, BigDecimal delta) {
    }

    /** Ids of the criteria with the given status, in ruleset order. */
    public List<String> criteria(Status status) {
        return criteria.stream().filter(c -> c.status() == status).map(CriterionResult::id).toList();
    }

    public String toJson() {
        StringBuilder b = new StringBuilder(512).append('{');
        Json.field(b, "credit_code", creditCode).append(',');
        Json.field(b, "name", name).append(',');
        Json.field(b, "ruleset", ruleset).append(',');
        Json.field(b, "version", version).append(',');
        Json.field(b, "year", year).append(',');
        Json.field(b, "outcome", outcome).append(',');
        Json.field(b, "score", score).append(',');
        Json.field(b, "criteria", criteria).append(',');
        Json.field(b, "items", items).append(',');
        return Json.field(b, "gaps", gaps).append('}').toString();
    }
}
