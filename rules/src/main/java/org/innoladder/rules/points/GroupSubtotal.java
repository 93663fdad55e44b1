package org.innoladder.rules.points;

/** The points of one enterprise from one indicator group. */
public record GroupSubtotal(String id, String zh, double points) {
}
