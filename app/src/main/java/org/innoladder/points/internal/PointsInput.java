package org.innoladder.points.internal;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.facts.FieldError;
import org.innoladder.rules.facts.HeaderMatch;
import org.innoladder.rules.facts.RowResult;
import org.innoladder.rules.facts.RowValidator;
import org.innoladder.importer.FileKind;
import org.innoladder.importer.TableReader;
import org.innoladder.importer.UnreadableFileException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the enterprise-year rows a points run needs (years Y−2..Y) from a CSV or XLSX file with the
 * importer's readers and the data-dictionary row validator, without a database. A row that fails validation
 * is reported on stderr with its line and every error, and skipped; a second row for the same credit code
 * and year is reported and skipped (the first one counts, as in the importer).
 */
final class PointsInput {
    private PointsInput() {
    }

    /** The valid rows and how many were rejected. */
    record Rows(List<FactRow> rows, int read, int rejected) {
    }

    static Rows read(Path file, int year, Clock clock, PrintStream err) throws UnreadableFileException, IOException {
        try (TableReader reader = TableReader.open(file, null)) {
            if (FileKind.detect(reader.header()) == FileKind.RECOGNITION) {
                throw new UnreadableFileException("该文件是资质证书文件，不是企业年度数据：" + file,
                        "the file holds recognitions (certificates), not enterprise-year data: " + file);
            }
            HeaderMatch<Column> match = HeaderMatch.ofFacts(reader.header());
            if (!match.readable()) {
                throw new UnreadableFileException(match.problem().reasonZh() + "：" + file, match.problem().reasonEn() + ": " + file);
            }
            for (FieldError w : match.warnings()) err.println(file + " line 1: " + w.reason());
            int[] target = new int[match.columns().size()];
            for (int i = 0; i < target.length; i++) {
                Column c = match.columns().get(i);
                target[i] = c == null ? -1 : c.ordinal();
            }
            RowValidator validator = new RowValidator(clock);
            Map<String, Integer> firstLine = new HashMap<>();
            List<FactRow> rows = new ArrayList<>();
            int read = 0, rejected = 0;
            TableReader.RawRow raw;
            while ((raw = reader.next()) != null) {
                if (raw.blank()) continue;
                read++;
                Object[] cells = new Object[Column.values().length];
                Object[] in = raw.cells();
                for (int i = 0; i < in.length && i < target.length; i++) {
                    if (target[i] >= 0) cells[target[i]] = in[i];
                }
                RowResult<FactRow> r = validator.validate(cells);
                if (!r.isValid()) {
                    rejected++;
                    err.println(file + " line " + raw.line() + ": skipped: "
                            + r.errors().stream().map(FieldError::reason).collect(Collectors.joining("; ")));
                    continue;
                }
                FactRow row = r.value();
                Integer first = firstLine.putIfAbsent(row.creditCode() + '/' + row.year(), raw.line());
                if (first != null) {
                    rejected++;
                    err.println(file + " line " + raw.line() + ": skipped: 统一社会信用代码 " + row.creditCode() + " 年度 "
                            + row.year() + " 与第" + first + "行重复 / credit_code " + row.creditCode() + " and year "
                            + row.year() + " repeat line " + first);
                    continue;
                }
                if (row.year() <= year && row.year() >= year - 2) rows.add(row);
            }
            return new Rows(rows, read, rejected);
        }
    }
}
