package org.innoladder.evaluation;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.innoladder.rules.Label;
import org.innoladder.rules.RulesetText;
import org.innoladder.rules.Rulesets;
import org.innoladder.rules.Unit;
import org.innoladder.web.Figures;
import org.springframework.context.MessageSource;

/**
 * One ruleset on the enterprise file page, as a reader wants it: its latest year's outcome, each criterion by its
 * label with value and threshold in their units and the citation in words, the score items by label, the gaps as
 * sentences, and one line per earlier year. Ids, stored citations and notes are kept for a details element.
 *
 * @param open    shown expanded: the outcome changed since the year before, or the enterprise is near this tier
 * @param change  the change since the year before in words, or null
 */
public record RulesetSection(String ref, String title, int year, String outcome, String outcomeWord, String score,
                             List<CriterionLine> criteria, List<ItemLine> items, List<String> gaps,
                             List<YearLine> earlier, boolean open, String change, StoredResult latest) {

    /** One criterion: what it checks, its status, value and threshold in words, and where it comes from. */
    public record CriterionLine(String id, String label, String status, String statusWord, String value, String threshold,
                                String citation, String trustNote, String storedReference, String note) {
    }

    /** One score item or part (a part is indented under its item). */
    public record ItemLine(String id, String label, String band, String points, boolean part) {
    }

    public record YearLine(int year, String outcome, String outcomeWord, String score) {
    }

    /**
     * The sections of an enterprise's stored results (latest year first, as {@link EvaluationResults#forFile} returns
     * them): one per ruleset version, in the order given by {@code order} (ruleset ids; others after).
     *
     * @param near ruleset ids whose tier the enterprise is near (reserve pool): their sections open
     */
    public static List<RulesetSection> of(List<StoredResult> results, List<String> order, Set<String> near,
                                          Figures figures, MessageSource messages, Locale locale) {
        Map<String, List<StoredResult>> byRef = new LinkedHashMap<>();
        for (StoredResult r : results) byRef.computeIfAbsent(r.ruleset() + "@" + r.version(), k -> new ArrayList<>()).add(r);
        List<RulesetSection> out = new ArrayList<>();
        for (List<StoredResult> years : byRef.values()) {
            years.sort((a, b) -> Integer.compare(b.year(), a.year()));
            out.add(section(years, near, figures, messages, locale));
        }
        out.sort((a, b) -> Integer.compare(rank(order, a.ref()), rank(order, b.ref())));
        return out;
    }

    private static int rank(List<String> order, String ref) {
        int i = order.indexOf(ref.substring(0, ref.indexOf('@')));
        return i < 0 ? order.size() : i;
    }

    private static RulesetSection section(List<StoredResult> years, Set<String> near, Figures figures,
                                          MessageSource messages, Locale locale) {
        StoredResult r = years.get(0);
        String ref = r.ruleset() + "@" + r.version();
        RulesetText text = Rulesets.text(ref).orElse(null);
        List<CriterionLine> criteria = new ArrayList<>();
        for (StoredResult.Criterion c : r.criteria()) {
            RulesetText.CriterionText ct = text == null ? null : text.criterion(c.id()).orElse(null);
            Unit unit = ct == null ? Unit.NONE : ct.unit();
            String citation = ct != null && ct.reference() != null ? ct.reference() : c.reference();
            String trust = ct == null || ct.official() ? null
                    : messages.getMessage("evaluation.trust." + ct.trust(), null, "", locale);
            criteria.add(new CriterionLine(c.id(), ct == null ? c.id() : ct.label().in(locale), c.status(),
                    messages.getMessage("evaluation.status." + c.status(), null, c.status(), locale),
                    figures.value(c.value(), unit, locale), c.threshold() == null || c.threshold().equals("—") ? "" : figures.value(c.threshold(), unit, locale),
                    citation, trust, c.reference(), ct == null ? null : ct.note()));
        }
        List<ItemLine> items = new ArrayList<>();
        for (StoredResult.Item i : r.items()) {
            Label label = text == null ? null : text.item(i.id()).orElse(null);
            items.add(new ItemLine(i.id(), label == null ? i.id() : label.in(locale), band(text, i, messages, locale),
                    i.min() == i.max() ? i.min() + " " + messages.getMessage("unit.points", null, "分", locale)
                            : i.min() + "–" + i.max() + " " + messages.getMessage("unit.points", null, "分", locale),
                    i.id().contains(".")));
        }
        List<String> gaps = new ArrayList<>();
        for (String g : r.gaps()) gaps.add(gapWithLabel(g, text, locale));
        List<YearLine> earlier = new ArrayList<>();
        for (StoredResult y : years.subList(1, years.size())) {
            earlier.add(new YearLine(y.year(), y.outcome(), outcome(messages, y.outcome(), locale), score(y, messages, locale)));
        }
        String change = null;
        if (years.size() > 1 && !years.get(1).outcome().equals(r.outcome())) {
            change = messages.getMessage("evaluation.file.changed", new Object[]{years.get(1).year(),
                    outcome(messages, years.get(1).outcome(), locale), outcome(messages, r.outcome(), locale)}, locale);
        }
        String title = text == null ? ref : r.title();
        return new RulesetSection(ref, title, r.year(), r.outcome(), outcome(messages, r.outcome(), locale),
                score(r, messages, locale), criteria, items, gaps, earlier, change != null || near.contains(r.ruleset()),
                change, r);
    }

    /** "revenue_cagr：销售收入需增加 …" → "四年营业收入复合增长率…：销售收入需增加 …". */
    static String gapWithLabel(String stored, RulesetText text, Locale locale) {
        int colon = stored.indexOf('：');
        if (colon < 0 || text == null) return stored;
        String id = stored.substring(0, colon);
        return text.criterion(id).map(c -> c.label().in(locale) + "：" + stored.substring(colon + 1)).orElse(stored);
    }

    private static String band(RulesetText text, StoredResult.Item i, MessageSource messages, Locale locale) {
        String band = i.band();
        if (band == null || band.isEmpty()) return "";
        if (band.equals("expert")) return messages.getMessage("value.expert", null, band, locale);
        if (band.contains("|")) return messages.getMessage("evaluation.band.unknown", null, band, locale);
        return text == null ? band : text.choice(i.id(), band).in(locale);
    }

    private static String outcome(MessageSource messages, String outcome, Locale locale) {
        return messages.getMessage("evaluation.outcome." + outcome, null, outcome, locale);
    }

    private static String score(StoredResult r, MessageSource messages, Locale locale) {
        if (r.scoreText() == null) return null;
        return r.scoreText() + " " + messages.getMessage("unit.points", null, "分", locale);
    }
}
