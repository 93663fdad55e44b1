package org.innoladder.rules;

/** A ruleset file that cannot be used; the message names the file, the element and the position. */
public class RulesetLoadException extends RuntimeException {
    public RulesetLoadException(String message) {
        super(message);
    }

    public RulesetLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
