package org.innoladder.review.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks decided cases by their mean, highest first. Equal means share a rank and the next rank skips
 * ("1, 1, 3"); equal means are listed by case id so the order is reproducible. Cases below the threshold are
 * ranked too (the panel sees the whole field) but marked as not passing.
 */
public final class Ranking {

    private Ranking() {
    }

    public record Entry(long caseId, BigDecimal mean) {
    }

    public record Ranked(long caseId, BigDecimal mean, int rank, boolean passes) {
    }

    public static List<Ranked> rank(List<Entry> entries, BigDecimal threshold) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::mean, Comparator.reverseOrder()).thenComparingLong(Entry::caseId));
        List<Ranked> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Entry e = sorted.get(i);
            int rank = i > 0 && sorted.get(i - 1).mean().compareTo(e.mean()) == 0 ? out.get(i - 1).rank() : i + 1;
            out.add(new Ranked(e.caseId(), e.mean(), rank, threshold == null || e.mean().compareTo(threshold) >= 0));
        }
        return out;
    }
}
