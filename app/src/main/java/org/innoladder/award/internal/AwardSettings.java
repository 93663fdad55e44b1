package org.innoladder.award.internal;

import org.innoladder.award.domain.AwardStatus;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code innoladder.award.*}: the publicity period and the deadline of each step, in calendar days counted from the
 * day the case entered the step. A case still in the step after its deadline is flagged overdue on the case pages.
 *
 * @param publicityDays    days a case stays publicised before it may be paid (default 7: the publicity period
 *                         (公示期) ends on day 7 inclusive; payment from day 8)
 * @param deadlineDays     per status, days allowed in that step; steps not named take the defaults of
 *                         {@link #DEFAULT_DEADLINES}
 * @param maxMaterialBytes largest application file accepted (default 10 MB)
 */
@ConfigurationProperties("innoladder.award")
public record AwardSettings(Integer publicityDays, Map<AwardStatus, Integer> deadlineDays, Integer maxMaterialBytes) {

    /** Enterprise confirmation 30 days, town review 10, district approval 10, waiting for budget 60, publicising 5,
     *  payment 15 (publicity included). */
    public static final Map<AwardStatus, Integer> DEFAULT_DEADLINES = Map.of(
            AwardStatus.MATCHED, 30, AwardStatus.ENTERPRISE_CONFIRMED, 10, AwardStatus.TOWN_REVIEWED, 10,
            AwardStatus.BUDGET_WAIT, 60, AwardStatus.DISTRICT_APPROVED, 5, AwardStatus.PUBLICISED, 15);

    public AwardSettings {
        if (publicityDays == null) publicityDays = 7;
        if (publicityDays < 1) throw new IllegalArgumentException("innoladder.award.publicity-days must be at least 1");
        Map<AwardStatus, Integer> d = new EnumMap<>(DEFAULT_DEADLINES);
        if (deadlineDays != null) d.putAll(deadlineDays);
        deadlineDays = Map.copyOf(d);
        if (maxMaterialBytes == null) maxMaterialBytes = 10 * 1024 * 1024;
    }

    /** Days allowed in the step, or null for final states (no deadline). */
    public Integer deadline(AwardStatus s) {
        return s.terminal() ? null : deadlineDays.get(s);
    }
}
