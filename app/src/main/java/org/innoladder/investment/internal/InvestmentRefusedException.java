package org.innoladder.investment.internal;

/** The pipeline refused a step (409 on the API, a message on the page). */
public class InvestmentRefusedException extends RuntimeException {
    private final String zh;

    public InvestmentRefusedException(String zh, String en) {
        super(en);
        this.zh = zh;
    }

    public String messageZh() { return zh; }

    public String messageEn() { return getMessage(); }
}
