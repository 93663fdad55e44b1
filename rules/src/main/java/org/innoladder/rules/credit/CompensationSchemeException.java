package org.innoladder.rules.credit;

/** A scheme file that cannot be used: the message names the file, the field and what is wrong. */
public class CompensationSchemeException extends RuntimeException {
    public CompensationSchemeException(String message) {
        super(message);
    }
}
