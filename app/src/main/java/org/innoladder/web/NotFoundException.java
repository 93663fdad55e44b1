package org.innoladder.web;

/**
 * Something the caller asked for does not exist or lies outside the caller's data scope; the two cases give the
 * same answer on purpose, so a scope never leaks whether a record exists.
 */
public class NotFoundException extends RuntimeException {
    private final String messageZh;

    public NotFoundException(String messageZh, String messageEn) {
        super(messageEn);
        this.messageZh = messageZh;
    }

    public String messageZh() { return messageZh; }

    public String messageEn() { return getMessage(); }
}
