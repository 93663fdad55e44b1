package org.innoladder.importer.internal;

import org.innoladder.importer.FileKind;
import org.innoladder.importer.ImportProgress;
import org.innoladder.importer.ImportReport;
import org.innoladder.importer.Rejection;
import org.innoladder.importer.TableReader;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.innoladder.rules.facts.Cells;
import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.facts.FieldError;
import org.innoladder.rules.facts.HeaderMatch;
import org.innoladder.rules.facts.Recognition;
import org.innoladder.rules.facts.RecognitionColumn;
import org.innoladder.rules.facts.RecognitionValidator;
import org.innoladder.rules.facts.RowResult;
import org.innoladder.rules.facts.RowValidator;
import org.innoladder.importer.Rejection.Severity;

/**
 * One pass over a file: every row validated, valid rows handed to the staging (the database COPY, or
 * nothing for a dry run), every problem reported. Duplicate keys within the file reject both rows.
 * Memory stays bounded: rows are not kept, only a compact key table and the first problems.
 */
public final class ImportPass {
    private static final int PROGRESS_EVERY = 1000;

    /** Where valid rows and problems go. */
    public interface Staging {
        void fact(int line, FactRow row) throws Exception;

        void recognition(int line, Recognition row) throws Exception;

        /** A row staged earlier turned out to be a duplicate: it must not be imported. */
        void withdraw(int line) throws Exception;

        void store(Rejection rejection) throws Exception;
    }

    public static final Staging NOTHING = new Staging() {
        @Override
        public void fact(int line, FactRow row) { }

        @Override
        public void recognition(int line, Recognition row) { }

        @Override
        public void withdraw(int line) { }

        @Override
        public void store(Rejection rejection) { }
    };

    private final TableReader reader;
    private final FileKind kind;
    private final RowValidator factValidator;
    private final RecognitionValidator recognitionValidator;
    private final Staging staging;
    private final Consumer<Rejection> sink;
    private final ImportProgress progress;
    private final ImportScope scope;
    private final ImportSettings.Limits limits;

    public long rowsRead;
    public long rowsValid;
    public long rowsRejected;
    public long warnings;
    public final List<Rejection> sample = new ArrayList<>();
    public boolean truncated;

    public ImportPass(TableReader reader, FileKind kind, RowValidator factValidator, RecognitionValidator recognitionValidator,
               Staging staging, Consumer<Rejection> sink, ImportProgress progress, ImportScope scope,
               ImportSettings.Limits limits) {
        this.scope = scope;
        this.limits = limits;
        this.reader = reader;
        this.kind = kind;
        this.factValidator = factValidator;
        this.recognitionValidator = recognitionValidator;
        this.staging = staging;
        this.sink = sink;
        this.progress = progress;
    }

    /** Header warnings (unknown columns), reported on line 1. */
    public void headerWarnings(HeaderMatch<?> match) throws Exception {
        for (FieldError w : match.warnings()) {
            emit(new Rejection(1, null, w.value(), w.reasonZh(), w.reasonEn(), Severity.WARNING));
        }
    }

    public void run(HeaderMatch<?> match) throws Exception {
        int width = kind == FileKind.ENTERPRISE_YEAR ? Column.values().length : RecognitionColumn.values().length;
        int[] target = new int[match.columns().size()];
        for (int i = 0; i < target.length; i++) {
            Object c = match.columns().get(i);
            target[i] = c == null ? -1 : ((Enum<?>) c).ordinal();
        }
        LineKeys factKeys = new LineKeys();
        Map<String, Integer> recognitionKeys = new HashMap<>();
        TableReader.RawRow raw;
        long rowsSeen = 0;
        while ((raw = reader.next()) != null) {
            if (++rowsSeen > limits.maxRows()) throw tooManyRows();
            if (rowsSeen % PROGRESS_EVERY == 0) ImportCancelled.check(progress);
            if (raw.blank()) continue;
            rowsRead++;
            Object[] cells = new Object[width];
            Object[] in = raw.cells();
            for (int i = 0; i < in.length && i < target.length; i++) {
                if (target[i] >= 0) cells[target[i]] = in[i];
            }
            if (tooLong(raw, target)) {
                // the row was not read whole: rejected without validating what was kept of it
            } else if (kind == FileKind.ENTERPRISE_YEAR) {
                RowResult<FactRow> r = factValidator.validate(cells);
                if (!r.isValid()) {
                    reject(raw.line(), r.errors());
                } else if (!scope.allows(r.value().text(Column.REGION_CODE))) {
                    rowsRejected++;
                    emit(scope.regionOutside(raw.line(), r.value().text(Column.REGION_CODE)));
                } else {
                    FactRow row = r.value();
                    int first = factKeys.putIfAbsent(row.creditCode(), row.year(), raw.line());
                    if (first == 0) {
                        rowsValid++;
                        staging.fact(raw.line(), row);
                    } else {
                        duplicate(first, raw.line(), "统一社会信用代码 " + row.creditCode() + " 年度 " + row.year(),
                                "credit_code " + row.creditCode() + " and year " + row.year(), row.creditCode());
                    }
                }
            } else {
                RowResult<Recognition> r = recognitionValidator.validate(cells);
                if (!r.isValid()) {
                    reject(raw.line(), r.errors());
                } else {
                    Recognition row = r.value();
                    String key = row.creditCode() + '\u0000' + row.kind() + '\u0000' + row.certificateNo();
                    Integer first = recognitionKeys.putIfAbsent(key, raw.line());
                    if (first == null) {
                        rowsValid++;
                        staging.recognition(raw.line(), row);
                    } else {
                        duplicate(first, raw.line(),
                                "统一社会信用代码 " + row.creditCode() + " 类别 " + row.kind() + " 证书编号 " + row.certificateNo(),
                                "credit_code " + row.creditCode() + ", kind " + row.kind() + " and certificate_no " + row.certificateNo(),
                                row.creditCode());
                    }
                }
            }
            if (rowsRead % PROGRESS_EVERY == 0) progress.rows(rowsRead, reader.bytesRead(), reader.bytesTotal());
        }
        progress.rows(rowsRead, reader.bytesRead() < 0 ? -1 : reader.bytesTotal(), reader.bytesTotal());
    }

    private ImportLimitExceeded tooManyRows() {
        String limit = ImportLimitExceeded.limit("max-rows", limits.maxRows());
        return new ImportLimitExceeded("文件超过行数上限（" + limit + " 行），未导入任何数据",
                "the file has more rows than the limit (" + limit + "); nothing was imported");
    }

    /**
     * Rejects a row that was longer than the line limit, or whose imported column held a cell longer than the cell
     * limit (the reader kept only the beginning of such cells; cut cells of ignored columns do not matter).
     */
    private boolean tooLong(TableReader.RawRow raw, int[] target) throws Exception {
        BitSet cut = raw.cutCells();
        for (int i = cut == null ? -1 : cut.nextSetBit(0); i >= 0 && i < target.length; i = cut.nextSetBit(i + 1)) {
            if (target[i] < 0) continue;
            boolean facts = kind == FileKind.ENTERPRISE_YEAR;
            String key = facts ? Column.values()[target[i]].key() : RecognitionColumn.values()[target[i]].key();
            String zh = facts ? Column.values()[target[i]].headerZh() : RecognitionColumn.values()[target[i]].headerZh();
            String limit = ImportLimitExceeded.limit("max-cell-chars", limits.maxCellChars());
            rowsRejected++;
            emit(new Rejection(raw.line(), key, Cells.preview(String.valueOf(raw.cells()[i])),
                    zh + "超过单元格长度上限（" + limit + " 个字符），未读取该单元格",
                    key + " is longer than the cell limit (" + limit + " characters); the cell was not read", Severity.ERROR));
            return true;
        }
        if (raw.cutLine()) {
            String limit = ImportLimitExceeded.limit("max-line-chars", limits.maxLineChars());
            rowsRejected++;
            emit(new Rejection(raw.line(), null, null, "第 " + raw.line() + " 行超过行长度上限（" + limit + " 个字符），未读取该行",
                    "line " + raw.line() + " is longer than the limit (" + limit + " characters); it was not read", Severity.ERROR));
            return true;
        }
        return false;
    }

    // A key may repeat more than twice: the first row is withdrawn once, each later one names the first.
    private final java.util.BitSet withdrawn = new java.util.BitSet();

    private void duplicate(int first, int line, String keyZh, String keyEn, String code) throws Exception {
        if (!withdrawn.get(first)) {
            withdrawn.set(first);
            staging.withdraw(first);
            rowsValid--;
            rowsRejected++;
            emit(new Rejection(first, "credit_code", code, keyZh + " 与第 " + line + " 行重复",
                    keyEn + " duplicate line " + line, Severity.ERROR));
        }
        rowsRejected++;
        emit(new Rejection(line, "credit_code", code, keyZh + " 与第 " + first + " 行重复",
                keyEn + " duplicate line " + first, Severity.ERROR));
    }

    private void reject(int line, List<FieldError> errors) throws Exception {
        rowsRejected++;
        for (FieldError e : errors) {
            emit(new Rejection(line, e.column(), e.value(), e.reasonZh(), e.reasonEn(), Severity.ERROR));
        }
    }

    /** Reports a problem: to the caller's sink, the sample kept for the report, and the staging (database). */
    void emit(Rejection r) throws Exception {
        if (r.severity() == Severity.WARNING) warnings++;
        if (sample.size() < ImportReport.SAMPLE_LIMIT) {
            sample.add(r);
        } else {
            truncated = true;
        }
        sink.accept(r);
        staging.store(r);
    }

    /** A problem already stored by SQL: shown in the report and given to the caller's sink, not stored again. */
    public void noted(Rejection r) {
        if (r.severity() == Severity.WARNING) warnings++;
        if (sample.size() < ImportReport.SAMPLE_LIMIT) {
            sample.add(r);
        } else {
            truncated = true;
        }
        sink.accept(r);
    }

    /** A row that passed validation was rejected later (its enterprise is unknown): recount it. */
    public void rejectedLate(Rejection r) throws Exception {
        rowsValid--;
        rowsRejected++;
        emit(r);
    }
}
