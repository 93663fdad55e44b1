package org.innoladder.identity;

import org.springframework.security.access.AccessDeniedException;

/**
 * A write refused because what it changes lies outside the caller's write scope ({@link WriteScope}). The API
 * answers 403 with a problem detail naming the field and value, pages show the reason on the error page — or 404
 * when {@link #hidden()}: the caller cannot even read the target, so the answer must not reveal that it exists.
 * Nothing has been written when this is thrown.
 */
public class OutOfScopeException extends AccessDeniedException {
    private final String field;
    private final String value;
    private final String messageZh;
    private final boolean hidden;

    public OutOfScopeException(String field, String value, String messageZh, String messageEn, boolean hidden) {
        super(messageEn);
        this.field = field;
        this.value = value;
        this.messageZh = messageZh;
        this.hidden = hidden;
    }

    public String field() { return field; }

    public String value() { return value; }

    public String messageZh() { return messageZh; }

    public String messageEn() { return getMessage(); }

    /** Whether the target is invisible to the caller: then the answer is "not found", never "forbidden". */
    public boolean hidden() { return hidden; }
}
