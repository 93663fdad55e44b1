package org.innoladder.rules.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A policy over a whole population: the outcome and amount of every row. */
public final class PolicyBatch {
    private final Policy policy;
    private final PolicyFacts facts;
    private final double[][] frame;
    private final byte[] outcome;
    private final double[] amount;

    PolicyBatch(Policy policy, PolicyFacts facts, double[][] frame, byte[] outcome, double[] amount) {
        this.policy = policy;
        this.facts = facts;
        this.frame = frame;
        this.outcome = outcome;
        this.amount = amount;
    }

    public Policy policy() { return policy; }

    public PolicyFacts facts() { return facts; }

    public int size() { return outcome.length; }

    public PolicyOutcome outcome(int i) { return PolicyOutcome.values()[outcome[i]]; }

    public boolean eligible(int i) { return outcome[i] == PolicyOutcome.ELIGIBLE.ordinal(); }

    /** The award in yuan of an ELIGIBLE row, else NaN. */
    public double amount(int i) { return amount[i]; }

    public int count(PolicyOutcome o) {
        int n = 0;
        for (byte b : outcome) if (b == o.ordinal()) n++;
        return n;
    }

    /** The sum of every eligible row's award, in yuan. */
    public BigDecimal totalAmount() {
        double sum = 0;
        for (int i = 0; i < outcome.length; i++) if (outcome[i] == PolicyOutcome.ELIGIBLE.ordinal()) sum += amount[i];
        return BigDecimal.valueOf(sum).setScale(2, RoundingMode.HALF_UP);
    }

    /** Row i explained (criteria, gaps, unknown facts, facts used). */
    public PolicyResult result(int i) { return policy.explain(facts, frame, i); }
}
