package org.innoladder.review;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A review case was decided: published inside the deciding transaction, so a workflow that owns the subject (the
 * HNTE dossier, a challenge application) records the outcome atomically with the decision. {@code facts}: the
 * panel's value of each enterprise fact the form names (empty when the form names none); {@code experts}: the names
 * of the experts whose sheets count.
 */
public record ReviewDecided(long caseId, String kind, long subjectId, BigDecimal mean, Boolean passes,
                            Map<String, Integer> facts, List<String> experts, long decidedBy) {
}
