package org.innoladder.review.domain;

/** One expert's part in a case: confirmed by the officer, accepted or declined by the expert, submitted. */
public enum AssignmentStatus {
    CONFIRMED("已指派", "Assigned"),
    ACCEPTED("已接受", "Accepted"),
    DECLINED("已回避/谢绝", "Declined"),
    SUBMITTED("已提交评分", "Submitted");

    private final String zh;
    private final String en;

    AssignmentStatus(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() { return zh; }

    public String en() { return en; }

    /** Still owing a score. */
    public boolean open() {
        return this == CONFIRMED || this == ACCEPTED;
    }
}
