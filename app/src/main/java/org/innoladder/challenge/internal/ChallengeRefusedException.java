package org.innoladder.challenge.internal;

/** The challenge workflow refused an action (409 on the API, a message on the page). */
public class ChallengeRefusedException extends RuntimeException {
    private final String zh;
    private final String en;

    public ChallengeRefusedException(String zh, String en) {
        super(en);
        this.zh = zh;
        this.en = en;
    }

    public String messageZh() { return zh; }

    public String messageEn() { return en; }
}
