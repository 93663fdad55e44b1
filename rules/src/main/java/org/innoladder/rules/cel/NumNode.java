package org.innoladder.rules.cel;

/** A compiled numeric (or text-code) expression over a frame row; NaN means unknown. */
@FunctionalInterface
public interface NumNode {
    double eval(double[][] frame, int row);
}
