package org.innoladder.enterprise.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.FactRow;

/**
 * Maps {@code enterprise} + {@code enterprise_year} rows to {@link FactRow}s: every data-dictionary column is a
 * database column of the same name (enterprise-level ones on {@code e}, yearly ones on {@code y}).
 */
public final class FactRowsSql {
    private FactRowsSql() {
    }

    /** The select list: e.id as enterprise_id, then one column per {@link Column}, in enum order. */
    public static String selectList() {
        return "e.id AS enterprise_id, " + Arrays.stream(Column.values())
                .map(c -> (c.level() == Column.Level.ENTERPRISE ? "e." : "y.") + c.key())
                .collect(Collectors.joining(", "));
    }

    /** The fact row of the current result set row (unknown values stay absent, never zero). */
    public static FactRow read(ResultSet rs) throws SQLException {
        FactRow.Builder b = FactRow.builder();
        Column[] columns = Column.values();
        for (int i = 0; i < columns.length; i++) {
            Column c = columns[i];
            int index = i + 2;
            Object v = switch (c.type()) {
                case TEXT -> rs.getString(index);
                case INT -> {
                    int x = rs.getInt(index);
                    yield rs.wasNull() ? null : x;
                }
                case MONEY -> {
                    BigDecimal d = rs.getBigDecimal(index);
                    yield d;
                }
                case BOOL -> {
                    boolean x = rs.getBoolean(index);
                    yield rs.wasNull() ? null : x;
                }
                case DATE -> {
                    Date d = rs.getDate(index);
                    yield d == null ? null : d.toLocalDate();
                }
            };
            b.set(c, v);
        }
        return b.build();
    }
}
