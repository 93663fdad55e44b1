package org.innoladder.resources.internal;

import java.time.OffsetDateTime;
import java.util.List;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** The uploads of registry files ({@code resource_import}): opened before the rows are written, closed with the report. */
@Service
public class RegistryImports {
    /** Which registry a file fills. */
    public enum Registry { PLATFORM, CARRIER, TENANT, CONTRACT, TALENT }

    /**
     * The report of one upload: rows read, added, updated, unchanged and rejected. {@code importId} is null when no row
     * was valid: such an upload stores nothing (the report is shown, not kept).
     */
    @org.springframework.modulith.NamedInterface("registry-file")
    public record Report(Long importId, String fileName, int rows, int added, int updated, int unchanged, List<RowProblem> rejections) {
        public int rejected() { return rejections.size(); }

        public int valid() { return added + updated + unchanged; }
    }

    /** A stored upload, as listed on the registry's page. */
    public record Upload(long id, String fileName, String uploadedBy, int rows, int added, int updated, int rejected,
                         OffsetDateTime at) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JdbcClient jdbc;

    public RegistryImports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long open(Registry registry, String fileName, String user) {
        return jdbc.sql("INSERT INTO resource_import (registry, file_name, uploaded_by, rows_read, rows_added, rows_updated, rows_rejected)"
                        + " VALUES (:r, :f, :u, 0, 0, 0, 0) RETURNING id")
                .param("r", registry.name()).param("f", fileName).param("u", user).query(Long.class).single();
    }

    void close(Report report) {
        jdbc.sql("UPDATE resource_import SET rows_read = :rows, rows_added = :a, rows_updated = :u, rows_rejected = :x,"
                        + " rejections = CAST(:j AS jsonb) WHERE id = :id")
                .param("rows", report.rows()).param("a", report.added()).param("u", report.updated())
                .param("x", report.rejected()).param("j", JSON.writeValueAsString(report.rejections())).param("id", report.importId())
                .update();
    }

    /**
     * Closes an upload in the importer's transaction: with no valid row nothing is kept (the transaction is rolled back
     * and the report has no id: an out-of-scope file changes nothing at all); otherwise the report is stored and audited.
     */
    static Report finish(RegistryImports imports, AuditTrail audit, CurrentUser user, String ip, String action, Report report) {
        if (report.valid() == 0) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return new Report(null, report.fileName(), report.rows(), 0, 0, 0, report.rejections());
        }
        imports.close(report);
        audit.record(user.username(), action, "resource_import:" + report.importId(), "file=" + report.fileName() + "; rows="
                + report.rows() + "; added=" + report.added() + "; updated=" + report.updated() + "; rejected=" + report.rejected(), ip);
        return report;
    }

    /** The latest uploads of a registry (any user's: they hold no enterprise data beyond counts), newest first. */
    public List<Upload> latest(Registry registry, int max) {
        return latest(List.of(registry), max);
    }

    /** The latest uploads of these registries, newest first. */
    public List<Upload> latest(List<Registry> registries, int max) {
        return jdbc.sql("SELECT id, file_name, uploaded_by, rows_read, rows_added, rows_updated, rows_rejected, created_at"
                        + " FROM resource_import WHERE registry IN (:r) ORDER BY id DESC LIMIT :max")
                .param("r", registries.stream().map(Enum::name).toList()).param("max", max)
                .query((rs, n) -> new Upload(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                        rs.getInt(6), rs.getInt(7), rs.getObject(8, OffsetDateTime.class))).list();
    }
}
