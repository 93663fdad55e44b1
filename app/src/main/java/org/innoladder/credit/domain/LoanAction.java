package org.innoladder.credit.domain;

/** What moves a loan: the enterprise's, the bank's and the bureau's steps. */
public enum LoanAction {
    WITHDRAW("撤回", "withdraw"),
    ACCEPT("接受预授信", "accept the offer"),
    REVIEW("受理审查", "start the review"),
    APPROVE("批准", "approve"),
    REJECT("拒绝", "reject"),
    CONTRACT("签约", "sign the contract"),
    DISBURSE("放款", "disburse"),
    REPAY("还款", "report a repayment"),
    CLOSE("结清", "close"),
    MARK_OVERDUE("报告逾期", "report overdue"),
    MARK_NON_PERFORMING("报告不良", "report non-performing"),
    CLAIM("申请风险补偿", "claim compensation"),
    CLAIM_REFUSED("补偿申请被驳回", "compensation claim refused"),
    COMPENSATE("补偿到账", "compensation paid"),
    RECOVER("报告追偿", "report a recovery");

    private final String zh;
    private final String en;

    LoanAction(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() { return zh; }

    public String en() { return en; }
}
