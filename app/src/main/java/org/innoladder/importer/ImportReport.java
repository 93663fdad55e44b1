package org.innoladder.importer;

import java.util.List;

/**
 * The outcome of one import (or dry run).
 *
 * @param batchId    the import_batch id; null for dry runs and files refused before a batch existed
 * @param rejections the first {@link #SAMPLE_LIMIT} problems (errors and warnings) in line order of discovery;
 *                   all of them are in import_rejection (and were given to the caller's sink)
 * @param message    one line, "中文 / English"
 */
public record ImportReport(Long batchId, Status status, FileKind kind, String fileName, String sha256, String format,
                           long rowsRead, long rowsValid, long rowsRejected, long rowsInserted, long rowsUpdated,
                           long rowsUnchanged, long warnings, List<Rejection> rejections, boolean rejectionsTruncated,
                           String message) {
    public static final int SAMPLE_LIMIT = 1000;

    public enum Status {
        /** Dry run finished: the file was validated, nothing stored. */
        VALIDATED,
        COMMITTED,
        /** The same file content was committed before; nothing changed. */
        UNCHANGED,
        /** Reading or storing failed part-way; nothing of the batch's data was stored. */
        FAILED,
        /** A user cancelled the import while it ran; nothing of the batch's data was stored. */
        CANCELLED,
        /** The file could not be read at all (missing, not CSV/XLSX, no header, missing required columns). */
        UNREADABLE
    }

    public ImportReport {
        rejections = List.copyOf(rejections);
    }

    /** Whether the file was read (rows may still have been rejected). */
    public boolean readable() {
        return status != Status.UNREADABLE;
    }
}
