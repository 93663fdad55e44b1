package org.innoladder.rules;

import java.util.Map;
import java.util.Optional;

/**
 * What a ruleset's parts are called and measured in, for pages and exports: the label and unit of every criterion
 * (with its citation, trust level and note), the label of every score item and part, the label and unit of every
 * parameter and formula, and the words of band and case labels that are not language-neutral. Ids stay what the
 * engine and the stored results use; this is how they read.
 *
 * @param criteria  by criterion id
 * @param items     by score item id ("ip") and part id as results name it ("ip.count")
 * @param choices   by item or part id as results name it: the band or case label a result stores → its words
 */
public record RulesetText(Map<String, CriterionText> criteria, Map<String, Label> items, Map<String, Named> parameters,
                          Map<String, Named> formulas, Map<String, Map<String, Label>> choices) {

    /** A criterion as a reader sees it: what it checks, the unit of its value and threshold, and its citation. */
    public record CriterionText(Label label, Unit unit, String reference, String trust, String note) {
        /** Secondary or open sources are regional or derived readings, not the national text. */
        public boolean official() {
            return trust == null || "official".equals(trust);
        }
    }

    /** A parameter or formula: its label and unit, its citation and trust where it has them. */
    public record Named(Label label, Unit unit, String reference, String trust) {
    }

    public Optional<CriterionText> criterion(String id) {
        return Optional.ofNullable(criteria.get(id));
    }

    public Optional<Label> item(String id) {
        return Optional.ofNullable(items.get(id));
    }

    /** The words for a stored band or case label of an item or part, or the label itself when it is language-neutral. */
    public Label choice(String itemId, String band) {
        Map<String, Label> m = choices.get(itemId);
        Label l = m == null ? null : m.get(band);
        return l != null ? l : new Label(band, band);
    }
}
