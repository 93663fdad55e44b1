package org.innoladder.evaluation;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.innoladder.rules.EvaluationResult;
import org.innoladder.rules.EvaluationResult.CriterionResult;
import org.innoladder.rules.EvaluationResult.Gap;
import org.innoladder.rules.EvaluationResult.ItemResult;
import org.innoladder.rules.EvaluationResult.ScoreRange;
import org.innoladder.rules.Reference;
import org.innoladder.rules.RulesetInfo;
import org.innoladder.rules.Rulesets;

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

    public static StoredResult of(EvaluationResult result, OffsetDateTime evaluatedAt, long runId, Locale locale) {
        boolean en = locale != null && "en".equals(locale.getLanguage());
        String id = result.ruleset();
        String version = result.version();
        String title = id + "@" + version;
        String documents = "";
        for (RulesetInfo info : Rulesets.list()) {
            if (info.id().equals(id) && info.version().equals(version)) {
                title = en ? info.titleEn() : info.titleZh();
                documents = String.join("；", info.references().stream().map(Reference::document).toList());
            }
        }
        List<Criterion> criteria = new ArrayList<>();
        for (CriterionResult c : result.criteria()) {
            criteria.add(new Criterion(c.id(), c.status().name(), text(c.value(), en), text(c.threshold(), en),
                    c.reference() == null ? documents : c.reference()));
        }
        List<Item> items = new ArrayList<>();
        for (ItemResult i : result.items()) {
            items.add(new Item(i.id(), i.band() == null ? "" : i.band(), i.min(), i.max()));
        }
        List<String> gaps = new ArrayList<>();
        for (Gap gap : result.gaps()) {
            gaps.add(gap.criterion() + "：" + GapText.sentence(gap, locale));
        }
        ScoreRange score = result.score();
        return new StoredResult(id, version, title, result.year(), result.outcome().name(),
                score != null ? score.min() : null, score != null ? score.max() : null,
                criteria, items, gaps, evaluatedAt, runId);
    }

    /** Ratios to 4 decimals, whole numbers without decimals, booleans as 是/否 (yes/no); unknown or infinite as —. */
    private static String text(Object v, boolean en) {
        if (v == null) return "—";
        if (v instanceof Boolean b) return b ? (en ? "yes" : "是") : (en ? "no" : "否");
        if (v instanceof Double x) {
            if (x.isNaN() || x.isInfinite()) return "—";
            BigDecimal d = BigDecimal.valueOf(x);
            if (d.scale() > 4) d = d.setScale(4, java.math.RoundingMode.HALF_UP);
            return d.stripTrailingZeros().toPlainString();
        }
        return v.toString();
    }
}
