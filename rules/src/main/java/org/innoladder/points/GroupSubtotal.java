package org.innoladder.points;

/** The points of one enterprise from one indicator group. */
public record GroupSubtotal(String id, String zh, double points) {
}
