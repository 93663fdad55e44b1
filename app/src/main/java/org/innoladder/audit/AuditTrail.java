package org.innoladder.audit;

/**
 * The append-only, hash-chained audit log. Every import, data change, login and view of another party's
 * data is recorded here. Recording joins the caller's transaction when there is one, so an entry exists
 * exactly when the change it describes was committed.
 */
public interface AuditTrail {

    /**
     * @param actor    username, or "system" for jobs
     * @param action   a stable dotted verb such as {@code login.success}, {@code import.commit}, {@code enterprise.view}
     * @param target   what was acted on ({@code enterprise:91320400…}, {@code import_batch:12}), may be null
     * @param detail   a short human-readable note or small JSON, may be null
     * @param sourceIp the caller's address, null for the command line
     */
    record Entry(String actor, String action, String target, String detail, String sourceIp) {
    }

    void record(Entry entry);

    default void record(String actor, String action, String target, String detail, String sourceIp) {
        record(new Entry(actor, action, target, detail, sourceIp));
    }
}
