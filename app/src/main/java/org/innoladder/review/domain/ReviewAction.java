package org.innoladder.review.domain;

/** What a user can do to a review case. */
public enum ReviewAction {
    ASSIGN("确认专家", "Confirm experts"),
    ACCEPT("接受评审（无利益冲突）", "Accept (no conflict)"),
    DECLINE("谢绝/回避", "Decline"),
    SUBMIT("提交评分", "Submit scores"),
    MODERATE("合议调整", "Moderate"),
    DECIDE("确认评审结果", "Decide"),
    CANCEL("撤销评审", "Cancel");

    private final String zh;
    private final String en;

    ReviewAction(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() { return zh; }

    public String en() { return en; }

    /** The action named in a URL or request body; null when none matches. */
    public static ReviewAction parse(String s) {
        if (s == null) return null;
        for (ReviewAction a : values()) {
            if (a.name().equalsIgnoreCase(s.strip())) return a;
        }
        return null;
    }
}
