package org.innoladder.award.domain;

/** What a user can do to a case. Opening (automatic or by application) is not an action on an existing case. */
public enum AwardAction {
    CONFIRM("确认并提供收款账户", "Confirm and give the bank account"),
    REVIEW("镇街审核通过", "Town review passed"),
    APPROVE("区级审批通过", "District approval"),
    PUBLICISE("发布公示", "Publicise"),
    PAY("登记拨付", "Record payment"),
    REJECT("驳回", "Reject"),
    WITHDRAW("撤回", "Withdraw");

    private final String zh;
    private final String en;

    AwardAction(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() { return zh; }

    public String en() { return en; }

    /** The action named in a URL or request body ({@code approve}, {@code APPROVE}); null when none matches. */
    public static AwardAction parse(String s) {
        if (s == null) return null;
        for (AwardAction a : values()) {
            if (a.name().equalsIgnoreCase(s.strip())) return a;
        }
        return null;
    }
}
