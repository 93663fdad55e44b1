package org.innoladder.jobs;

import java.util.Map;

/**
 * A job to run.
 *
 * @param kind       the {@link JobHandler#kind()} that runs it
 * @param startedBy  the username it runs for (its starter sees it and may cancel it; ADMIN sees every job)
 * @param regionCode the region it works on, or null
 * @param year       the year it works on, or null
 * @param subject    what it works on in words (a file name, a policy's name), or null
 * @param params     what the handler needs to run it (text values, stored as JSON)
 */
public record JobRequest(String kind, String startedBy, String regionCode, Integer year, String subject,
                         Map<String, String> params) {
    public JobRequest {
        params = Map.copyOf(params);
    }
}
