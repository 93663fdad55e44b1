package org.innoladder.importer;

/**
 * Told about an import while it runs (the CLI's progress bar, the page's job registry). Called from the
 * importing thread; an exception thrown here aborts the import and rolls its data back.
 */
public interface ImportProgress {
    ImportProgress NONE = (rows, bytes, total) -> { };

    /**
     * @param rowsRead  data rows read so far
     * @param bytesRead bytes of the file consumed, -1 when unknown (XLSX)
     * @param bytesTotal the file's size
     */
    void rows(long rowsRead, long bytesRead, long bytesTotal);

    /** The batch record exists (not called for dry runs). */
    default void batchStarted(long batchId) {
    }

    /** A phase after reading: "merging", "done". */
    default void phase(String phase) {
    }

    /** Who asked to cancel the import, or null to go on; polled between rows and between statements. */
    default String cancelledBy() {
        return null;
    }

    /**
     * While the import runs statements in its transaction, {@code interrupt} stops the one running (so a cancel
     * does not wait for a long merge); null once the transaction is over.
     */
    default void interruptWith(Runnable interrupt) {
    }
}
