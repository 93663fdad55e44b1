package org.innoladder.jobs;

import java.util.HashMap;
import java.util.Map;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;

/**
 * The starter of a job as its parameters: a job runs with the role and scope its starter had when submitting it (an
 * evaluation's population is bounded by the starter's write scope).
 */
public final class StartedAs {
    private StartedAs() {
    }

    /** The user's parameters, to add to a request's. */
    public static Map<String, String> params(CurrentUser user) {
        Map<String, String> p = new HashMap<>();
        p.put("user.id", String.valueOf(user.id()));
        p.put("user.displayName", user.displayName());
        p.put("user.role", user.role().name());
        if (user.regionCode() != null) p.put("user.region", user.regionCode());
        if (user.enterpriseId() != null) p.put("user.enterpriseId", String.valueOf(user.enterpriseId()));
        if (user.bankId() != null) p.put("user.bankId", String.valueOf(user.bankId()));
        return p;
    }

    /** The user a running job was started by. */
    public static CurrentUser user(JobContext job) {
        return new CurrentUser(Long.parseLong(job.param("user.id")), job.startedBy(), job.param("user.displayName"),
                Role.valueOf(job.param("user.role")), job.param("user.region"), longOrNull(job.param("user.enterpriseId")),
                longOrNull(job.param("user.bankId")));
    }

    private static Long longOrNull(String text) {
        return text == null ? null : Long.valueOf(text);
    }
}
