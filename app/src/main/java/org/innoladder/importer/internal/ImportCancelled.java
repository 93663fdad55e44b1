package org.innoladder.importer.internal;


import org.innoladder.importer.ImportProgress;
/** The import was cancelled by a user; its transaction rolls back and the batch ends CANCELLED. */
public final class ImportCancelled extends RuntimeException {
    private final String by;

    ImportCancelled(String by) {
        super("cancelled by " + by, null, false, false);
        this.by = by;
    }

    String by() { return by; }

    /** Stops the import when someone asked to cancel it. */
    public static void check(ImportProgress progress) {
        String by = progress.cancelledBy();
        if (by != null) throw new ImportCancelled(by);
    }
}
