package org.innoladder.jobs;

/** What a running job sees of itself: its parameters, and where it reports progress and reads a cancel. */
public interface JobContext {
    long id();

    String startedBy();

    /** A parameter of the request, or null. */
    String param(String name);

    /**
     * Reports progress; written to the database at most about once a second (and always when the phase changes).
     *
     * @param phase a {@code jobs.phase.*} key's suffix ("reading", "merging", "evaluating", "storing" …)
     * @param total the units of work in all, or null when unknown
     */
    void progress(String phase, long done, Long total);

    /** The page of what the job made (a batch, a run), shown with the job. */
    void link(String link);

    /** Who asked to cancel the job, or null to go on; handlers poll it between steps. */
    String cancelledBy();

    /** While set, a cancel also runs {@code interrupt} (it stops a statement in the database); null to clear. */
    void interruptWith(Runnable interrupt);
}
