package org.innoladder.spark;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.facts.RowResult;
import org.innoladder.rules.facts.RowValidator;

/**
 * The valid rows of one task's enterprises: each file row validated as the importer validates it, and a credit code
 * with two rows for one year rejected in both, since which one is right cannot be told. The task must hold every row
 * of its enterprises (the file spread by credit code), so that duplicates meet.
 */
final class EnterpriseRows {
    private EnterpriseRows() {
    }

    /** The rows, by credit code and year; {@code rejected} counts the rows left out. */
    static Map<String, FactRow> read(Iterator<Row> rows, FactCells cells, LongAccumulator rejected) {
        RowValidator validator = cells.validator();
        Map<String, FactRow> byKey = new HashMap<>();
        Map<String, Integer> duplicated = new HashMap<>();
        while (rows.hasNext()) {
            RowResult<FactRow> r = cells.validate(validator, cellsOf(rows.next()));
            if (!r.isValid()) {
                rejected.add(1);
                continue;
            }
            String k = key(r.value().creditCode(), r.value().year());
            if (byKey.putIfAbsent(k, r.value()) != null) duplicated.merge(k, 2, (a, b) -> a + 1);
        }
        for (Map.Entry<String, Integer> d : duplicated.entrySet()) {
            byKey.remove(d.getKey());
            rejected.add(d.getValue());
        }
        return byKey;
    }

    static String key(String creditCode, int year) {
        return creditCode + "/" + year;
    }

    /** The row's cells in file order (a joined row's extra columns after them are ignored by the validator). */
    static Object[] cellsOf(Row row) {
        Object[] cells = new Object[row.length()];
        for (int i = 0; i < cells.length; i++) cells[i] = row.get(i);
        return cells;
    }

}
