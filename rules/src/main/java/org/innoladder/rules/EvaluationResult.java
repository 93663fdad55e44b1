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
        StringBuilder b = new StringBuilder(512);
        b.append('{');
        Json.field(b, "credit_code", creditCode).append(',');
        Json.field(b, "name", name).append(',');
        Json.field(b, "ruleset", ruleset).append(',');
        Json.field(b, "version", version).append(',');
        Json.field(b, "year", year).append(',');
        Json.field(b, "outcome", outcome.name()).append(',');
        Json.string(b, "score").append(':');
        if (score == null) {
            b.append("null");
        } else {
            b.append('{');
            Json.field(b, "min", score.min()).append(',');
            Json.field(b, "max", score.max()).append('}');
        }
        b.append(",\"criteria\":[");
        for (int i = 0; i < criteria.size(); i++) {
            CriterionResult c = criteria.get(i);
            if (i > 0) b.append(',');
            b.append('{');
            Json.field(b, "id", c.id()).append(',');
            Json.field(b, "status", c.status().name()).append(',');
            Json.field(b, "value", c.value()).append(',');
            Json.field(b, "threshold", c.threshold()).append(',');
            Json.field(b, "reference", c.reference()).append('}');
        }
        b.append("],\"items\":[");
        for (int i = 0; i < items.size(); i++) {
            ItemResult it = items.get(i);
            if (i > 0) b.append(',');
            b.append('{');
            Json.field(b, "id", it.id()).append(',');
            Json.field(b, "band", it.band()).append(',');
            Json.field(b, "min", it.min()).append(',');
            Json.field(b, "max", it.max()).append('}');
        }
        b.append("],\"gaps\":[");
        for (int i = 0; i < gaps.size(); i++) {
            Gap g = gaps.get(i);
            if (i > 0) b.append(',');
            b.append('{');
            Json.field(b, "criterion", g.criterion()).append(',');
            Json.field(b, "lever", g.lever()).append(',');
            Json.field(b, "current", g.current()).append(',');
            Json.field(b, "required", g.required()).append(',');
            Json.field(b, "delta", g.delta()).append('}');
        }
        return b.append("]}").toString();
    }
}
