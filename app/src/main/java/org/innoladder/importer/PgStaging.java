package org.innoladder.importer;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.innoladder.facts.Column;
import org.innoladder.facts.FactRow;
import org.innoladder.facts.Recognition;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Streams valid rows with COPY into a temporary staging table (dropped at commit or rollback) and problems
 * into import_rejection, in chunks so memory stays bounded. Runs on the import transaction's connection.
 */
final class PgStaging implements ImportPass.Staging {
    static final String FACT_STAGE = "import_stage";
    static final String RECOGNITION_STAGE = "import_recognition_stage";
    private static final int CHUNK_CHARS = 1 << 20;
    private static final int REJECTION_CHUNK = 2000;

    private final Connection connection;
    private final CopyManager copy;
    private final FileKind kind;
    private final long batchId;
    private final StringBuilder rows = new StringBuilder(CHUNK_CHARS + 4096);
    private final StringBuilder rejections = new StringBuilder();
    private int rejectionCount;
    private int[] withdrawn = new int[16];
    private int withdrawnCount;

    PgStaging(Connection connection, FileKind kind, long batchId) throws Exception {
        this.connection = connection;
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
        this.kind = kind;
        this.batchId = batchId;
        try (Statement s = connection.createStatement()) {
            s.execute(kind == FileKind.ENTERPRISE_YEAR ? factStageDdl() : recognitionStageDdl());
        }
    }

    static String sqlType(Column c) {
        return switch (c.type()) {
            case TEXT -> "text";
            case INT -> "integer";
            case MONEY -> "numeric(18, 2)";
            case BOOL -> "boolean";
            case DATE -> "date";
        };
    }

    private static String factStageDdl() {
        return "CREATE TEMP TABLE " + FACT_STAGE + " (line_no integer NOT NULL, "
                + Arrays.stream(Column.values()).map(c -> c.key() + " " + sqlType(c)).collect(Collectors.joining(", "))
                + ") ON COMMIT DROP";
    }

    private static String recognitionStageDdl() {
        return "CREATE TEMP TABLE " + RECOGNITION_STAGE + " (line_no integer NOT NULL, credit_code text NOT NULL, "
                + "kind text NOT NULL, certificate_no text NOT NULL, issued_on date NOT NULL, expires_on date, issuer text)"
                + " ON COMMIT DROP";
    }

    @Override
    public void fact(int line, FactRow row) throws Exception {
        rows.append(line);
        for (Column c : Column.values()) {
            rows.append(',');
            value(rows, row.get(c));
        }
        rows.append('\n');
        if (rows.length() >= CHUNK_CHARS) flushRows();
    }

    @Override
    public void recognition(int line, Recognition r) throws Exception {
        rows.append(line).append(',');
        value(rows, r.creditCode());
        rows.append(',');
        value(rows, r.kind().name());
        rows.append(',');
        value(rows, r.certificateNo());
        rows.append(',');
        value(rows, r.issuedOn());
        rows.append(',');
        value(rows, r.expiresOn());
        rows.append(',');
        value(rows, r.issuer());
        rows.append('\n');
        if (rows.length() >= CHUNK_CHARS) flushRows();
    }

    @Override
    public void withdraw(int line) {
        if (withdrawnCount == withdrawn.length) withdrawn = Arrays.copyOf(withdrawn, withdrawnCount * 2);
        withdrawn[withdrawnCount++] = line;
    }

    @Override
    public void store(Rejection r) throws Exception {
        rejections.append(batchId).append(',').append(r.line()).append(',');
        value(rejections, r.column());
        rejections.append(',');
        value(rejections, r.value());
        rejections.append(',');
        value(rejections, r.reasonZh());
        rejections.append(',');
        value(rejections, r.reasonEn());
        rejections.append(',').append(r.severity().name()).append('\n');
        if (++rejectionCount >= REJECTION_CHUNK || rejections.length() >= CHUNK_CHARS) flushRejections();
    }

    /** Everything buffered is in the database and withdrawn duplicates are gone from the stage. */
    void finish() throws Exception {
        flushRows();
        flushRejections();
        if (withdrawnCount > 0) {
            String table = kind == FileKind.ENTERPRISE_YEAR ? FACT_STAGE : RECOGNITION_STAGE;
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + table + " WHERE line_no = ANY (?)")) {
                Integer[] lines = new Integer[withdrawnCount];
                for (int i = 0; i < withdrawnCount; i++) lines[i] = withdrawn[i];
                Array array = connection.createArrayOf("integer", lines);
                ps.setArray(1, array);
                ps.executeUpdate();
            }
        }
        try (Statement s = connection.createStatement()) {
            s.execute("ANALYZE " + (kind == FileKind.ENTERPRISE_YEAR ? FACT_STAGE : RECOGNITION_STAGE));
        }
    }

    private void flushRows() throws Exception {
        if (rows.length() == 0) return;
        String table = kind == FileKind.ENTERPRISE_YEAR ? FACT_STAGE : RECOGNITION_STAGE;
        copy.copyIn("COPY " + table + " FROM STDIN (FORMAT csv)",
                new ByteArrayInputStream(rows.toString().getBytes(StandardCharsets.UTF_8)));
        rows.setLength(0);
    }

    void flushRejections() throws Exception {
        if (rejections.length() == 0) return;
        copy.copyIn("COPY import_rejection (batch_id, line_no, column_name, value, reason_zh, reason_en, severity)"
                + " FROM STDIN (FORMAT csv)", new ByteArrayInputStream(rejections.toString().getBytes(StandardCharsets.UTF_8)));
        rejections.setLength(0);
        rejectionCount = 0;
    }

    /** CSV for COPY: null is an empty unquoted field, text is always quoted. */
    private static void value(StringBuilder b, Object v) {
        if (v == null) return;
        if (v instanceof String s) {
            b.append('"');
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (ch == '"') b.append('"');
                if (ch != 0) b.append(ch);   // PostgreSQL text cannot hold NUL
            }
            b.append('"');
        } else if (v instanceof BigDecimal d) {
            b.append(d.toPlainString());
        } else if (v instanceof Boolean bool) {
            b.append(bool ? 't' : 'f');
        } else if (v instanceof LocalDate d) {
            b.append(d);
        } else {
            b.append(v);
        }
    }

    static List<Column> enterpriseColumns() {
        List<Column> cols = new ArrayList<>(Column.byLevel(Column.Level.ENTERPRISE));
        cols.remove(Column.CREDIT_CODE);
        return cols;
    }

    static List<Column> yearColumns() {
        List<Column> cols = new ArrayList<>(Column.byLevel(Column.Level.YEAR));
        cols.remove(Column.YEAR);
        return cols;
    }
}
