package org.innoladder.policy.internal;

import java.util.HashMap;
import java.util.Map;

import org.innoladder.identity.CurrentUser;
import org.innoladder.jobs.Job;
import org.innoladder.jobs.JobContext;
import org.innoladder.jobs.JobHandler;
import org.innoladder.jobs.JobRequest;
import org.innoladder.jobs.StartedAs;
import org.springframework.stereotype.Component;

/**
 * Policy matching runs as persisted jobs (kind {@value #KIND}). A run stores its matches in one transaction at its
 * end, so a run cut off by a dead process stored nothing and is marked FAILED with the reason.
 */
@Component
class PolicyMatchingJob implements JobHandler {
    static final String KIND = "policy-matching";
    static final String ABANDONED = "服务重启时该匹配仍在运行，已中止，未保存结果"
            + " / the matching was still running when the service stopped; it was abandoned and nothing was stored";

    private final PolicyMatching matching;

    PolicyMatchingJob(PolicyMatching matching) {
        this.matching = matching;
    }

    static JobRequest request(long runId, CurrentUser user, PolicyMatching.Request request, PolicyCatalogue.Published p,
                              String sourceIp) {
        Map<String, String> params = new HashMap<>(StartedAs.params(user));
        params.put("runId", String.valueOf(runId));
        params.put("policyId", String.valueOf(request.policyId()));
        if (sourceIp != null) params.put("sourceIp", sourceIp);
        params.put("subject.en", p.summary().titleEn());
        return new JobRequest(KIND, user.username(), request.regionCode(), request.period(),
                p.summary().titleZh(), params);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Finished run(JobContext job) {
        long runId = Long.parseLong(job.param("runId"));
        long policyId = Long.parseLong(job.param("policyId"));
        job.link("/policies/" + policyId + "/runs/" + runId);
        CurrentUser user = StartedAs.user(job);
        PolicyMatching.Run run = matching.find(user, runId).orElseThrow();
        job.progress("matching", 0, null);
        boolean ok = matching.runRecorded(runId, user, new PolicyMatching.Request(policyId, run.regionCode(), run.period()),
                job.param("sourceIp"));
        return new Finished(ok, matching.message(runId));
    }

    @Override
    public void abandoned(Job job, String reason) {
        matching.abandon(Long.parseLong(job.param("runId")), reason);
    }

    @Override
    public String abandonedReason() {
        return ABANDONED;
    }
}
