package org.innoladder.jobs;

/**
 * Runs the jobs of one kind; a Spring bean of the module that owns the work. {@link #run} is called on a scheduler
 * thread once the job's transaction has committed.
 */
public interface JobHandler {
    /** The kind this handler runs; its label is the message {@code jobs.kind.<kind>}. */
    String kind();

    /**
     * Does the work. Returning ends the job DONE (or CANCELLED when a cancel was asked for), throwing ends it FAILED
     * with the exception's message; the handler records its own outcome in its own tables.
     */
    Finished run(JobContext context) throws Exception;

    /**
     * The job will not run or go on: its process died while it ran, or it was cancelled before it started. Called in
     * the transaction that marks the job FAILED or CANCELLED, so the handler ends what it recorded (a RUNNING row of
     * its own) with the same reason.
     */
    default void abandoned(Job job, String reason) {
    }

    /** Why a job of this kind whose process died was stopped (stored as the job's message). */
    default String abandonedReason() {
        return Jobs.ABANDONED;
    }

    /** How a job ended, in the handler's words. */
    record Finished(boolean ok, String message) {
        public static Finished done(String message) {
            return new Finished(true, message);
        }

        public static Finished failed(String message) {
            return new Finished(false, message);
        }
    }
}
