package org.innoladder.importer;

/**
 * @param source   where the data comes from (tax, market regulation, upload …); stored with the batch
 * @param actor    username, "cli" or "system"; recorded in the batch and the audit log
 * @param sourceIp the caller's address, null on the command line
 * @param dryRun   validate only: no database is touched
 */
public record ImportOptions(String source, String actor, String sourceIp, boolean dryRun) {
    public ImportOptions {
        if (source == null || source.isBlank()) source = "upload";
        if (actor == null || actor.isBlank()) actor = "system";
    }

    public static ImportOptions validateOnly() {
        return new ImportOptions("upload", "cli", null, true);
    }
}
