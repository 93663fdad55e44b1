package org.innoladder.importer;

import org.innoladder.region.Regions;
import org.innoladder.importer.internal.FactMergeSql;
import org.innoladder.importer.internal.ImportCancelled;
import org.innoladder.importer.internal.ImportLimitExceeded;
import org.innoladder.importer.internal.ImportPass;
import org.innoladder.importer.internal.ImportScope;
import org.innoladder.importer.internal.ImportSettings;
import org.innoladder.importer.internal.PgStaging;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.innoladder.audit.AuditTrail;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.facts.HeaderMatch;
import org.innoladder.rules.facts.Recognition;
import org.innoladder.rules.facts.RecognitionValidator;
import org.innoladder.rules.facts.RowValidator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.innoladder.importer.ImportReport.Status;
import org.innoladder.importer.internal.ImportMetrics;
import org.innoladder.importer.Rejection.Severity;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports an enterprise-year or recognitions file (CSV or XLSX) into PostgreSQL, or validates it only (dry run,
 * no database: {@link #withoutDatabase()}).
 *
 * <p>The batch record is written in its own transaction; all the batch's data, its rejections, the batch's
 * final state and the audit entry are written in one other transaction, so a failure part-way leaves the
 * data exactly as before and the batch marked FAILED.
 */
@Service
public class ImportService {
    private static final Logger log = LoggerFactory.getLogger(ImportService.class);
    /** First key of the transaction-level advisory lock each running batch holds on (BATCH_LOCK, batch id). */
    public static final int BATCH_LOCK = 0x1A0D;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final TransactionTemplate separateTx;
    private final ObjectProvider<AuditTrail> audit;
    private final Clock clock;
    private final ImportSettings.Limits limits;
    private final JdbcClient client;
    private ApplicationEventPublisher events;
    private ImportMetrics metrics = new ImportMetrics(new SimpleMeterRegistry());

    private final Regions regions;

    @Autowired
    public ImportService(DataSource dataSource, PlatformTransactionManager transactions, ObjectProvider<AuditTrail> audit,
                         ImportSettings settings) {
        this(dataSource, transactions, audit, Clock.system(ZoneId.of("Asia/Shanghai")), settings.limits());
    }

    /** An importer with the default limits, outside Spring (benchmarks, a bounded-heap test). */
    public ImportService(DataSource dataSource, PlatformTransactionManager transactions, ObjectProvider<AuditTrail> audit) {
        this(dataSource, transactions, audit, Clock.system(ZoneId.of("Asia/Shanghai")), ImportSettings.Limits.DEFAULTS);
    }

    ImportService(DataSource dataSource, PlatformTransactionManager transactions, ObjectProvider<AuditTrail> audit, Clock clock,
                  ImportSettings.Limits limits) {
        this.limits = limits;
        this.dataSource = dataSource;
        this.client = dataSource == null ? null : JdbcClient.create(dataSource);
        this.regions = client == null ? null : new Regions(client);
        this.jdbc = dataSource == null ? null : new JdbcTemplate(dataSource);
        this.tx = transactions == null ? null : new TransactionTemplate(transactions);
        this.separateTx = transactions == null ? null : new TransactionTemplate(transactions);
        if (separateTx != null) separateTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.audit = audit;
        this.clock = clock;
    }

    /** Listeners of {@link ImportCommitted} (absent when the importer is built without Spring). */
    @Autowired(required = false)
    public void setEvents(ApplicationEventPublisher events) {
        this.events = events;
    }

    /** Rows accepted and rejected, files and durations, for /actuator/prometheus (docs/monitoring.md). */
    @Autowired(required = false)
    public void setMeterRegistry(MeterRegistry meters) {
        this.metrics = new ImportMetrics(meters);
    }

    /** An importer for dry runs only: needs no database and no Spring. */
    public static ImportService withoutDatabase() {
        return new ImportService(null, null, null, Clock.system(ZoneId.of("Asia/Shanghai")), ImportSettings.Limits.DEFAULTS);
    }

    public ImportReport importFile(Path file, String originalFileName, ImportOptions options, ImportProgress progress) {
        return importFile(file, originalFileName, options, progress, r -> { });
    }

    /**
     * @param rejections receives every problem as it is found (ERRORs of rejected rows, WARNINGs), e.g. to
     *                   write a report file; the returned report keeps only the first {@link ImportReport#SAMPLE_LIMIT}
     */
    public ImportReport importFile(Path file, String originalFileName, ImportOptions options, ImportProgress progress,
                                   Consumer<Rejection> rejections) {
        String name = originalFileName == null || originalFileName.isBlank() ? file.getFileName().toString() : originalFileName;
        ImportProgress p = progress == null ? ImportProgress.NONE : progress;
        if (options.dryRun() || dataSource == null) {
            if (!options.dryRun()) throw new IllegalStateException("this importer has no database: use a dry run");
            return dryRun(file, name, p, rejections, ImportPass.NOTHING);
        }
        long started = System.nanoTime();
        ImportReport report = intoDatabase(file, name, options, p, rejections);
        metrics.record(report, System.nanoTime() - started);
        return report;
    }

    /** The valid rows of an enterprise-year file, in file order, and the dry-run report of reading it. */
    public record ValidFacts(ImportReport report, List<FactRow> rows) {
    }

    /**
     * Reads an enterprise-year file exactly as a dry run validates it and keeps its valid rows (rows with a
     * duplicate key are rejected, both of them, as the import would). A certificates file yields no rows.
     *
     * @param rejections receives every problem as it is found
     */
    public ValidFacts readFacts(Path file, String originalFileName, Consumer<Rejection> rejections) {
        String name = originalFileName == null || originalFileName.isBlank() ? file.getFileName().toString() : originalFileName;
        Map<Integer, FactRow> rows = new LinkedHashMap<>();
        ImportPass.Staging keep = new ImportPass.Staging() {
            @Override
            public void fact(int line, FactRow row) { rows.put(line, row); }

            @Override
            public void recognition(int line, Recognition row) { }

            @Override
            public void withdraw(int line) { rows.remove(line); }

            @Override
            public void store(Rejection rejection) { }
        };
        ImportReport report = dryRun(file, name, ImportProgress.NONE, rejections == null ? r -> { } : rejections, keep);
        return new ValidFacts(report, List.copyOf(rows.values()));
    }

    private ImportReport dryRun(Path file, String name, ImportProgress progress, Consumer<Rejection> sink,
                                ImportPass.Staging staging) {
        try (TableReader reader = TableReader.open(file, name, limits)) {
            FileKind kind = FileKind.detect(reader.header());
            HeaderMatch<?> match = match(kind, reader.header());
            if (!match.readable()) return unreadable(null, name, null, kind, match.problem().reasonZh(), match.problem().reasonEn());
            ImportPass pass = new ImportPass(reader, kind, new RowValidator(clock), new RecognitionValidator(clock),
                    staging, sink, progress, ImportScope.EVERYTHING, limits);
            pass.headerWarnings(match);
            pass.run(match);
            progress.phase("done");
            String msg = "校验完成（未导入）：读取 " + pass.rowsRead + " 行，有效 " + pass.rowsValid + " 行，拒绝 " + pass.rowsRejected
                    + " 行 / validated (nothing imported): " + pass.rowsRead + " rows read, " + pass.rowsValid + " valid, "
                    + pass.rowsRejected + " rejected";
            return new ImportReport(null, Status.VALIDATED, kind, name, null, reader.format(), pass.rowsRead, pass.rowsValid,
                    pass.rowsRejected, 0, 0, 0, pass.warnings, pass.sample, pass.truncated, msg);
        } catch (UnreadableFileException e) {
            return unreadable(null, name, null, null, e.zh(), e.en());
        } catch (ImportLimitExceeded e) {
            return new ImportReport(null, Status.FAILED, null, name, null, null, 0, 0, 0, 0, 0, 0, 0, List.of(), false, e.reason());
        } catch (Exception e) {
            return new ImportReport(null, Status.FAILED, null, name, null, null, 0, 0, 0, 0, 0, 0, 0, List.of(), false,
                    "读取中断 / reading failed: " + rootMessage(e));
        }
    }

    private static HeaderMatch<?> match(FileKind kind, List<String> header) {
        return kind == FileKind.ENTERPRISE_YEAR ? HeaderMatch.ofFacts(header) : HeaderMatch.ofRecognitions(header);
    }

    private static ImportReport unreadable(Long batchId, String name, String sha, FileKind kind, String zh, String en) {
        return new ImportReport(batchId, Status.UNREADABLE, kind, name, sha, null, 0, 0, 0, 0, 0, 0, 0, List.of(), false,
                "无法读取文件：" + zh + " / cannot read the file: " + en);
    }

    private ImportReport intoDatabase(Path file, String name, ImportOptions options, ImportProgress progress,
                                      Consumer<Rejection> sink) {
        if (progress.cancelledBy() != null) return cancelled(null, name, null, null, progress.cancelledBy());
        if (!Files.isRegularFile(file)) {
            return unreadable(null, name, null, null, "文件不存在：" + name, "file not found: " + name);
        }
        String sha;
        long started = System.nanoTime();
        try {
            sha = sha256(file);
        } catch (IOException e) {
            return unreadable(null, name, null, null, "无法读取文件：" + name, "cannot read file: " + name);
        }
        Map<String, Object> earlier = jdbc.queryForList(
                "SELECT id, finished_at FROM import_batch WHERE file_sha256 = ? AND status = 'COMMITTED'", sha)
                .stream().findFirst().orElse(null);
        if (earlier != null) return unchanged(name, sha, options, earlier);
        ImportScope scope = ImportScope.of(options.scope(), regionName(ImportScope.regionOf(options.scope())));

        TableReader reader;
        try {
            reader = TableReader.open(file, name, limits);
        } catch (UnreadableFileException e) {
            long id = failedBatch(name, sha, FileKind.ENTERPRISE_YEAR, options, e.zh() + " / " + e.en());
            return unreadable(id, name, sha, null, e.zh(), e.en());
        }
        try (reader) {
            FileKind kind = FileKind.detect(reader.header());
            HeaderMatch<?> match = match(kind, reader.header());
            if (!match.readable()) {
                long id = failedBatch(name, sha, kind, options, match.problem().reason());
                return unreadable(id, name, sha, kind, match.problem().reasonZh(), match.problem().reasonEn());
            }
            long batchId = jdbc.queryForObject("SELECT nextval(pg_get_serial_sequence('import_batch', 'id'))", Long.class);
            log.debug("import of {}: checksum and header took {} ms", name, (System.nanoTime() - started) / 1_000_000);
            try {
                ImportReport done = tx.execute(status -> {
                    try {
                        // held until this transaction ends, also when its process dies: ImportRecovery tells live batches by it
                        jdbc.query("SELECT pg_advisory_xact_lock(?, ?)", rs -> { }, BATCH_LOCK, (int) batchId);
                        separateTx.executeWithoutResult(t -> jdbc.update("INSERT INTO import_batch (id, file_name, file_sha256,"
                                        + " file_kind, source, status, started_by, job_id) VALUES (?, ?, ?, ?, ?, 'RUNNING', ?, ?)",
                                batchId, name, sha, kind.name(), options.source(), options.actor(), options.jobId()));
                        progress.batchStarted(batchId);
                        return load(reader, kind, match, batchId, name, sha, options, scope, progress, sink);
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new ImportFailure(e);
                    }
                });
                log.debug("batch {}: whole import including commit took {} ms", batchId, (System.nanoTime() - started) / 1_000_000);
                return done;
            } catch (AlreadyImported e) {
                return unchangedAfterAll(batchId, name, sha, kind, options, e.earlier);
            } catch (RuntimeException e) {
                Throwable cause = e instanceof ImportFailure f ? f.getCause() : e;
                String by = progress.cancelledBy();
                if (by != null) {
                    log.info("import batch {} of {} cancelled by {} ({})", batchId, name, by, rootMessage(cause));
                    markCancelled(batchId, options, by);
                    progress.phase("cancelled");
                    return cancelled(batchId, name, sha, kind, by);
                }
                String message;
                if (cause instanceof ImportLimitExceeded limit) {
                    log.info("import batch {} of {} refused: {}", batchId, name, limit.en());
                    message = "导入失败，未写入任何数据：" + limit.zh() + " / import failed, nothing was stored: " + limit.en();
                } else {
                    log.warn("import batch {} of {} failed", batchId, name, cause);
                    message = "导入失败，未写入任何数据：" + rootMessage(cause) + " / import failed, nothing was stored: " + rootMessage(cause);
                }
                markFailed(batchId, options, message);
                progress.phase("failed");
                return new ImportReport(batchId, Status.FAILED, kind, name, sha, reader.format(), 0, 0, 0, 0, 0, 0, 0,
                        List.of(), false, message);
            }
        } catch (IOException e) {
            // closing the reader failed after the work was done; nothing to undo
            throw new IllegalStateException(e);
        }
    }

    private ImportReport load(TableReader reader, FileKind kind, HeaderMatch<?> match, long batchId, String name, String sha,
                              ImportOptions options, ImportScope scope, ImportProgress progress, Consumer<Rejection> sink)
            throws Exception {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        PGConnection pg = connection.unwrap(PGConnection.class);
        try (Statement s = connection.createStatement()) {
            // a backend whose client died mid-statement (kill -9) notices within seconds, rolls back and frees the batch lock
            s.execute("SET LOCAL client_connection_check_interval = '2s'");
        }
        progress.interruptWith(() -> {
            try {
                pg.cancelQuery();
            } catch (Exception e) {
                log.debug("cancelling the statement of batch {} failed", batchId, e);
            }
        });
        try (PgStaging staging = new PgStaging(connection, kind, batchId, limits.maxStoredRejections())) {
            return load(reader, kind, match, batchId, name, sha, options, scope, progress, sink, connection, staging);
        } finally {
            progress.interruptWith(null);
        }
    }

    private ImportReport load(TableReader reader, FileKind kind, HeaderMatch<?> match, long batchId, String name, String sha,
                              ImportOptions options, ImportScope scope, ImportProgress progress, Consumer<Rejection> sink,
                              Connection connection, PgStaging staging) throws Exception {
        Set<String> regions = kind == FileKind.ENTERPRISE_YEAR ? regionCodes() : Set.of();
        ImportPass pass = new ImportPass(reader, kind, new RowValidator(clock, regions::contains),
                new RecognitionValidator(clock), staging, sink, progress, scope, limits);
        pass.headerWarnings(match);
        long readStart = System.nanoTime();
        pass.run(match);
        staging.finish();
        log.debug("batch {}: reading, validating and staging {} rows took {} ms", batchId, pass.rowsRead,
                (System.nanoTime() - readStart) / 1_000_000);
        ImportCancelled.check(progress);
        progress.phase("merging");
        jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> { }, FactMergeSql.MERGE_LOCK);
        // the same file may have been committed by a concurrent upload while this one was reading
        List<Map<String, Object>> earlier = jdbc.queryForList(
                "SELECT id, finished_at FROM import_batch WHERE file_sha256 = ? AND status = 'COMMITTED'", sha);
        if (!earlier.isEmpty()) throw new AlreadyImported(earlier.get(0));
        long[] counts = kind == FileKind.ENTERPRISE_YEAR ? mergeFacts(connection, batchId, pass, scope, staging)
                : mergeRecognitions(staging, batchId, options, pass, scope);
        ImportCancelled.check(progress);
        long unstored = staging.unstored();
        String msg = "导入完成：读取 " + pass.rowsRead + " 行，有效 " + pass.rowsValid + " 行（新增 " + counts[0] + "，更新 " + counts[1]
                + "，未变 " + counts[2] + "），拒绝 " + pass.rowsRejected + " 行，警告 " + pass.warnings + " 条"
                + (unstored == 0 ? "" : "；另有 " + unstored + " 条问题超过每批保存上限（"
                + ImportLimitExceeded.limit("max-stored-rejections", limits.maxStoredRejections()) + "），只计数未保存")
                + " / imported: " + pass.rowsRead + " rows read, " + pass.rowsValid + " valid (" + counts[0] + " inserted, "
                + counts[1] + " updated, " + counts[2] + " unchanged), " + pass.rowsRejected + " rejected, " + pass.warnings + " warnings"
                + (unstored == 0 ? "" : "; " + unstored + " more problems beyond the stored limit ("
                + ImportLimitExceeded.limit("max-stored-rejections", limits.maxStoredRejections()) + ") were counted, not stored");
        jdbc.update("UPDATE import_batch SET status = 'COMMITTED', finished_at = now(), rows_read = ?, rows_valid = ?,"
                        + " rows_rejected = ?, rows_inserted = ?, rows_updated = ?, rows_unchanged = ?, warnings = ?, message = ?,"
                        + " rejections_unstored = ? WHERE id = ?",
                pass.rowsRead, pass.rowsValid, pass.rowsRejected, counts[0], counts[1], counts[2], pass.warnings, msg, unstored, batchId);
        record(options, "import.commit", batchId, name + ": " + msg);
        if (events != null) events.publishEvent(new ImportCommitted(batchId, kind));
        progress.phase("done");
        return new ImportReport(batchId, Status.COMMITTED, kind, name, sha, reader.format(), pass.rowsRead, pass.rowsValid,
                pass.rowsRejected, counts[0], counts[1], counts[2], pass.warnings, pass.sample, pass.truncated, msg);
    }

    /**
     * Rejects, set-based and under the merge lock, the staged rows the scope forbids: rows of stored enterprises
     * outside the scope and, for enterprise-year files, rows of new enterprises without any region. Each deleted
     * row is reported with its reason; the caller's sink and the batch get them like every other rejection.
     */
    private void rejectOutsideScope(ImportScope scope, PgStaging staging, ImportPass pass, boolean certificates) throws Exception {
        String stage = certificates ? PgStaging.RECOGNITION_STAGE : PgStaging.FACT_STAGE;
        List<Rejection> late = new ArrayList<>(deleted(scope.outsideStored(stage), (line, code) -> scope.enterpriseOutside(line, code, certificates)));
        if (!certificates) late.addAll(deleted(ImportScope.newWithoutRegion(stage), scope::newWithoutRegion));
        if (late.isEmpty()) return;
        late.sort(Comparator.comparingInt(Rejection::line));
        for (Rejection r : late) pass.rejectedLate(r);
        staging.flushRejections();
        staging.drain();
    }

    private List<Rejection> deleted(ImportScope.ScopeSql sql, BiFunction<Integer, String, Rejection> reason) {
        return client.sql(sql.sql()).params(sql.params())
                .query((rs, n) -> reason.apply(rs.getInt(1), rs.getString(2))).list();
    }

    private String regionName(String code) {
        return regions.name(code).orElse(null);
    }

    private Set<String> regionCodes() {
        return regions.countyAndTownCodes();
    }

    private long[] mergeFacts(Connection connection, long batchId, ImportPass pass, ImportScope scope, PgStaging staging)
            throws Exception {
        if (scope.restricted()) rejectOutsideScope(scope, staging, pass, false);
        try (Statement s = connection.createStatement()) {
            Timer t = new Timer(batchId);
            // hash joins and sorts of 100,000 staged rows stay in memory (the default 4 MB spills to disk); this transaction only
            s.execute("SET LOCAL work_mem = '64MB'");
            s.execute(FactMergeSql.enterpriseInput());
            s.execute("ANALYZE import_enterprise");
            s.execute("CREATE TEMP TABLE import_enterprise_changed (id bigint) ON COMMIT DROP");
            s.execute("CREATE TEMP TABLE import_merged (enterprise_id bigint, year integer) ON COMMIT DROP");
            t.lap("enterprise input");
            Map<String, Object> w = jdbc.queryForMap(FactMergeSql.enterpriseWarnings(batchId), staging.capacityLeft());
            long warnings = ((Number) w.get("total")).longValue();
            long storedWarnings = ((Number) w.get("stored")).longValue();
            staging.storedBySql(storedWarnings, warnings - storedWarnings);
            t.lap("enterprise warnings");
            s.executeUpdate(FactMergeSql.insertEnterprises(batchId));
            t.lap("insert enterprises");
            s.executeUpdate(FactMergeSql.updateEnterprises(batchId));
            t.lap("update enterprises");
            s.executeUpdate(FactMergeSql.updateYears(batchId));
            t.lap("update years");
            s.execute("ANALYZE import_merged");
            Map<String, Object> c = jdbc.queryForMap(FactMergeSql.counts());
            t.lap("counts");
            long inserted = ((Number) c.get("inserted")).longValue();
            long updated = ((Number) c.get("updated")).longValue();
            long unchanged = ((Number) c.get("unchanged")).longValue();
            long staged = inserted + updated + unchanged;
            if (inserted > 0) {
                s.execute(FactMergeSql.yearSources(batchId));
                long actually = s.executeUpdate(FactMergeSql.insertYears(inserted == staged));
                unchanged += inserted - actually;   // taken by a writer outside the merge lock meanwhile: not ours
                inserted = actually;
            }
            t.lap("insert years");
            if (warnings > 0) {
                // already stored by the statement above; count them and show the first ones
                jdbc.query("SELECT line_no, column_name, value, reason_zh, reason_en FROM import_rejection"
                        + " WHERE batch_id = ? AND severity = 'WARNING' AND line_no > 1 ORDER BY line_no LIMIT ?", rs -> {
                    pass.noted(new Rejection(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            Severity.WARNING));
                }, batchId, ImportReport.SAMPLE_LIMIT);
                pass.warnings += warnings - Math.min(storedWarnings, ImportReport.SAMPLE_LIMIT);
            }
            return new long[]{inserted, updated, unchanged};
        }
    }

    private long[] mergeRecognitions(PgStaging staging, long batchId, ImportOptions options, ImportPass pass, ImportScope scope)
            throws Exception {
        String stage = PgStaging.RECOGNITION_STAGE;
        List<Map<String, Object>> unknown = jdbc.queryForList("SELECT line_no, credit_code FROM " + stage + " s"
                + " WHERE NOT EXISTS (SELECT 1 FROM enterprise e WHERE e.credit_code = s.credit_code) ORDER BY line_no");
        for (Map<String, Object> u : unknown) {
            String code = (String) u.get("credit_code");
            pass.rejectedLate(new Rejection((Integer) u.get("line_no"), "credit_code", code,
                    "统一社会信用代码 " + code + " 对应的企业不存在（请先导入企业数据）",
                    "credit_code " + code + ": no such enterprise (import its yearly data first)", Severity.ERROR));
        }
        if (!unknown.isEmpty()) {
            staging.flushRejections();
            staging.drain();
            jdbc.update("DELETE FROM " + stage + " s WHERE NOT EXISTS (SELECT 1 FROM enterprise e WHERE e.credit_code = s.credit_code)");
        }
        if (scope.restricted()) rejectOutsideScope(scope, staging, pass, true);
        Map<String, Object> c = jdbc.queryForMap("WITH up AS (INSERT INTO recognition AS r (enterprise_id, kind, certificate_no,"
                + " issued_on, expires_on, issuer, source, batch_id) SELECT e.id, s.kind, s.certificate_no, s.issued_on, s.expires_on,"
                + " s.issuer, ?, ? FROM " + stage + " s JOIN enterprise e ON e.credit_code = s.credit_code"
                + " ON CONFLICT (enterprise_id, kind, certificate_no) DO UPDATE SET issued_on = EXCLUDED.issued_on,"
                + " expires_on = COALESCE(EXCLUDED.expires_on, r.expires_on), issuer = COALESCE(EXCLUDED.issuer, r.issuer),"
                + " source = EXCLUDED.source, batch_id = EXCLUDED.batch_id"
                + " WHERE r.issued_on IS DISTINCT FROM EXCLUDED.issued_on"
                + " OR (EXCLUDED.expires_on IS NOT NULL AND EXCLUDED.expires_on IS DISTINCT FROM r.expires_on)"
                + " OR (EXCLUDED.issuer IS NOT NULL AND EXCLUDED.issuer IS DISTINCT FROM r.issuer)"
                + " RETURNING (xmax = 0) AS inserted)"
                + " SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated,"
                + " (SELECT count(*) FROM " + stage + ") AS staged FROM up", options.source(), batchId);
        long inserted = ((Number) c.get("inserted")).longValue();
        long updated = ((Number) c.get("updated")).longValue();
        long staged = ((Number) c.get("staged")).longValue();
        return new long[]{inserted, updated, staged - inserted - updated};
    }

    private String unchangedMessage(Map<String, Object> earlier) {
        long previous = ((Number) earlier.get("id")).longValue();
        Object at = earlier.get("finished_at");
        String when = at instanceof java.sql.Timestamp ts
                ? WHEN.format(ts.toInstant().atZone(clock.getZone())) : at instanceof OffsetDateTime odt
                ? WHEN.format(odt.atZoneSameInstant(clock.getZone())) : String.valueOf(at);
        return "该文件已于 " + when + " 作为第 " + previous + " 批导入，未做任何更改 / already imported as batch "
                + previous + " on " + when + "; nothing was changed";
    }

    /** A concurrent upload of the same file committed first: this batch's work was rolled back, it changed nothing. */
    private ImportReport unchangedAfterAll(long batchId, String name, String sha, FileKind kind, ImportOptions options,
                                           Map<String, Object> earlier) {
        String msg = unchangedMessage(earlier);
        separateTx.executeWithoutResult(status -> {
            jdbc.update("DELETE FROM import_rejection WHERE batch_id = ?", batchId);
            jdbc.update("UPDATE import_batch SET status = 'UNCHANGED', finished_at = now(), message = ? WHERE id = ?", msg, batchId);
            record(options, "import.unchanged", batchId, name + ": " + msg);
        });
        return new ImportReport(batchId, Status.UNCHANGED, kind, name, sha, null, 0, 0, 0, 0, 0, 0, 0, List.of(), false, msg);
    }

    private ImportReport unchanged(String name, String sha, ImportOptions options, Map<String, Object> earlier) {
        long previous = ((Number) earlier.get("id")).longValue();
        String msg = unchangedMessage(earlier);
        Long id = tx.execute(status -> {
            Long batchId = jdbc.queryForObject("INSERT INTO import_batch (file_name, file_sha256, file_kind, source, status,"
                    + " started_by, finished_at, message, job_id) SELECT ?, ?, file_kind, ?, 'UNCHANGED', ?, now(), ?, ?"
                    + " FROM import_batch WHERE id = ? RETURNING id", Long.class, name, sha, options.source(), options.actor(), msg,
                    options.jobId(), previous);
            record(options, "import.unchanged", batchId, name + ": " + msg);
            return batchId;
        });
        String kind = jdbc.queryForObject("SELECT file_kind FROM import_batch WHERE id = ?", String.class, id);
        return new ImportReport(id, Status.UNCHANGED, FileKind.valueOf(kind), name, sha, null, 0, 0, 0, 0, 0, 0, 0,
                List.of(), false, msg);
    }

    private long failedBatch(String name, String sha, FileKind kind, ImportOptions options, String message) {
        return separateTx.execute(status -> {
            Long id = jdbc.queryForObject("INSERT INTO import_batch (file_name, file_sha256, file_kind, source, status, started_by,"
                            + " finished_at, message, job_id) VALUES (?, ?, ?, ?, 'FAILED', ?, now(), ?, ?) RETURNING id", Long.class,
                    name, sha, kind.name(), options.source(), options.actor(), "无法读取文件 / cannot read the file: " + message,
                    options.jobId());
            record(options, "import.failed", id, name + ": " + message);
            return id;
        });
    }

    private void markFailed(long batchId, ImportOptions options, String message) {
        separateTx.executeWithoutResult(status -> {
            // the rejections went with the rolled-back transaction; make sure none stay behind
            jdbc.update("DELETE FROM import_rejection WHERE batch_id = ?", batchId);
            jdbc.update("UPDATE import_batch SET status = 'FAILED', finished_at = now(), message = ? WHERE id = ?", message, batchId);
            record(options, "import.failed", batchId, message);
        });
    }

    private void markCancelled(long batchId, ImportOptions options, String by) {
        separateTx.executeWithoutResult(status -> {
            jdbc.update("DELETE FROM import_rejection WHERE batch_id = ?", batchId);
            jdbc.update("UPDATE import_batch SET status = 'CANCELLED', finished_at = now(), message = ? WHERE id = ?",
                    cancelledMessage(by), batchId);
            record(options, "import.cancelled", batchId, cancelledMessage(by));
        });
    }

    private static String cancelledMessage(String by) {
        return "导入已被 " + by + " 取消，未写入任何数据 / import cancelled by " + by + ", nothing was stored";
    }

    private static ImportReport cancelled(Long batchId, String name, String sha, FileKind kind, String by) {
        return new ImportReport(batchId, Status.CANCELLED, kind, name, sha, null, 0, 0, 0, 0, 0, 0, 0, List.of(), false,
                cancelledMessage(by));
    }

    private void record(ImportOptions options, String action, long batchId, String detail) {
        if (audit == null) return;
        AuditTrail trail = audit.getIfAvailable();
        if (trail != null) trail.record(options.actor(), action, "import_batch:" + batchId, detail, options.sourceIp());
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    /** Debug timings of the merge statements. */
    private static final class Timer {
        private final long batchId;
        private long last = System.nanoTime();

        Timer(long batchId) {
            this.batchId = batchId;
        }

        void lap(String what) {
            long now = System.nanoTime();
            if (log.isDebugEnabled()) log.debug("batch {}: {} took {} ms", batchId, what, (now - last) / 1_000_000);
            last = now;
        }
    }

    /** The same content was committed by another batch while this one ran. */
    private static final class AlreadyImported extends RuntimeException {
        final transient Map<String, Object> earlier;

        AlreadyImported(Map<String, Object> earlier) {
            super("already imported", null, false, false);
            this.earlier = earlier;
        }
    }

    /** Carries a checked exception out of the transaction callback so the transaction rolls back. */
    private static final class ImportFailure extends RuntimeException {
        ImportFailure(Exception cause) {
            super(cause);
        }
    }
}
