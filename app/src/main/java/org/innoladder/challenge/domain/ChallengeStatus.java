package org.innoladder.challenge.domain;

/** The public 揭榜挂帅 process: 需求征集 → 需求评审 → 发榜 → 揭榜/评审 → 对接洽谈 → 结果公示 → 签约实施 → 验收. */
public enum ChallengeStatus {
    NEED("需求征集", "Need collected"),
    SCREENED("需求评审通过", "Need screened"),
    PUBLISHED("已发榜（揭榜中）", "Published (open for applications)"),
    REVIEW("专家评审中", "Expert review"),
    NEGOTIATION("对接洽谈", "Negotiation"),
    PUBLICITY("结果公示", "Publicity"),
    CONTRACTED("已签约（实施中）", "Contracted (in progress)"),
    ACCEPTED("已验收", "Accepted"),
    TERMINATED("已终止", "Terminated"),
    REJECTED("需求未通过", "Need rejected");

    private final String zh;
    private final String en;

    ChallengeStatus(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() { return zh; }

    public String en() { return en; }

    /** Shown on the public board (needs not yet screened and rejected ones are not). */
    public boolean onBoard() {
        return this != NEED && this != SCREENED && this != REJECTED;
    }
}
