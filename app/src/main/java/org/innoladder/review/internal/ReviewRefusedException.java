package org.innoladder.review.internal;

import org.innoladder.review.domain.Why;

/** A workflow refused an action (409 on the API, a message on the page); carries the reason in both languages. */
public class ReviewRefusedException extends RuntimeException {
    private final String refusal;
    private final Why why;

    public ReviewRefusedException(String refusal, Why why) {
        super(why.en());
        this.refusal = refusal;
        this.why = why;
    }

    public String refusal() { return refusal; }

    public String messageZh() { return why.zh(); }

    public String messageEn() { return why.en(); }
}
