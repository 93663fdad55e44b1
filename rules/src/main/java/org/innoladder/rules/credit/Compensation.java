package org.innoladder.rules.credit;

import java.math.BigDecimal;

/**
 * The amount the pool pays on one claim, the share of the non-performing principal it started from, and the steps
 * in words (Chinese and English) so an auditor can follow the arithmetic.
 */
public record Compensation(String claimId, BigDecimal amount, BigDecimal share, String explanationZh,
                           String explanationEn) {
}
