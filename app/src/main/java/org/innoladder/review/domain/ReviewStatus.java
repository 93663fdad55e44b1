package org.innoladder.review.domain;

/** The states of a review case. */
public enum ReviewStatus {
    OPEN("待分配专家", "Awaiting experts"),
    SCORING("专家评分中", "Experts scoring"),
    MODERATION("待合议", "Awaiting moderation"),
    DECIDED("已决定", "Decided"),
    CANCELLED("已撤销", "Cancelled");

    private final String zh;
    private final String en;

    ReviewStatus(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() { return zh; }

    public String en() { return en; }
}
