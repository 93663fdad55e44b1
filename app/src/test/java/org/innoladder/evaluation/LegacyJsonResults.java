package org.innoladder.evaluation;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.innoladder.rules.EvaluationResult.Gap;
import org.innoladder.rules.Reference;
import org.innoladder.rules.RulesetInfo;
import org.innoladder.rules.Rulesets;
import org.innoladder.rules.Status;

import tools.jackson.databind.JsonNode;

/**
 * How results were read while they were stored as {@code EvaluationResult.toJson()} in a {@code jsonb} column, kept
 * verbatim from before the compact storage (commit 4eebb31) so that a test can compare the two paths: the enterprise
 * file's {@code StoredResult}, the list's failed criteria and gap count (SQL over the JSON), and the ladder's statuses
 * and gaps.
 */
final class LegacyJsonResults {
    private LegacyJsonResults() {
    }

    /** The list columns computed from the JSON, over a table aliased {@code r} with a {@code result jsonb} column. */
    static final String LIST_COLUMNS = "(SELECT coalesce(string_agg(c->>'id', ';'), '') FROM jsonb_array_elements(r.result->'criteria') c"
            + "  WHERE c->>'status' = 'FAIL') AS failing, jsonb_array_length(r.result->'gaps') AS gaps";

    static StoredResult storedResult(JsonNode json, OffsetDateTime evaluatedAt, long runId, Locale locale) {
        boolean en = locale != null && "en".equals(locale.getLanguage());
        String id = json.path("ruleset").asString();
        String version = json.path("version").asString();
        String title = id + "@" + version;
        String documents = "";
        for (RulesetInfo info : Rulesets.list()) {
            if (info.id().equals(id) && info.version().equals(version)) {
                title = en ? info.titleEn() : info.titleZh();
                documents = String.join("；", info.references().stream().map(Reference::document).toList());
            }
        }
        List<StoredResult.Criterion> criteria = new ArrayList<>();
        for (JsonNode c : json.path("criteria")) {
            criteria.add(new StoredResult.Criterion(c.path("id").asString(), c.path("status").asString(), text(c.get("value"), en),
                    text(c.get("threshold"), en), c.path("reference").isNull() ? documents : c.path("reference").asString()));
        }
        List<StoredResult.Item> items = new ArrayList<>();
        for (JsonNode i : json.path("items")) {
            items.add(new StoredResult.Item(i.path("id").asString(), i.path("band").isNull() ? "" : i.path("band").asString(),
                    i.path("min").asInt(), i.path("max").asInt()));
        }
        List<String> gaps = new ArrayList<>();
        for (Gap gap : gaps(json.path("gaps"))) gaps.add(gap.criterion() + "：" + GapText.sentence(gap, locale));
        JsonNode score = json.get("score");
        boolean scored = score != null && !score.isNull();
        return new StoredResult(id, version, title, json.path("year").asInt(), json.path("outcome").asString(),
                scored ? score.path("min").asInt() : null, scored ? score.path("max").asInt() : null,
                criteria, items, gaps, evaluatedAt, runId);
    }

    /** LadderService.criteria(json) as it was. */
    static Map<String, Status> statuses(JsonNode criteria) {
        Map<String, Status> out = new LinkedHashMap<>();
        for (JsonNode c : criteria) {
            String st = c.path("status").asString();
            out.put(c.path("id").asString(), "PASS".equals(st) ? Status.PASS : "FAIL".equals(st) ? Status.FAIL : Status.UNKNOWN);
        }
        return out;
    }

    /** LadderService.gaps(json) and StoredResult's gaps as they were. */
    static List<Gap> gaps(JsonNode gaps) {
        List<Gap> out = new ArrayList<>();
        for (JsonNode g : gaps) {
            out.add(new Gap(g.path("criterion").asString(), g.path("lever").asString(), decimal(g.get("current")),
                    decimal(g.get("required")), decimal(g.get("delta"))));
        }
        return out;
    }

    private static BigDecimal decimal(JsonNode n) {
        return n == null || n.isNull() || !n.isNumber() ? null : n.decimalValue();
    }

    private static String text(JsonNode n, boolean en) {
        if (n == null || n.isNull()) return "—";
        if (n.isBoolean()) return n.asBoolean() ? (en ? "yes" : "是") : (en ? "no" : "否");
        if (n.isNumber()) {
            BigDecimal d = n.decimalValue();
            if (d.scale() > 4) d = d.setScale(4, java.math.RoundingMode.HALF_UP);
            return d.stripTrailingZeros().toPlainString();
        }
        return n.asString();
    }
}
