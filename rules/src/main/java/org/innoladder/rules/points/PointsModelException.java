package org.innoladder.rules.points;

/** A points model file that cannot be used; the message names the file, the item and the line. */
public class PointsModelException extends RuntimeException {
    public PointsModelException(String message) {
        super(message);
    }

    public PointsModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
