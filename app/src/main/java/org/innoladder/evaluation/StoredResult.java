package org.innoladder.evaluation;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.innoladder.rules.EvaluationResult.Gap;
import org.innoladder.rules.Reference;
import org.innoladder.rules.RulesetInfo;
import org.innoladder.rules.Rulesets;

import tools.jackson.databind.JsonNode;

/**
 * A stored explained result as the enterprise file shows it: outcome, score range, criteria with citations,
 * the score breakdown and the gaps as sentences in the page's language.
 */
public record StoredResult(String ruleset, String version, String title, int year, String outcome, Integer scoreMin,
                           Integer scoreMax, List<Criterion> criteria, List<Item> items, List<String> gaps,
                           OffsetDateTime evaluatedAt, long runId) {

    public record Criterion(String id, String status, String value, String threshold, String reference) {
    }

    public record Item(String id, String band, int min, int max) {
    }

    public String scoreText() {
        if (scoreMin == null) return null;
        return scoreMin.equals(scoreMax) ? String.valueOf(scoreMin) : scoreMin + "–" + scoreMax;
    }

    public static StoredResult of(JsonNode json, OffsetDateTime evaluatedAt, long runId, Locale locale) {
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
        List<Criterion> criteria = new ArrayList<>();
        for (JsonNode c : json.path("criteria")) {
            criteria.add(new Criterion(c.path("id").asString(), c.path("status").asString(), text(c.get("value"), en),
                    text(c.get("threshold"), en), c.path("reference").isNull() ? documents : c.path("reference").asString()));
        }
        List<Item> items = new ArrayList<>();
        for (JsonNode i : json.path("items")) {
            items.add(new Item(i.path("id").asString(), i.path("band").isNull() ? "" : i.path("band").asString(),
                    i.path("min").asInt(), i.path("max").asInt()));
        }
        List<String> gaps = new ArrayList<>();
        for (JsonNode g : json.path("gaps")) {
            Gap gap = new Gap(g.path("criterion").asString(), g.path("lever").asString(), decimal(g.get("current")),
                    decimal(g.get("required")), decimal(g.get("delta")));
            gaps.add(gap.criterion() + "：" + GapText.sentence(gap, locale));
        }
        JsonNode score = json.get("score");
        boolean scored = score != null && !score.isNull();
        return new StoredResult(id, version, title, json.path("year").asInt(), json.path("outcome").asString(),
                scored ? score.path("min").asInt() : null, scored ? score.path("max").asInt() : null,
                criteria, items, gaps, evaluatedAt, runId);
    }

    private static BigDecimal decimal(JsonNode n) {
        return n == null || n.isNull() ? null : n.decimalValue();
    }

    /** Ratios to 4 decimals, whole numbers without decimals, booleans as 是/否 (yes/no). */
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
