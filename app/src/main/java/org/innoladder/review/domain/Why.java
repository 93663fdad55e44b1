package org.innoladder.review.domain;

/** A reason in both page languages: every decision of the engine says why in words a user reads. */
public record Why(String zh, String en) {
}
