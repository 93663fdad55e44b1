package org.innoladder.policy.internal;

import org.innoladder.region.Regions;
import org.innoladder.policy.PolicyMatched;
import org.innoladder.rules.policy.PolicyBatch;
import org.innoladder.rules.policy.PolicyOutcome;
import org.innoladder.rules.policy.PolicyResult;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.innoladder.audit.AuditTrail;
import org.innoladder.jobs.Jobs;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.Params;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Matching runs: the published version of a policy over the whole population of a region subtree (within the
 * starter's scope) for one period Y. ELIGIBLE (with the amount), NEAR (with the gaps) and UNDETERMINED (with the
 * unknown facts) enterprises are upserted into policy_match with the version, the facts used and the bilingual
 * explanation; a stored match of an enterprise of the region that no longer matches is removed; the run is
 * recorded and audited, and {@link PolicyMatched} is published after the commit. The (policy, enterprise, period)
 * key makes concurrent runs of the same policy and period converge on one match each.
 */
@Service
public class PolicyMatching {
    private static final Logger log = LoggerFactory.getLogger(PolicyMatching.class);

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate batchJdbc;
    private final PolicyCatalogue catalogue;
    private final PolicyPopulations populations;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Jobs jobs;

    private final Regions regions;

    public PolicyMatching(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batchJdbc, PolicyCatalogue catalogue, PolicyPopulations populations,
                          PlatformTransactionManager transactions, AuditTrail audit, ApplicationEventPublisher events, Regions regions,
                          Jobs jobs) {
        this.jobs = jobs;

        this.regions = regions;
        this.jdbc = jdbc;
        this.batchJdbc = batchJdbc;
        this.catalogue = catalogue;
        this.populations = populations;
        this.tx = new TransactionTemplate(transactions);
        this.audit = audit;
        this.events = events;
    }

    /**
     * A checked run request; with an enterprise, the run evaluates and replaces that enterprise's match only (its
     * facts changed), the region being the enterprise's own.
     */
    public record Request(long policyId, String regionCode, int period, Long enterpriseId) {
        public Request(long policyId, String regionCode, int period) {
            this(policyId, regionCode, period, null);
        }
    }

    /** A run as listed. */
    public record Run(long id, long policyId, int policyVersion, String regionCode, int period, String status,
                      String startedBy, OffsetDateTime startedAt, OffsetDateTime finishedAt, int evaluated, int eligible,
                      int near, String message) {
    }

    /**
     * Checks the region (exists, within the caller's scope; default: the scope's root, or the policy's region for
     * ADMIN) and the period (1990–2100). The policy must be published and visible.
     */
    public Request check(CurrentUser user, long policyId, String region, String period) {
        if (!PolicyScope.canManage(user)) {
            throw new org.springframework.security.access.AccessDeniedException("only BUREAU and ADMIN run matching");
        }
        PolicyCatalogue.Published p = catalogue.published(user, policyId);
        String r = region == null || region.isBlank() ? null : region.strip();
        if (r == null) r = user.scope() instanceof DataScope.RegionSubtree s ? s.regionCode() : p.summary().regionCode();
        if (!regions.exists(r)) {
            throw new BadParameterException("region", r, "区划代码不存在", "no such region code");
        }
        PolicyScope.requireWritable(user, r, "region");
        if (!PolicyScope.sees(user, p.summary().regionCode()) || !(r.startsWith(p.summary().regionCode()))) {
            throw new BadParameterException("region", r, "区划不在政策适用范围（" + p.summary().regionCode() + "）内",
                    "the region is outside the policy's region (" + p.summary().regionCode() + ")");
        }
        int y = year(period);
        if (y < p.policy().periodStart().getYear() || y > p.policy().periodEnd().getYear()) {
            throw new BadParameterException("period", period, "不在政策期间（" + p.policy().periodStart() + " 至 "
                    + p.policy().periodEnd() + "）内", "outside the policy's period (" + p.policy().periodStart() + " to "
                    + p.policy().periodEnd() + ")");
        }
        return new Request(policyId, r, y);
    }

    public static int year(String text) {
        return Params.year("period", text);
    }

    /** Records the run and submits it as a persisted job ({@link PolicyMatchingJob}); returns the run id at once. */
    public long start(CurrentUser user, Request request, String sourceIp) {
        PolicyCatalogue.Published p = catalogue.published(user, request.policyId());
        long id = insertRun(user, request, p.version());
        jobs.submit(PolicyMatchingJob.request(id, user, request, p, sourceIp));
        return id;
    }

    /** Runs a recorded run as its job (the published version it was recorded with); false when it failed. */
    boolean runRecorded(long runId, CurrentUser user, Request request, String sourceIp) {
        PolicyCatalogue.Published p = catalogue.published(user, request.policyId());
        try {
            execute(runId, user, request, p, sourceIp);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The run's message, for its job. */
    String message(long runId) {
        return jdbc.sql("SELECT coalesce(message, '') FROM policy_match_run WHERE id = :id").param("id", runId).query(String.class).single();
    }

    /** Ends a run that will not go on (its job was cancelled before it started, or its process died). */
    void abandon(long runId, String reason) {
        jdbc.sql("UPDATE policy_match_run SET status = 'FAILED', finished_at = now(), message = :m WHERE id = :id AND status = 'RUNNING'")
                .param("m", reason).param("id", runId).update();
    }

    /** Runs to the end in the caller's thread (CLI, demo start-up, tests); returns the run. */
    public Run run(CurrentUser user, Request request, String sourceIp) {
        PolicyCatalogue.Published p = catalogue.published(user, request.policyId());
        long id = insertRun(user, request, p.version());
        execute(id, user, request, p, sourceIp);
        return find(user, id).orElseThrow();
    }

    private long insertRun(CurrentUser user, Request request, int version) {
        return jdbc.sql("INSERT INTO policy_match_run (policy_id, policy_version, region_code, period, status, started_by)"
                        + " VALUES (:p, :v, :r, :y, 'RUNNING', :u) RETURNING id")
                .param("p", request.policyId()).param("v", version).param("r", request.regionCode())
                .param("y", request.period()).param("u", user.username()).query(Long.class).single();
    }

    private void execute(long runId, CurrentUser user, Request request, PolicyCatalogue.Published p, String sourceIp) {
        try {
            PolicyPopulations.Loaded pop = request.enterpriseId() == null ? populations.load(user, request.regionCode(), request.period())
                    : populations.load(new DataScope.OwnEnterprise(request.enterpriseId()), request.regionCode(), request.period());
            PolicyBatch batch = p.policy().evaluate(pop.facts(), true);
            List<Object[]> matches = new ArrayList<>();
            int eligible = 0, near = 0;
            for (int i = 0; i < batch.size(); i++) {
                PolicyOutcome o = batch.outcome(i);
                if (o == PolicyOutcome.NOT_ELIGIBLE) continue;
                if (o == PolicyOutcome.ELIGIBLE) eligible++;
                if (o == PolicyOutcome.NEAR) near++;
                PolicyResult r = batch.result(i);
                matches.add(new Object[]{pop.ids()[i], o.name(), r.amount(), explanation(r), PolicyCatalogue.JSON.writeValueAsString(r.facts())});
            }
            int e = eligible, nr = near;
            tx.executeWithoutResult(status -> {
                store(runId, request, p.version(), matches);
                String msg = "匹配完成：" + batch.size() + " 家企业，符合 " + e + "，接近 " + nr + " / matched " + batch.size()
                        + " enterprises: " + e + " eligible, " + nr + " near"
                        + (request.enterpriseId() == null ? "" : "（企业事实变化后重新匹配 / re-matched after the enterprise's facts changed）");
                jdbc.sql("UPDATE policy_match_run SET status = 'DONE', finished_at = now(), evaluated = :n, eligible = :e,"
                                + " near = :near, message = :m WHERE id = :id")
                        .param("n", batch.size()).param("e", e).param("near", nr).param("m", msg).param("id", runId).update();
                audit.record(user.username(), "policy.match", "policy_match_run:" + runId, p.summary().code() + " v" + p.version()
                        + ", region " + request.regionCode() + (request.enterpriseId() == null ? "" : ", enterprise " + request.enterpriseId())
                        + ", period " + request.period() + ": " + batch.size()
                        + " evaluated, " + e + " eligible, " + nr + " near, " + (matches.size() - e - nr) + " undetermined", sourceIp);
            });
        } catch (RuntimeException ex) {
            log.error("policy matching run {} failed", runId, ex);
            jdbc.sql("UPDATE policy_match_run SET status = 'FAILED', finished_at = now(), message = :m WHERE id = :id")
                    .param("m", "匹配失败，未保存结果 / matching failed, nothing stored: " + ex.getMessage()).param("id", runId).update();
            throw ex;
        }
        // After the commit, outside the failure handling above: the matches stand even if a listener fails.
        try {
            events.publishEvent(new PolicyMatched(runId, request.policyId(), p.version(), request.period()));
        } catch (RuntimeException ex) {
            log.error("a PolicyMatched listener failed for run {}", runId, ex);
            jdbc.sql("UPDATE policy_match_run SET message = message || :m WHERE id = :id")
                    .param("m", "；后续处理（开案）失败 / follow-up (award cases) failed: " + ex.getMessage()).param("id", runId).update();
        }
    }

    static String explanation(PolicyResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zh", r.explanationZh());
        m.put("en", r.explanationEn());
        m.put("criteria", r.criteria());
        m.put("gaps", r.gaps());
        m.put("unknown", r.unknown());
        return PolicyCatalogue.JSON.writeValueAsString(m);
    }

    /**
     * Upserts in enterprise order (every run locks keys in the same order, so concurrent runs wait instead of
     * deadlocking), then removes the stale matches of the region's enterprises (or of the one enterprise) that this
     * run did not keep.
     */
    private void store(long runId, Request request, int version, List<Object[]> matches) {
        jdbc.sql("CREATE TEMP TABLE IF NOT EXISTS policy_match_keep (enterprise_id bigint PRIMARY KEY) ON COMMIT DELETE ROWS").update();
        jdbc.sql("DELETE FROM policy_match_keep").update();
        matches.sort((a, b) -> Long.compare((Long) a[0], (Long) b[0]));
        var t = batchJdbc;
        t.batchUpdate("""
                INSERT INTO policy_match (policy_id, enterprise_id, period, policy_version, run_id, outcome, amount_yuan,
                  explanation, facts, matched_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), now())
                ON CONFLICT (policy_id, enterprise_id, period) DO UPDATE SET policy_version = excluded.policy_version,
                  run_id = excluded.run_id, outcome = excluded.outcome, amount_yuan = excluded.amount_yuan,
                  explanation = excluded.explanation, facts = excluded.facts, matched_at = excluded.matched_at""",
                matches.stream().map(m -> new Object[]{request.policyId(), m[0], request.period(), version, runId, m[1],
                        m[2], m[3], m[4]}).toList());
        t.batchUpdate("INSERT INTO policy_match_keep (enterprise_id) VALUES (?) ON CONFLICT DO NOTHING",
                matches.stream().map(m -> new Object[]{m[0]}).toList());
        jdbc.sql("""
                DELETE FROM policy_match pm USING enterprise e
                WHERE pm.policy_id = :p AND pm.period = :y AND e.id = pm.enterprise_id AND e.region_code LIKE :r
                  AND (CAST(:only AS bigint) IS NULL OR pm.enterprise_id = :only)
                  AND NOT EXISTS (SELECT 1 FROM policy_match_keep k WHERE k.enterprise_id = pm.enterprise_id)""")
                .param("p", request.policyId()).param("y", request.period()).param("r", request.regionCode() + "%")
                .param("only", request.enterpriseId()).update();
    }

    /** A run the user may see (its region within the scope). */
    public Optional<Run> find(CurrentUser user, long id) {
        return jdbc.sql("SELECT * FROM policy_match_run WHERE id = :id").param("id", id).query((rs, n) -> run(rs)).optional()
                .filter(r -> PolicyScope.covers(user, r.regionCode()));
    }

    /** The recent runs of a policy within the user's scope. */
    public List<Run> recent(CurrentUser user, long policyId, int limit) {
        return jdbc.sql("SELECT * FROM policy_match_run WHERE policy_id = :p ORDER BY id DESC LIMIT :l")
                .param("p", policyId).param("l", limit).query((rs, n) -> run(rs)).list().stream()
                .filter(r -> PolicyScope.covers(user, r.regionCode())).toList();
    }

    private static Run run(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Run(rs.getLong("id"), rs.getLong("policy_id"), rs.getInt("policy_version"), rs.getString("region_code"),
                rs.getInt("period"), rs.getString("status"), rs.getString("started_by"),
                rs.getObject("started_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class),
                rs.getInt("evaluated"), rs.getInt("eligible"), rs.getInt("near"), rs.getString("message"));
    }

    /** One stored match as listed. */
    public record Match(long enterpriseId, String creditCode, String name, String regionCode, String regionName,
                        int period, int policyVersion, String outcome, BigDecimal amount, String explanationZh,
                        String explanationEn, String facts) {
    }

    /** Stored matches of a policy and period, scope-filtered, optionally one outcome; paged (1-based). */
    public org.innoladder.web.ResultPage<Match> matches(CurrentUser user, long policyId, int period, String outcome,
                                                                  int page, int size) {
        DataScope.SqlFilter f = user.scope().enterpriseFilter("e");
        String where = " FROM policy_match pm JOIN enterprise e ON e.id = pm.enterprise_id JOIN region r ON r.code = e.region_code"
                + " WHERE pm.policy_id = :p AND pm.period = :y AND " + f.sql()
                + (outcome == null || outcome.isBlank() ? "" : " AND pm.outcome = :o");
        Map<String, Object> params = new LinkedHashMap<>(f.params());
        params.put("p", policyId);
        params.put("y", period);
        if (outcome != null && !outcome.isBlank()) params.put("o", outcome);
        long total = jdbc.sql("SELECT count(*)" + where).params(params).query(Long.class).single();
        params.put("limit", size);
        params.put("offset", (long) (page - 1) * size);
        List<Match> items = jdbc.sql("SELECT pm.enterprise_id, e.credit_code, e.name, e.region_code, r.name, pm.period,"
                        + " pm.policy_version, pm.outcome, pm.amount_yuan, pm.explanation ->> 'zh', pm.explanation ->> 'en', pm.facts::text"
                        + where + " ORDER BY pm.outcome, pm.amount_yuan DESC NULLS LAST, e.credit_code LIMIT :limit OFFSET :offset")
                .params(params).query((rs, n) -> new Match(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getString(8), rs.getBigDecimal(9), rs.getString(10),
                        rs.getString(11), rs.getString(12))).list();
        return new org.innoladder.web.ResultPage<>(items, page, size, total, (total + size - 1) / size);
    }
}
