package org.innoladder.evaluation;

import org.innoladder.region.Regions;
import org.innoladder.enterprise.Populations;
import org.innoladder.evaluation.internal.EvaluationRun;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.innoladder.audit.AuditTrail;
import org.innoladder.db.EventCompletion;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.identity.Role;
import org.innoladder.identity.WriteScope;
import org.innoladder.jobs.JobContext;
import org.innoladder.jobs.Jobs;
import org.innoladder.rules.BatchResult;
import org.innoladder.rules.EvaluationResult;
import org.innoladder.rules.Outcome;
import org.innoladder.rules.Population;
import org.innoladder.rules.Ruleset;
import org.innoladder.rules.Rulesets;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.innoladder.web.Params;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluation runs: the enterprise-years of a region subtree (within the starter's scope) loaded into a
 * {@link Population}, evaluated in batch under each chosen ruleset, and the explained results stored in
 * {@code evaluation_result} in their compact form ({@link CompactResultWriter}) with each NOT_QUALIFIED result's near ratio. The storing transaction publishes
 * {@link EvaluationStored}; what other capabilities derive from the results (innovation points, the ladder
 * snapshot) they compute in their own listeners after the commit, and {@link #awaitFollowUps} waits for them.
 * Runs started from the pages and the API are persisted jobs (module jobs, {@link EvaluationJob}): they execute one at
 * a time (the batch already uses every core), report their progress to the job row, can be cancelled between phases,
 * and a run whose process died is marked FAILED with the reason when the application starts again. Live counters are
 * kept in memory and written to the run row as each phase ends.
 */
@Service
public class EvaluationRuns {
    private static final Logger log = LoggerFactory.getLogger(EvaluationRuns.class);

    private final DataSource dataSource;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final TransactionTemplate readTx;
    private final AuditTrail audit;
    private final EventCompletion completion;
    private final Populations populations;
    private final Regions regions;
    /** Runs execute one at a time: each uses every core. */
    private final Object oneAtATime = new Object();
    private final Map<Long, Progress> live = new ConcurrentHashMap<>();
    private final ApplicationEventPublisher events;
    private final Jobs jobs;

    private MeterRegistry meters = new SimpleMeterRegistry();

    public EvaluationRuns(DataSource dataSource, PlatformTransactionManager transactions, AuditTrail audit,
                          EventCompletion completion, Populations populations, Regions regions,
                          ApplicationEventPublisher events, Jobs jobs) {
        this.jobs = jobs;
        this.regions = regions;
        this.dataSource = dataSource;
        this.populations = populations;
        this.completion = completion;
        this.events = events;
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(transactions);
        this.readTx = new TransactionTemplate(transactions);
        this.readTx.setReadOnly(true);
        this.audit = audit;
    }

    /** Enterprises evaluated and results stored, for /actuator/prometheus (docs/monitoring.md). */
    @Autowired(required = false)
    public void setMeterRegistry(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Counters of a run in progress. */
    static final class Progress {
        final AtomicInteger rowsLoaded = new AtomicInteger();
        final AtomicInteger evaluated = new AtomicInteger();
        final AtomicInteger stored = new AtomicInteger();
        volatile int enterprises;
        final JobContext job;

        Progress(JobContext job) {
            this.job = job;
        }

        void report(String phase, long done, Long total) {
            if (job != null) job.progress(phase, done, total);
        }

        /** Stops the run before its next phase when a cancel was asked for. */
        void checkCancelled() {
            String by = job == null ? null : job.cancelledBy();
            if (by != null) throw new CancellationException("已由 " + by + " 取消，未保存结果 / cancelled by " + by + ", nothing stored");
        }
    }

    /** What a caller asked to run, checked. */
    public record Request(String regionCode, int year, List<Ruleset> rulesets) {
    }

    /**
     * Checks a run request against the caller's scope: the region must exist and lie in the scope (default: the
     * scope's root; every region for ADMIN), the year 1990–2100, the rulesets known. Only ADMIN and BUREAU run, and
     * only over a region inside their write scope: a run replaces the stored results of the region's enterprises.
     */
    public Request check(CurrentUser user, String region, Integer year, List<String> rulesets) {
        if (user.role() != Role.ADMIN && user.role() != Role.BUREAU) {
            throw new AccessDeniedException("only ADMIN and BUREAU start evaluation runs");
        }
        String r = region == null || region.isBlank() ? null : region.strip();
        DataScope scope = WriteScope.of(user);
        if (r == null && scope instanceof DataScope.RegionSubtree s) r = s.regionCode();
        if (r != null) {
            if (!regions.exists(r)) {
                throw new BadParameterException("region", r, "区划代码不存在", "no such region code");
            }
            WriteScope.requireRegion(user, r, "region");
        } else if (!(scope instanceof DataScope.All)) {
            throw new BadParameterException("region", "", "必须选择区划", "a region is required");
        }
        if (year == null || year < 1990 || year > 2100) {
            throw new BadParameterException("year", String.valueOf(year), "年度须在 1990–2100 之间", "the year must be 1990–2100");
        }
        if (rulesets == null || rulesets.isEmpty()) {
            throw new BadParameterException("rulesets", "", "至少选择一个规则集", "choose at least one ruleset");
        }
        List<Ruleset> chosen = new ArrayList<>();
        for (String ref : rulesets) {
            try {
                Ruleset rs = Rulesets.get(ref.strip());
                if (!chosen.contains(rs)) chosen.add(rs);
            } catch (IllegalArgumentException e) {
                throw new BadParameterException("rulesets", ref, "未知规则集，可用：" + available(), "unknown ruleset; available: " + available());
            }
        }
        return new Request(r, year, chosen);
    }

    /** A year given as text: null when blank, else a whole number (the range is checked by {@link #check}). */
    public static Integer year(String text) {
        return Params.optionalYear("year", text);
    }

    public static String available() {
        return String.join(", ", Rulesets.list().stream().map(i -> i.ref()).toList());
    }

    /** Records the run and submits it as a persisted job; returns the run id at once. */
    public long start(CurrentUser user, Request request, String sourceIp) {
        long runId = record(user, request);
        jobs.submit(EvaluationJob.request(runId, user, request, sourceIp));
        return runId;
    }

    /**
     * Waits until the work the run's stored results started elsewhere (the listeners of its {@link EvaluationStored})
     * has finished: callers that go on with derived figures (the demo's first start) rely on them.
     *
     * @throws IllegalStateException when a listener failed or the time is up
     */
    public void awaitFollowUps(long runId, Duration timeout) {
        completion.await(followUpsOf(runId), "evaluation run " + runId, timeout);
    }

    private String followUps(long runId) {
        return completion.state(followUpsOf(runId)).name();
    }

    private static Predicate<Object> followUpsOf(long runId) {
        return e -> e instanceof EvaluationStored s && s.runId() == runId;
    }

    /** Records the run and executes it in the calling thread (demo startup); returns the run id. */
    public long run(CurrentUser user, Request request, String sourceIp) {
        long runId = record(user, request);
        if (!executeRecorded(runId, user, request, sourceIp, null)) {
            throw new IllegalStateException("evaluation run " + runId + " failed: " + find(user, runId).map(EvaluationRun::message).orElse(""));
        }
        return runId;
    }

    private long record(CurrentUser user, Request request) {
        List<String> refs = request.rulesets().stream().map(r -> r.info().ref()).toList();
        Long id = jdbc.getJdbcTemplate().execute((Connection c) -> {
            try (var ps = c.prepareStatement("INSERT INTO evaluation_run (region_code, year, rulesets, status, started_by)"
                    + " VALUES (?, ?, ?, 'RUNNING', ?) RETURNING id")) {
                ps.setString(1, request.regionCode());
                ps.setInt(2, request.year());
                ps.setArray(3, c.createArrayOf("text", refs.toArray()));
                ps.setString(4, user.username());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return id;
    }

    /**
     * Executes a recorded run; a failure is logged and recorded as FAILED with its message (the page shows it), a
     * cancel as FAILED with who cancelled it.
     */
    boolean executeRecorded(long runId, CurrentUser user, Request request, String sourceIp, JobContext job) {
        synchronized (oneAtATime) {
            return executeOneRecorded(runId, user, request, sourceIp, job);
        }
    }

    /** The run's last message, for its job. */
    String message(long runId) {
        return jdbc.queryForObject("SELECT coalesce(message, '') FROM evaluation_run WHERE id = :id", Map.of("id", runId), String.class);
    }

    /** Ends a run that will not go on (its job was cancelled before it started, or its process died). */
    void abandon(long runId, String reason) {
        jdbc.update("UPDATE evaluation_run SET status = 'FAILED', finished_at = now(), message = :m WHERE id = :id AND status = 'RUNNING'",
                Map.of("m", reason, "id", runId));
    }

    private boolean executeOneRecorded(long runId, CurrentUser user, Request request, String sourceIp, JobContext job) {
        Progress progress = new Progress(job);
        live.put(runId, progress);
        try {
            execute(runId, user, request, sourceIp, progress);
            return true;
        } catch (CancellationException e) {
            abandon(runId, e.getMessage());
            return false;
        } catch (RuntimeException e) {
            log.error("evaluation run {} failed", runId, e);
            String msg = "评估失败，未保存结果 / evaluation failed, nothing stored: " + rootMessage(e);
            jdbc.update("UPDATE evaluation_run SET status = 'FAILED', finished_at = now(), message = :m WHERE id = :id",
                    Map.of("m", msg, "id", runId));
            return false;
        } finally {
            live.remove(runId);
        }
    }

    private void execute(long runId, CurrentUser user, Request request, String sourceIp, Progress progress) {
        Map<String, Long> ids = new HashMap<>();
        progress.report("loading", 0, null);
        List<FactRow> rows = load(user, request, progress, ids);
        progress.checkCancelled();
        Population population = Population.of(rows, request.year());
        progress.enterprises = population.size();
        jdbc.update("UPDATE evaluation_run SET rows_loaded = :r, enterprises = :e WHERE id = :id",
                Map.of("r", rows.size(), "e", population.size(), "id", runId));

        List<CompactResultWriter.Source> results = new ArrayList<>();
        StringBuilder counts = new StringBuilder("{");
        long toEvaluate = (long) population.size() * request.rulesets().size();
        for (Ruleset ruleset : request.rulesets()) {
            progress.report("evaluating", progress.evaluated.get(), toEvaluate);
            progress.checkCancelled();
            BatchResult batch = ruleset.evaluate(population);
            results.add(CompactResultWriter.Source.of(ruleset, batch));
            progress.evaluated.addAndGet(batch.size());
            if (counts.length() > 1) counts.append(',');
            counts.append('"').append(ruleset.info().ref()).append("\":{");
            for (Outcome o : Outcome.values()) {
                counts.append('"').append(o).append("\":").append(batch.count(o)).append(o.ordinal() < 2 ? "," : "");
            }
            counts.append('}');
        }
        counts.append('}');
        jdbc.update("UPDATE evaluation_run SET evaluated = :n WHERE id = :id", Map.of("n", progress.evaluated.get(), "id", runId));
        rows = null;
        progress.checkCancelled();
        progress.report("storing", 0, toEvaluate);

        tx.executeWithoutResult(status -> {
            try {
                // the explanations are built while they are stored
                CompactResultWriter.store(DataSourceUtils.getConnection(dataSource), runId, results, ids,
                        progress.stored::addAndGet);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            String msg = "评估完成：" + population.size() + " 家企业，" + progress.stored.get() + " 条结果 / evaluated "
                    + population.size() + " enterprises, " + progress.stored.get() + " results stored";
            events.publishEvent(new EvaluationStored(runId, request.regionCode(), request.year(), user.username()));
            jdbc.update("UPDATE evaluation_run SET status = 'DONE', finished_at = now(), stored = :s,"
                    + " counts = CAST(:c AS jsonb), message = :m WHERE id = :id", Map.of("s", progress.stored.get(),
                    "c", counts.toString(), "m", msg, "id", runId));
            audit.record(user.username(), "evaluation.run", "evaluation_run:" + runId,
                    "region " + (request.regionCode() == null ? "all" : request.regionCode()) + ", year " + request.year()
                            + ", " + String.join(",", results.stream().map(r -> r.ruleset().info().ref()).toList()) + ": " + counts,
                    sourceIp);
        });
        // counted once the run's results are committed, so a run that fails or is cancelled adds nothing
        meters.counter("innoladder.evaluation.enterprises").increment(population.size());
        meters.counter("innoladder.evaluation.results").increment(progress.stored.get());
    }

    /** Rows Y−4..Y (every year a ruleset may look back to) of the region's enterprises in the starter's write scope. */
    private List<FactRow> load(CurrentUser user, Request request, Progress progress, Map<String, Long> ids) {
        List<FactRow> rows = new ArrayList<>();
        populations.read(Populations.Query.of(request.year(), request.regionCode()).within(WriteScope.of(user)), (id, row) -> {
            ids.putIfAbsent(row.creditCode(), id);
            rows.add(row);
            progress.rowsLoaded.incrementAndGet();
        });
        return rows;
    }

    private org.springframework.jdbc.core.JdbcTemplate streamingTemplate() {
        org.springframework.jdbc.core.JdbcTemplate t = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        t.setFetchSize(5000);
        return t;
    }

    // ---- reading runs -----------------------------------------------------------------------------------

    private static final String RUN_COLUMNS = "r.id, r.region_code, g.name AS region_name, r.year, r.rulesets, r.status,"
            + " r.started_by, r.started_at, r.finished_at, r.rows_loaded, r.enterprises, r.evaluated, r.stored, r.counts::text,"
            + " r.message FROM evaluation_run r LEFT JOIN region g ON g.code = r.region_code";

    private final RowMapper<EvaluationRun> runMapper = (rs, n) -> {
        long id = rs.getLong("id");
        Array a = rs.getArray("rulesets");
        List<String> refs = a == null ? List.of() : Arrays.asList((String[]) a.getArray());
        Progress p = live.get(id);
        return new EvaluationRun(id, rs.getString("region_code"), rs.getString("region_name"), rs.getInt("year"), refs,
                rs.getString("status"), rs.getString("started_by"), rs.getObject("started_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class),
                p == null ? rs.getInt("rows_loaded") : p.rowsLoaded.get(),
                p == null ? rs.getInt("enterprises") : p.enterprises,
                p == null ? rs.getInt("evaluated") : p.evaluated.get(),
                p == null ? rs.getInt("stored") : p.stored.get(), rs.getString("counts"), rs.getString("message"),
                "DONE".equals(rs.getString("status")) ? followUps(id)
                        : "FAILED".equals(rs.getString("status")) ? "DONE" : "RUNNING");
    };

    /** Runs of a region in the caller's scope: another scope's run is not found. */
    private static String visible(CurrentUser user, MapSqlParameterSource params) {
        DataScope scope = user.scope();
        if (scope instanceof DataScope.All) return "true";
        if (scope instanceof DataScope.RegionSubtree s) {
            // a run over the caller's region, one below it, or one above it (the city's, or all regions: its results
            // cover the caller's region too; pages show the counts of runs above only in words, see runs.html)
            params.addValue("run_scope", s.regionCode() + "%").addValue("run_root", s.regionCode());
            return "(r.region_code IS NULL OR r.region_code LIKE :run_scope OR :run_root LIKE r.region_code || '%')";
        }
        return "false";
    }

    public Optional<EvaluationRun> find(CurrentUser user, long id) {
        MapSqlParameterSource p = new MapSqlParameterSource("id", id);
        String where = visible(user, p);
        return jdbc.query("SELECT " + RUN_COLUMNS + " WHERE r.id = :id AND " + where, p, runMapper).stream().findFirst();
    }

    public EvaluationRun get(CurrentUser user, long id) {
        return find(user, id).orElseThrow(() -> new NotFoundException("评估运行 " + id + " 不存在", "evaluation run " + id + " not found"));
    }

    public List<EvaluationRun> recent(CurrentUser user, int limit) {
        MapSqlParameterSource p = new MapSqlParameterSource("limit", limit);
        String where = visible(user, p);
        return jdbc.query("SELECT " + RUN_COLUMNS + " WHERE " + where + " ORDER BY r.id DESC LIMIT :limit", p, runMapper);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

}
