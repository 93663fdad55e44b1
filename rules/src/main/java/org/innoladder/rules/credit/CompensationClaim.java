package org.innoladder.rules.credit;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What the compensation rule reads about one claim: the loan's kind and features, the principal that went bad, and
 * the lender's actual loss on it with what the pool already paid against that loss. Amounts in yuan.
 *
 * @param bankLossTotal          the lender's actual loss on the claimed loan (the cumulative cap is a share of it)
 * @param bankCompensatedBefore  what the pool already paid against that loss (earlier claims on the same loss)
 */
public record CompensationClaim(String claimId, String bankCode, LoanKind loanKind, boolean firstLoan,
                                boolean pureCreditOrIpPledge, boolean whitelisted, BigDecimal newCreditAmount,
                                BigDecimal nonperformingPrincipal, BigDecimal bankLossTotal,
                                BigDecimal bankCompensatedBefore) {

    /** Direct lending by the bank, or a loan a guarantor stands behind. */
    public enum LoanKind {
        DIRECT, GUARANTEED;

        /** {@code direct} / {@code guaranteed} (or 直贷 / 担保), as the claims file spells them. */
        public static LoanKind parse(String text) {
            String t = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
            return switch (t) {
                case "direct", "直贷", "直接贷款" -> DIRECT;
                case "guaranteed", "担保", "担保贷款" -> GUARANTEED;
                default -> throw new IllegalArgumentException("loan_kind: '" + text + "' is not direct or guaranteed");
            };
        }
    }

    public CompensationClaim {
        Objects.requireNonNull(loanKind, "loan_kind");
        newCreditAmount = nonNegative("new_credit_amount", newCreditAmount);
        nonperformingPrincipal = nonNegative("nonperforming_principal", nonperformingPrincipal);
        bankLossTotal = nonNegative("bank_loss_total", bankLossTotal);
        bankCompensatedBefore = nonNegative("bank_compensated_before", bankCompensatedBefore);
    }

    private static BigDecimal nonNegative(String field, BigDecimal v) {
        if (v == null) return BigDecimal.ZERO;
        if (v.signum() < 0) throw new IllegalArgumentException(field + ": " + v.toPlainString() + " is negative");
        return v;
    }
}
