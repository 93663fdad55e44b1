package org.innoladder.jobs;

import java.time.OffsetDateTime;
import java.util.Map;

/** A job as stored: what it is, who started it, where it stands. */
public record Job(long id, String kind, Status status, String startedBy, String regionCode, String regionName,
                  Integer year, String subject, Map<String, String> params, String phase, long done, Long total,
                  String cancelRequestedBy, String message, String link, OffsetDateTime createdAt,
                  OffsetDateTime startedAt, OffsetDateTime finishedAt) {

    public enum Status {
        QUEUED, RUNNING, DONE, FAILED, CANCELLED;

        public boolean ended() {
            return this == DONE || this == FAILED || this == CANCELLED;
        }
    }

    public String param(String name) {
        return params.get(name);
    }

    public boolean ended() {
        return status.ended();
    }

    /** Whether its starter may still cancel it: not ended, and not a tracked listener's work ({@link Jobs#track}). */
    public boolean cancellable() {
        return !ended() && params.get(Jobs.TRACKED) == null;
    }

    /** 0–100 when the total is known, else -1. */
    public int percent() {
        if (status == Status.DONE) return 100;
        return total != null && total > 0 ? (int) Math.min(100, done * 100 / total) : -1;
    }
}
