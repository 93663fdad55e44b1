package org.innoladder.importer.internal;

import org.innoladder.importer.Rejection;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads import batches and their rejections for the page and the API. A batch's rejected rows carry enterprise
 * data, so a bureau officer sees only batches started by users of its own region subtree (itself included);
 * the platform admin sees all, including the command line's and the demo loader's.
 */
@Repository
public class ImportBatches {
    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public ImportBatches(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** One import_batch row. */
    public record Batch(long id, String fileName, String fileSha256, String fileKind, String source, String status,
                        OffsetDateTime startedAt, OffsetDateTime finishedAt, String startedBy, int rowsRead, int rowsValid,
                        int rowsRejected, int rowsInserted, int rowsUpdated, int rowsUnchanged, int warnings, String message,
                        int rejectionsUnstored, String jobId) {
    }

    private static final String COLUMNS = "id, file_name, file_sha256, file_kind, source, status, started_at, finished_at,"
            + " started_by, rows_read, rows_valid, rows_rejected, rows_inserted, rows_updated, rows_unchanged, warnings, message,"
            + " rejections_unstored, job_id";

    public List<Batch> recent(CurrentUser user, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM import_batch b WHERE " + VISIBLE + " ORDER BY id DESC LIMIT :limit")
                .param("all", user.role() == Role.ADMIN).param("me", user.username()).param("region", regionPrefix(user))
                .param("limit", limit)
                .query(ImportBatches::batch).list();
    }

    /** The batch, when it exists and the caller may see it. */
    public Optional<Batch> find(CurrentUser user, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM import_batch b WHERE id = :id AND " + VISIBLE)
                .param("id", id).param("all", user.role() == Role.ADMIN).param("me", user.username())
                .param("region", regionPrefix(user))
                .query(ImportBatches::batch).optional();
    }

    /** The batch a background job ran, when the caller may see it: the job's address after a restart. */
    public Optional<Batch> findByJob(CurrentUser user, String jobId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM import_batch b WHERE job_id = :job AND " + VISIBLE + " ORDER BY id DESC LIMIT 1")
                .param("job", jobId).param("all", user.role() == Role.ADMIN).param("me", user.username())
                .param("region", regionPrefix(user))
                .query(ImportBatches::batch).optional();
    }

    private static final String VISIBLE = "(:all OR b.started_by = :me OR EXISTS (SELECT 1 FROM app_user u"
            + " WHERE u.username = b.started_by AND u.region_code LIKE :region))";

    /** A prefix no region code matches when the caller has no region. */
    private static String regionPrefix(CurrentUser user) {
        return user.regionCode() == null ? "-" : user.regionCode() + "%";
    }

    public List<Rejection> rejections(long batchId, int offset, int limit) {
        return jdbc.sql("SELECT line_no, column_name, value, reason_zh, reason_en, severity FROM import_rejection"
                        + " WHERE batch_id = ? ORDER BY line_no, severity, column_name OFFSET ? LIMIT ?")
                .params(batchId, offset, limit).query((rs, n) -> rejection(rs)).list();
    }

    /** Every problem of a batch in line order, streamed (a batch may have many). */
    public void forEachRejection(long batchId, Consumer<Rejection> each) {
        template.query(con -> {
            var ps = con.prepareStatement("SELECT line_no, column_name, value, reason_zh, reason_en, severity FROM import_rejection"
                    + " WHERE batch_id = ? ORDER BY line_no, severity, column_name");
            ps.setLong(1, batchId);
            ps.setFetchSize(1000);
            return ps;
        }, rs -> {
            each.accept(rejection(rs));
        });
    }

    private static Rejection rejection(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Rejection(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                Rejection.Severity.valueOf(rs.getString(6)));
    }

    private static Batch batch(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Batch(rs.getLong("id"), rs.getString("file_name"), rs.getString("file_sha256"), rs.getString("file_kind"),
                rs.getString("source"), rs.getString("status"), rs.getObject("started_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class), rs.getString("started_by"), rs.getInt("rows_read"),
                rs.getInt("rows_valid"), rs.getInt("rows_rejected"), rs.getInt("rows_inserted"), rs.getInt("rows_updated"),
                rs.getInt("rows_unchanged"), rs.getInt("warnings"), rs.getString("message"), rs.getInt("rejections_unstored"),
                rs.getString("job_id"));
    }
}
