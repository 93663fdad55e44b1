package org.innoladder.importer;

import java.util.Objects;

import org.innoladder.identity.DataScope;

/**
 * @param source   where the data comes from (tax, market regulation, upload …); stored with the batch
 * @param actor    username, "cli" or "system"; recorded in the batch and the audit log
 * @param sourceIp the caller's address, null on the command line
 * @param scope    the uploader's data scope: rows outside it are rejected ({@link ImportScope}); the command
 *                 line and the demo loader import everything
 * @param dryRun   validate only: no database is touched
 * @param jobId    the background job running the import, recorded with the batch so that the job's address still
 *                 answers after a restart; null outside jobs
 */
public record ImportOptions(String source, String actor, String sourceIp, DataScope scope, boolean dryRun, String jobId) {
    public ImportOptions {
        if (source == null || source.isBlank()) source = "upload";
        if (actor == null || actor.isBlank()) actor = "system";
        Objects.requireNonNull(scope, "scope");
    }

    /** An import with the full data scope, for the command line, the demo loader, tests and benchmarks. */
    public static ImportOptions everything(String source, String actor) {
        return new ImportOptions(source, actor, null, new DataScope.All(), false, null);
    }

    public static ImportOptions validateOnly() {
        return new ImportOptions("upload", "cli", null, new DataScope.All(), true, null);
    }

    public ImportOptions forJob(String id) {
        return new ImportOptions(source, actor, sourceIp, scope, dryRun, id);
    }
}
