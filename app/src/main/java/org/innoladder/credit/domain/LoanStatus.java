package org.innoladder.credit.domain;

/** Where an application or loan stands (Apache Fineract's vocabulary where it has a word for it). */
public enum LoanStatus {
    OFFERED("已预授信", "pre-approved offer"),
    SUBMITTED("已申请", "submitted"),
    UNDER_REVIEW("审查中", "under review"),
    APPROVED("已批准", "approved"),
    REJECTED("已拒绝", "rejected"),
    WITHDRAWN("已撤回", "withdrawn"),
    CONTRACTED("已签约", "contracted"),
    DISBURSED("已放款", "disbursed"),
    REPAYING("还款中", "repaying"),
    CLOSED("已结清", "closed"),
    OVERDUE("逾期", "overdue"),
    NON_PERFORMING("不良", "non-performing"),
    COMPENSATION_CLAIMED("已申请补偿", "compensation claimed"),
    COMPENSATED("已补偿", "compensated");

    private final String zh;
    private final String en;

    LoanStatus(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() { return zh; }

    public String en() { return en; }

    /** Money has left the bank and is not fully back: the loan book counts these. */
    public boolean onBook() {
        return switch (this) {
            case DISBURSED, REPAYING, OVERDUE, NON_PERFORMING, COMPENSATION_CLAIMED, COMPENSATED -> true;
            default -> false;
        };
    }

    /** Non-performing for the NPL ratio. */
    public boolean nonPerforming() {
        return this == NON_PERFORMING || this == COMPENSATION_CLAIMED || this == COMPENSATED;
    }
}
