package org.innoladder.generator.internal;

import java.util.List;

import org.innoladder.rules.facts.Column;

/**
 * One data row as written to a file: the text of every column in {@link Column#values()} order (empty = unknown)
 * and, for a row that {@code --with-errors} made invalid, the {@link ErrorKind} it breaks.
 *
 * @param index 0-based position among the data rows (the file's line is index + 2 under a header)
 */
public record OutputRow(long index, List<String> cells, ErrorKind error) {

    public String cell(Column column) {
        return cells.get(column.ordinal());
    }

    public boolean valid() {
        return error == null;
    }
}
