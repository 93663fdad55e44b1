package org.innoladder.investment.internal;

import java.time.OffsetDateTime;
import java.util.List;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.resources.internal.RegistryImports;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import tools.jackson.databind.json.JsonMapper;

/** The uploads of project registers ({@code investment_import}): opened before the rows are written, closed with the report. */
@Service
public class InvestmentImports {
    /** A stored upload, as listed on the page. */
    public record Upload(long id, String fileName, String uploadedBy, int rows, int added, int updated, int rejected, OffsetDateTime at) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JdbcClient jdbc;
    private final AuditTrail audit;

    public InvestmentImports(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    long open(String fileName, String user) {
        return jdbc.sql("INSERT INTO investment_import (file_name, uploaded_by, rows_read, rows_added, rows_updated, rows_rejected)"
                + " VALUES (:f, :u, 0, 0, 0, 0) RETURNING id").param("f", fileName).param("u", user).query(Long.class).single();
    }

    /**
     * Closes an upload in the importer's transaction: with no valid row nothing is kept (rolled back, the report has no
     * id); otherwise the report is stored and audited.
     */
    RegistryImports.Report finish(CurrentUser user, String ip, RegistryImports.Report report) {
        if (report.valid() == 0) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return new RegistryImports.Report(null, report.fileName(), report.rows(), 0, 0, 0, report.rejections());
        }
        jdbc.sql("UPDATE investment_import SET rows_read = :rows, rows_added = :a, rows_updated = :u, rows_rejected = :x,"
                        + " rejections = CAST(:j AS jsonb) WHERE id = :id")
                .param("rows", report.rows()).param("a", report.added()).param("u", report.updated()).param("x", report.rejected())
                .param("j", JSON.writeValueAsString(report.rejections())).param("id", report.importId()).update();
        audit.record(user.username(), "investment.import", "investment_import:" + report.importId(), "file=" + report.fileName()
                + "; rows=" + report.rows() + "; added=" + report.added() + "; updated=" + report.updated() + "; rejected="
                + report.rejected(), ip);
        return report;
    }

    /** The latest uploads (counts only, no project data), newest first. */
    public List<Upload> latest(int max) {
        return jdbc.sql("SELECT id, file_name, uploaded_by, rows_read, rows_added, rows_updated, rows_rejected, created_at"
                        + " FROM investment_import ORDER BY id DESC LIMIT :max").param("max", max)
                .query((rs, n) -> new Upload(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getInt(6),
                        rs.getInt(7), rs.getObject(8, OffsetDateTime.class))).list();
    }
}
