package org.innoladder.assessment.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * A ranking scheme as data: its indicators (each the completion rate of the town's target on a metric, per tier for the
 * ladder's per-tier metrics) with weights, the cap on a rate, what a missing target does, when it applies, and where
 * it comes from ({@code citation}; {@code example} when no official source sets the numbers).
 */
public record Scheme(String id, String nameZh, String nameEn, boolean example, String citation, LocalDate effectiveFrom,
                     LocalDate effectiveTo, BigDecimal cap, Missing missing, List<Indicator> indicators) {

    /** A town lacking an indicator's target: not ranked (its score is missing), or ranked on the weights it has. */
    public enum Missing { UNRANKED, RENORMALISE }

    public record Indicator(String id, String nameZh, String nameEn, String metric, String tier, BigDecimal weight) {
        public String name(Locale locale) {
            return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameZh;
        }
    }

    public String name(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameZh;
    }

    public boolean appliesOn(LocalDate day) {
        return !day.isBefore(effectiveFrom) && (effectiveTo == null || !day.isAfter(effectiveTo));
    }

    public BigDecimal totalWeight() {
        return indicators.stream().map(Indicator::weight).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
