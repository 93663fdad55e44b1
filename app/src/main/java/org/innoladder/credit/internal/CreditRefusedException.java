package org.innoladder.credit.internal;

/** A credit step refused by its rule (state machine, consent, pool): the reason in Chinese and English. */
public class CreditRefusedException extends RuntimeException {
    private final String code;
    private final String messageZh;

    public CreditRefusedException(String code, String messageZh, String messageEn) {
        super(messageEn);
        this.code = code;
        this.messageZh = messageZh;
    }

    public String code() { return code; }

    public String messageZh() { return messageZh; }

    public String messageEn() { return getMessage(); }
}
