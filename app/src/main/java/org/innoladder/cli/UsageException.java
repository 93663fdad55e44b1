package org.innoladder.cli;

/** A command line that cannot be obeyed; its message is the one line shown to the user. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
