package org.innoladder.award.internal;


import org.innoladder.award.domain.AwardWorkflow;
/** The workflow refused an action; carries the decision with its reason in Chinese and English. */
public class AwardRefusedException extends RuntimeException {
    private final AwardWorkflow.Decision decision;

    public AwardRefusedException(AwardWorkflow.Decision decision) {
        super(decision.en());
        this.decision = decision;
    }

    public AwardWorkflow.Decision decision() { return decision; }

    public String messageZh() { return decision.zh(); }

    public String messageEn() { return decision.en(); }
}
