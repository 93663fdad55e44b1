package org.innoladder.generator.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.FactRow;

/** The text of a fact row's cells as files carry them: ISO dates, plain decimals, empty for unknown. */
public final class CellText {
    private CellText() {
    }

    /** {@code chinese}: booleans as 是/否 (files with Chinese headers), else true/false. */
    public static List<String> cells(FactRow row, boolean chinese) {
        List<String> cells = new ArrayList<>(Column.values().length);
        for (Column c : Column.values()) {
            Object v = row.get(c);
            String text;
            if (v == null) text = "";
            else if (v instanceof BigDecimal d) text = d.toPlainString();
            else if (v instanceof Boolean b) text = chinese ? (b ? "是" : "否") : b.toString();
            else if (v instanceof LocalDate d) text = d.toString();
            else text = v.toString();
            cells.add(text);
        }
        return cells;
    }
}
