package org.innoladder.award.domain;

/** Where an award case stands. PAID, REJECTED and WITHDRAWN are final. */
public enum AwardStatus {
    MATCHED("已匹配，待企业确认", "Matched, awaiting the enterprise's confirmation"),
    ENTERPRISE_CONFIRMED("企业已确认，待镇街审核", "Confirmed by the enterprise, awaiting town review"),
    TOWN_REVIEWED("镇街已审核，待区级审批", "Reviewed by the town, awaiting district approval"),
    BUDGET_WAIT("预算不足，待追加预算", "Budget exhausted, waiting for more budget"),
    DISTRICT_APPROVED("区级已审批，待公示", "Approved by the district, awaiting publicity"),
    PUBLICISED("公示中", "Publicised"),
    PAID("已拨付", "Paid"),
    REJECTED("已驳回", "Rejected"),
    WITHDRAWN("已撤回", "Withdrawn");

    private final String zh;
    private final String en;

    AwardStatus(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() { return zh; }

    public String en() { return en; }

    public boolean terminal() {
        return this == PAID || this == REJECTED || this == WITHDRAWN;
    }

    /** The case's amount counts against the budget (approved and not released). */
    public boolean holdsBudget() {
        return this == DISTRICT_APPROVED || this == PUBLICISED || this == PAID;
    }
}
