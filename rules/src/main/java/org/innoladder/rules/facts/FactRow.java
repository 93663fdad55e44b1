package org.innoladder.rules.facts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * One enterprise in one accounting year: the typed values of the data-dictionary columns that are known.
 * A column that is absent is unknown — never zero. Values are {@link String}, {@link Integer},
 * {@link BigDecimal}, {@link Boolean} or {@link LocalDate} according to the column's {@link ColumnType}.
 */
public final class FactRow {
    private final EnumMap<Column, Object> values;

    private FactRow(EnumMap<Column, Object> values) {
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Object get(Column column) { return values.get(column); }

    public boolean has(Column column) { return values.containsKey(column); }

    public String text(Column column) { return (String) values.get(column); }

    public Integer integer(Column column) { return (Integer) values.get(column); }

    public BigDecimal money(Column column) { return (BigDecimal) values.get(column); }

    public Boolean bool(Column column) { return (Boolean) values.get(column); }

    public LocalDate date(Column column) { return (LocalDate) values.get(column); }

    public String creditCode() { return text(Column.CREDIT_CODE); }

    public String name() { return text(Column.NAME); }

    public int year() { return integer(Column.YEAR); }

    /** The known columns, in data-dictionary order. */
    public Set<Column> columns() { return Collections.unmodifiableSet(values.keySet()); }

    public Map<Column, Object> asMap() { return Collections.unmodifiableMap(values); }

    @Override
    public boolean equals(Object o) {
        return o instanceof FactRow other && values.equals(other.values);
    }

    @Override
    public int hashCode() { return values.hashCode(); }

    @Override
    public String toString() { return "FactRow" + values; }

    public static final class Builder {
        private final EnumMap<Column, Object> values = new EnumMap<>(Column.class);

        /** Sets a value of the column's Java type; null removes it (unknown). */
        public Builder set(Column column, Object value) {
            if (value == null) {
                values.remove(column);
                return this;
            }
            Class<?> expected = switch (column.type()) {
                case TEXT -> String.class;
                case INT -> Integer.class;
                case MONEY -> BigDecimal.class;
                case BOOL -> Boolean.class;
                case DATE -> LocalDate.class;
            };
            if (!expected.isInstance(value)) {
                throw new IllegalArgumentException(column.key() + " takes " + expected.getSimpleName()
                        + ", not " + value.getClass().getSimpleName());
            }
            values.put(column, value);
            return this;
        }

        public FactRow build() {
            return new FactRow(new EnumMap<>(values));
        }
    }
}
