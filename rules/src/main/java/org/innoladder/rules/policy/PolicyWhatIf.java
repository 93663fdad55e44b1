package org.innoladder.rules.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * The what-if sandbox's computation (政策沙盘): a policy before and after a change of its parameters over the same
 * population, nothing stored. Who gains eligibility, who loses it, whose amount changes, and the total award
 * against the budget.
 */
public record PolicyWhatIf(PolicyBatch before, PolicyBatch after, int[] gained, int[] lost, int amountChanged,
                           BigDecimal totalBefore, BigDecimal totalAfter, BigDecimal budget) {

    public static PolicyWhatIf compare(Policy before, Policy after, PolicyFacts facts) {
        return compare(before, facts, after, facts);
    }

    /**
     * The same where the context differs too: {@code factsAfter} is a {@link PolicyFacts#copy} of the same population
     * with, say, a ruleset's outcomes re-evaluated under changed thresholds.
     */
    public static PolicyWhatIf compare(Policy before, PolicyFacts factsBefore, Policy after, PolicyFacts factsAfter) {
        if (factsBefore.population() != factsAfter.population()) throw new IllegalArgumentException("not the same population");
        PolicyBatch b = before.evaluate(factsBefore, false), a = after.evaluate(factsAfter, false);
        int n = factsBefore.size();
        int[] gained = new int[n], lost = new int[n];
        int g = 0, l = 0, changed = 0;
        for (int i = 0; i < n; i++) {
            boolean x = b.eligible(i), y = a.eligible(i);
            if (y && !x) gained[g++] = i;
            else if (x && !y) lost[l++] = i;
            else if (x && b.amount(i) != a.amount(i)) changed++;
        }
        return new PolicyWhatIf(b, a, Arrays.copyOf(gained, g), Arrays.copyOf(lost, l), changed, b.totalAmount(),
                a.totalAmount(), after.budget());
    }

    public int eligibleBefore() { return before.count(PolicyOutcome.ELIGIBLE); }

    public int eligibleAfter() { return after.count(PolicyOutcome.ELIGIBLE); }

    public BigDecimal totalChange() { return totalAfter.subtract(totalBefore); }

    /** Whether the total after the change exceeds the budget of one period. */
    public boolean overBudget() { return totalAfter.compareTo(budget) > 0; }

    /** Share of the budget the total after the change uses, in percent. */
    public BigDecimal budgetUsePercent() {
        if (budget.signum() == 0) return null;
        return totalAfter.multiply(BigDecimal.valueOf(100)).divide(budget, 1, RoundingMode.HALF_UP);
    }
}
