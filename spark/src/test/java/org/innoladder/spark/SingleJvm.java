package org.innoladder.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.facts.RowResult;

/**
 * The single-JVM reading of a whole file, the reference the Spark runs are compared with: every row validated, and a
 * credit code with two rows for one year left out in both (both paths reject such rows; the importer would report
 * the second).
 */
final class SingleJvm {
    private SingleJvm() {
    }

    record Valid(List<FactRow> rows, long rejected) {
    }

    static Valid read(List<Row> fileRows, List<String> headers) {
        FactCells cells = FactCells.of(headers, "Asia/Shanghai");
        var validator = cells.validator();
        long rejected = 0;
        Map<String, List<FactRow>> byKey = new HashMap<>();
        for (Row row : fileRows) {
            Object[] fileCells = new Object[row.length()];
            for (int i = 0; i < fileCells.length; i++) fileCells[i] = row.get(i);
            RowResult<FactRow> r = cells.validate(validator, fileCells);
            if (r.isValid()) byKey.computeIfAbsent(r.value().creditCode() + "/" + r.value().year(), k -> new ArrayList<>()).add(r.value());
            else rejected++;
        }
        List<FactRow> valid = new ArrayList<>();
        for (List<FactRow> same : byKey.values()) {
            if (same.size() == 1) valid.add(same.get(0));
            else rejected += same.size();
        }
        return new Valid(valid, rejected);
    }
}
