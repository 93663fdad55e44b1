package org.innoladder.review.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scoring form as data: the criteria an expert scores (whole points from 0 to the maximum, a weight, optional
 * bands, whether a comment is required, the citation and how sure we are of it, the enterprise fact the panel's
 * score becomes), the items the ruleset computes itself (shown for reference with their bands), the threshold
 * (null where a ruleset decides) and the outlier distance. Forms are loaded from YAML ({@code review/forms}).
 */
public record ScoringForm(String id, Why label, String reference, List<Criterion> criteria, List<ComputedItem> computed,
                          BigDecimal threshold, BigDecimal outlierDistance, int panelSize, int minPanel, List<String> notes) {

    public ScoringForm {
        criteria = List.copyOf(criteria);
        computed = computed == null ? List.of() : List.copyOf(computed);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** A band of a criterion: grade letter, its score range, and the words of the document. */
    public record Band(String grade, int min, int max, Why label) {
    }

    /** {@code trust}: official, secondary or open (../shared/standards/README.md); {@code fact}: may be null. */
    public record Criterion(String id, Why label, int max, BigDecimal weight, List<Band> bands, boolean commentRequired,
                            String reference, String trust, String fact) {
        public Criterion {
            bands = bands == null ? List.of() : List.copyOf(bands);
        }

        /** The band a score falls in, or null when the criterion has no bands. */
        public Band band(int score) {
            return bands.stream().filter(b -> score >= b.min() && score <= b.max()).findFirst().orElse(null);
        }
    }

    /** An item the ruleset computes from the data (not scored by experts), with its bands for the expert to read. */
    public record ComputedItem(String id, Why label, int max, String reference, String trust, Why how) {
    }

    /** One problem with a sheet, naming the criterion, the value given and the rule broken. */
    public record Problem(String criterion, String value, Why rule) {
    }

    public Criterion criterion(String id) {
        return criteria.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
    }

    public int maxTotal() {
        return criteria.stream().mapToInt(c -> BigDecimal.valueOf(c.max()).multiply(c.weight()).intValue()).sum();
    }

    /** What is wrong with a sheet: a missing or unknown criterion, a score out of range, a missing comment. */
    public List<Problem> validate(Map<String, Integer> scores, Map<String, String> comments) {
        List<Problem> out = new ArrayList<>();
        for (String key : scores.keySet()) {
            if (criterion(key) == null) {
                out.add(new Problem(key, String.valueOf(scores.get(key)), new Why("评分表“" + label.zh() + "”没有此评分项",
                        "the form " + id + " has no such criterion")));
            }
        }
        for (Criterion c : criteria) {
            Integer s = scores.get(c.id());
            if (s == null) {
                out.add(new Problem(c.id(), "", new Why("“" + c.label().zh() + "”须评分（0–" + c.max() + " 分）",
                        c.label().en() + " must be scored (0–" + c.max() + ")")));
            } else if (s < 0 || s > c.max()) {
                out.add(new Problem(c.id(), String.valueOf(s), new Why("“" + c.label().zh() + "”的分值须在 0–" + c.max() + " 分之间",
                        c.label().en() + " must lie between 0 and " + c.max())));
            }
            String comment = comments == null ? null : comments.get(c.id());
            if (c.commentRequired() && (comment == null || comment.isBlank())) {
                out.add(new Problem(c.id(), "", new Why("“" + c.label().zh() + "”须填写评语", c.label().en() + " needs a comment")));
            }
        }
        return out;
    }

    /** The weighted total of a valid sheet, to two decimals. */
    public BigDecimal total(Map<String, Integer> scores) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Criterion c : criteria) {
            sum = sum.add(c.weight().multiply(BigDecimal.valueOf(scores.getOrDefault(c.id(), 0))));
        }
        return sum.setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * The panel's value of each enterprise fact: per criterion the experts' mean, the criteria of one fact added,
     * rounded half up to whole points (the Guide scores whole points and takes the experts' average; how the
     * average is rounded is not in the text: [open], documented in the form).
     */
    public Map<String, Integer> factValues(List<Map<String, Integer>> sheets) {
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        if (sheets.isEmpty()) return Map.of();
        for (Criterion c : criteria) {
            if (c.fact() == null) continue;
            BigDecimal itemSum = BigDecimal.ZERO;
            for (Map<String, Integer> s : sheets) itemSum = itemSum.add(BigDecimal.valueOf(s.getOrDefault(c.id(), 0)));
            BigDecimal mean = itemSum.divide(BigDecimal.valueOf(sheets.size()), 10, RoundingMode.HALF_UP);
            sums.merge(c.fact(), mean, BigDecimal::add);
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        sums.forEach((fact, v) -> out.put(fact, v.setScale(0, RoundingMode.HALF_UP).intValueExact()));
        return out;
    }
}
