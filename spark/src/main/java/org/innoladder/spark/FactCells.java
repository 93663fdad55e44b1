package org.innoladder.spark;

import java.io.Serializable;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.FieldError;
import org.innoladder.rules.facts.HeaderMatch;
import org.innoladder.rules.facts.RowResult;
import org.innoladder.rules.facts.RowValidator;
import org.innoladder.rules.facts.FactRow;

/**
 * The cells of a data-dictionary file's row, by header as the importer matches them (Chinese or English headers,
 * any order), turned into a {@link FactRow} by the data dictionary's validator. Serializable: Spark ships it to
 * every executor.
 */
public final class FactCells implements Serializable {
    private final int[] ordinalOfPosition;
    private final int creditCodePosition;
    private final String zone;

    private FactCells(int[] ordinalOfPosition, int creditCodePosition, String zone) {
        this.ordinalOfPosition = ordinalOfPosition;
        this.creditCodePosition = creditCodePosition;
        this.zone = zone;
    }

    /**
     * @param zone the zone whose "today" bounds dates and years (the platform runs in Asia/Shanghai)
     * @throws IllegalArgumentException naming the problem when the headers are not an enterprise-year file
     */
    public static FactCells of(List<String> headers, String zone) {
        HeaderMatch<Column> match = HeaderMatch.ofFacts(headers);
        if (!match.readable()) {
            FieldError p = match.problem();
            throw new IllegalArgumentException("not an enterprise-year file: " + p.reasonEn() + " / " + p.reasonZh());
        }
        int[] ordinals = new int[headers.size()];
        for (int i = 0; i < ordinals.length; i++) {
            Column c = match.columns().get(i);
            ordinals[i] = c == null ? -1 : c.ordinal();
        }
        return new FactCells(ordinals, match.indexOf(Column.CREDIT_CODE), zone);
    }

    /** The position of the credit code among the file's columns: the key rows are grouped by. */
    public int creditCodePosition() {
        return creditCodePosition;
    }

    public RowValidator validator() {
        return new RowValidator(Clock.system(ZoneId.of(zone)));
    }

    /** The row's cells (in file order) validated; an invalid row's errors name each field, value and rule. */
    public RowResult<FactRow> validate(RowValidator validator, Object[] fileCells) {
        Object[] byOrdinal = new Object[Column.values().length];
        for (int i = 0; i < fileCells.length && i < ordinalOfPosition.length; i++) {
            if (ordinalOfPosition[i] >= 0) byOrdinal[ordinalOfPosition[i]] = fileCells[i];
        }
        return validator.validate(byOrdinal);
    }
}
