package org.innoladder.jobs.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.innoladder.jobs.Job;
import org.innoladder.jobs.JobRequest;
import org.innoladder.region.Regions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code job} table and the scheduler's rows of our task. */
@Repository
public class JobStore {
    public static final String TASK = "innoladder-job";
    private static final TypeReference<LinkedHashMap<String, String>> PARAMS = new TypeReference<>() { };
    private static final String COLUMNS = "id, kind, status, started_by, region_code, year, subject, params::text AS params,"
            + " phase, done, total, cancel_requested_by, message, link, created_at, started_at, finished_at FROM job";

    private final JdbcClient jdbc;
    private final Regions regions;
    private final JsonMapper json = JsonMapper.builder().build();

    public JobStore(JdbcClient jdbc, Regions regions) {
        this.jdbc = jdbc;
        this.regions = regions;
    }

    public long insert(JobRequest r) {
        return jdbc.sql("INSERT INTO job (kind, status, started_by, region_code, year, subject, params)"
                        + " VALUES (:kind, 'QUEUED', :by, :region, :year, :subject, CAST(:params AS jsonb)) RETURNING id")
                .param("kind", r.kind()).param("by", r.startedBy()).param("region", r.regionCode())
                .param("year", r.year()).param("subject", r.subject()).param("params", json.writeValueAsString(r.params()))
                .query(Long.class).single();
    }

    /** Records a job that runs at once in the calling thread of this process ({@link org.innoladder.jobs.Jobs#track}). */
    public Job insertRunning(JobRequest r, long owner) {
        return jdbc.sql("INSERT INTO job (kind, status, started_by, region_code, year, subject, params, owner, started_at)"
                        + " VALUES (:kind, 'RUNNING', :by, :region, :year, :subject, CAST(:params AS jsonb), :owner, now())"
                        + " RETURNING " + COLUMNS.replace(" FROM job", ""))
                .param("kind", r.kind()).param("by", r.startedBy()).param("region", r.regionCode())
                .param("year", r.year()).param("subject", r.subject()).param("params", json.writeValueAsString(r.params()))
                .param("owner", owner).query(this::map).single();
    }

    /** Takes a queued job for this process; empty when it is no longer queued (cancelled, or ended by recovery). */
    public Optional<Job> claim(long id, long owner) {
        return jdbc.sql("UPDATE job SET status = 'RUNNING', owner = :owner, started_at = now(), updated_at = now()"
                        + " WHERE id = :id AND status = 'QUEUED' RETURNING " + COLUMNS.replace(" FROM job", ""))
                .param("owner", owner).param("id", id).query(this::map).optional();
    }

    /** Writes progress; returns who asked to cancel the job meanwhile (another process's request), or null. */
    public String progress(long id, String phase, long done, Long total) {
        return jdbc.sql("UPDATE job SET phase = :phase, done = :done, total = :total, updated_at = now()"
                        + " WHERE id = :id RETURNING cancel_requested_by")
                .param("phase", phase).param("done", done).param("total", total).param("id", id)
                .query(String.class).optional().orElse(null);
    }

    public void link(long id, String link) {
        jdbc.sql("UPDATE job SET link = :link, updated_at = now() WHERE id = :id").param("link", link).param("id", id).update();
    }

    /** Ends a job that has not ended; false when it already had. */
    public boolean end(long id, Job.Status status, String message) {
        return jdbc.sql("UPDATE job SET status = :status, message = :message, finished_at = now(), updated_at = now()"
                        + " WHERE id = :id AND status IN ('QUEUED', 'RUNNING')")
                .param("status", status.name()).param("message", message).param("id", id).update() > 0;
    }

    /** Records a cancel request on a job that has not ended; false when it had. */
    public boolean requestCancel(long id, String by) {
        return jdbc.sql("UPDATE job SET cancel_requested_by = coalesce(cancel_requested_by, :by), updated_at = now()"
                        + " WHERE id = :id AND status IN ('QUEUED', 'RUNNING')")
                .param("by", by).param("id", id).update() > 0;
    }

    /** Removes the job's execution if no scheduler has picked it yet; true when removed (it will never run). */
    public boolean unscheduleIfWaiting(long id) {
        return jdbc.sql("DELETE FROM scheduled_tasks WHERE task_name = :task AND task_instance = :id AND NOT picked")
                .param("task", TASK).param("id", String.valueOf(id)).update() > 0;
    }

    /** Removes the job's execution whatever its state (its process is dead). */
    public void unschedule(long id) {
        jdbc.sql("DELETE FROM scheduled_tasks WHERE task_name = :task AND task_instance = :id")
                .param("task", TASK).param("id", String.valueOf(id)).update();
    }

    public Optional<Job> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE id = :id").param("id", id).query(this::map).optional();
    }

    /** A job its starter or an admin may see; empty for anyone else. */
    public Optional<Job> findVisible(long id, String username, boolean all) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE id = :id AND (:all OR started_by = :me)")
                .param("id", id).param("all", all).param("me", username).query(this::map).optional();
    }

    /** The newest jobs the user may see: their own, or every job for an admin. */
    public List<Job> recent(String username, boolean all, int limit) {
        Map<String, String> names = new HashMap<>();
        return jdbc.sql("SELECT " + COLUMNS + " WHERE (:all OR started_by = :me) ORDER BY id DESC LIMIT :limit")
                .param("all", all).param("me", username).param("limit", limit).query((rs, n) -> map(rs, names)).list();
    }

    /** The processes that RUNNING jobs name, other than {@code self}. */
    public List<Long> runningOwnersOtherThan(long self) {
        return jdbc.sql("SELECT DISTINCT owner FROM job WHERE status = 'RUNNING' AND owner IS DISTINCT FROM :self ORDER BY 1")
                .param("self", self).query(Long.class).list();
    }

    public List<Job> running(Long owner) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE status = 'RUNNING' AND owner IS NOT DISTINCT FROM :owner ORDER BY id")
                .param("owner", owner).query(this::map).list();
    }

    private Job map(ResultSet rs, int n) throws SQLException {
        return map(rs, new HashMap<>());
    }

    /** A job; {@code names} caches the region names already read (a list names the same few regions). */
    private Job map(ResultSet rs, Map<String, String> names) throws SQLException {
        String region = rs.getString("region_code");
        Map<String, String> params = json.readValue(rs.getString("params"), PARAMS);
        long total = rs.getLong("total");
        Long totalOrNull = rs.wasNull() ? null : total;
        int year = rs.getInt("year");
        Integer yearOrNull = rs.wasNull() ? null : year;
        return new Job(rs.getLong("id"), rs.getString("kind"), Job.Status.valueOf(rs.getString("status")),
                rs.getString("started_by"), region, region == null ? null : names.computeIfAbsent(region, r -> regions.name(r).orElse(r)),
                yearOrNull, rs.getString("subject"), params, rs.getString("phase"), rs.getLong("done"), totalOrNull,
                rs.getString("cancel_requested_by"), rs.getString("message"), rs.getString("link"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("started_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class));
    }
}
