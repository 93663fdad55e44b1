package org.innoladder.db.internal;

/** A backup or restore that cannot go ahead; the message is the one line shown to the operator. */
public class BackupException extends RuntimeException {
    public BackupException(String message) {
        super(message);
    }
}
