package org.innoladder.rules.cel;

/** A compiled condition over a frame row, three-valued: {@link #TRUE}, {@link #FALSE} or {@link #UNKNOWN}. */
@FunctionalInterface
public interface BoolNode {
    int TRUE = 1;
    int FALSE = 0;
    int UNKNOWN = -1;

    int eval(double[][] frame, int row);
}
