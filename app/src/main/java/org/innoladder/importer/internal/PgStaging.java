package org.innoladder.importer.internal;

import org.innoladder.importer.FileKind;
import org.innoladder.importer.Rejection;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.facts.Recognition;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Streams valid rows with COPY into a temporary staging table (dropped at commit or rollback) and problems
 * into import_rejection, in chunks so memory stays bounded. Runs on the import transaction's connection.
 *
 * <p>The COPYs run on a writer thread of their own while the caller goes on reading and validating: PostgreSQL
 * parses one chunk while Java prepares the next. At most {@link #IN_FLIGHT} chunks are queued or being written,
 * so memory stays bounded; chunks are written in order, and the caller never touches the connection while the
 * writer has work ({@link #drain()} waits for it).
 *
 * <p>Each staged fact row carries {@code year_mask}: bit i set when the row provides yearly column i of
 * {@link #yearColumns()}. Rows with the same mask have the same provenance ({column: batch} for every column
 * provided), so the merge builds that jsonb once per distinct mask ({@link FactMergeSql#yearSources}) instead of
 * once per row, and COPY parses a number instead of a jsonb text.
 */
public final class PgStaging implements ImportPass.Staging, AutoCloseable {
    public static final String FACT_STAGE = "import_stage";
    public static final String RECOGNITION_STAGE = "import_recognition_stage";
    private static final int CHUNK_CHARS = 1 << 20;
    private static final int REJECTION_CHUNK = 2000;
    private static final int IN_FLIGHT = 2;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PgStaging.class);
    private static final Column[] COLUMNS = Column.values();
    private static final Column[] YEAR_COLUMNS = yearColumns().toArray(Column[]::new);

    private final Connection connection;
    private final CopyManager copy;
    private final FileKind kind;
    private final long batchId;
    private final StringBuilder rows = new StringBuilder(CHUNK_CHARS + 4096);
    private final StringBuilder rejections = new StringBuilder();
    private int rejectionCount;
    private final long maxStored;
    private long stored;
    private long unstored;
    private int[] withdrawn = new int[16];
    private int withdrawnCount;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "import-copy");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private volatile Exception failure;
    private volatile boolean cancelled;
    /** For the debug log: nanoseconds the writer spent in COPY, and the reader spent waiting for it. */
    private volatile long copyNanos;
    private long waitNanos;

    /** @param maxStored problems stored for the batch; later ones are only counted ({@link #unstored()}) */
    public PgStaging(Connection connection, FileKind kind, long batchId, long maxStored) throws Exception {
        this.maxStored = maxStored;
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
                + ", year_mask bigint NOT NULL) ON COMMIT DROP";
    }

    private static String recognitionStageDdl() {
        return "CREATE TEMP TABLE " + RECOGNITION_STAGE + " (line_no integer NOT NULL, credit_code text NOT NULL, "
                + "kind text NOT NULL, certificate_no text NOT NULL, issued_on date NOT NULL, expires_on date, issuer text)"
                + " ON COMMIT DROP";
    }

    @Override
    public void fact(int line, FactRow row) throws Exception {
        rows.append(line);
        for (Column c : COLUMNS) {
            rows.append(',');
            value(rows, row.get(c));
        }
        long mask = 0;
        for (int i = 0; i < YEAR_COLUMNS.length; i++) {
            if (row.get(YEAR_COLUMNS[i]) != null) mask |= 1L << i;
        }
        rows.append(',').append(mask).append('\n');
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
        if (stored >= maxStored) {
            unstored++;
            return;
        }
        stored++;
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

    /** How many more problems the batch may store. */
    public long capacityLeft() {
        return maxStored - stored;
    }

    /** Counts problems stored by SQL ({@code stored}) and those left out for the limit ({@code left}). */
    public void storedBySql(long storedNow, long left) {
        stored += storedNow;
        unstored += left;
    }

    /** Problems not stored because the batch reached its limit. */
    public long unstored() {
        return unstored;
    }

    /** Everything buffered is in the database and withdrawn duplicates are gone from the stage. */
    public void finish() throws Exception {
        flushRows();
      flushRejections();
        long waitStart = System.nanoTime();
      drain();
        waitNanos += System.nanoTime() - waitStart;
        if (LOG.isDebugEnabled()) {
            LOG.debug("batch {}: COPY to staging took {} ms on the writer thread; the reader waited {} ms for it",
                    batchId, copyNanos / 1_000_000, waitNanos / 1_000_000);
        }
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
            // statistics for the join and grouping columns only: all 38 columns of 100,000 rows take seconds
            s.execute(kind == FileKind.ENTERPRISE_YEAR ? "ANALYZE " + FACT_STAGE + " (credit_code, year, year_mask)"
                    : "ANALYZE " + RECOGNITION_STAGE);
        }
    }

    private void flushRows() throws Exception {
        if (rows.length() == 0) return;
        String table = kind == FileKind.ENTERPRISE_YEAR ? FACT_STAGE : RECOGNITION_STAGE;
        submit("COPY " + table + " FROM STDIN (FORMAT csv)", rows.toString());
        rows.setLength(0);
    }

    /** Queues the buffered rejections for the database; {@link #drain()} waits until they are written. */
    public void flushRejections() throws Exception {
        if (rejections.length() == 0) return;
        submit("COPY import_rejection (batch_id, line_no, column_name, value, reason_zh, reason_en, severity)"
                + " FROM STDIN (FORMAT csv)", rejections.toString());
        rejections.setLength(0);
        rejectionCount = 0;
    }

    /** Hands one chunk to the writer thread, waiting while {@link #IN_FLIGHT} chunks are pending. */
    private void submit(String sql, String data) throws Exception {
        rethrow();
        long waitStart = System.nanoTime();
        inFlight.acquire();
        waitNanos += System.nanoTime() - waitStart;
        try {
            writer.execute(() -> {
                try {
                    long start = System.nanoTime();
                    if (failure == null && !cancelled) copy.copyIn(sql, new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)));
                    copyNanos += System.nanoTime() - start;
                } catch (Exception e) {
                    failure = e;
                } finally {
                    inFlight.release();
                }
            });
        } catch (RuntimeException e) {
            inFlight.release();
            throw e;
        }
    }

    /** Waits until every queued chunk is in the database; rethrows the writer's failure. */
    public void drain() throws Exception {
        inFlight.acquire(IN_FLIGHT);
        inFlight.release(IN_FLIGHT);
        rethrow();
    }

    private void rethrow() throws Exception {
        Exception e = failure;
        if (e != null) throw e;
    }

    /** Stops the writer thread after its current chunk, so the transaction can end (commit or roll back) safely. */
    @Override
    public void close() {
        cancelled = true;
        writer.shutdown();
        inFlight.acquireUninterruptibly(IN_FLIGHT);
        inFlight.release(IN_FLIGHT);
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
