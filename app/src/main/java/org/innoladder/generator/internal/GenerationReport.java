package org.innoladder.generator.internal;

import org.innoladder.generator.SyntheticData;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a writer wrote: data rows, the enterprises they belong to, and how many rows of each {@link ErrorKind}
 * replaced valid ones (all zero without {@code --with-errors}).
 */
public record GenerationReport(long rows, long enterprises, Map<ErrorKind, Long> errors) {

    public long errorRows() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The per-kind summary {@code generate} prints to stderr. */
    public void printErrors(PrintStream to) {
        to.printf("invalid rows: %d of %d (one in every %d), by kind:%n", errorRows(), rows, SyntheticData.ERROR_EVERY);
        for (Map.Entry<ErrorKind, Long> e : errors.entrySet()) {
            to.printf("  %-34s %6d  %s%n", e.getKey().name(), e.getValue(), e.getKey().en());
        }
    }

    static final class Counter {
        private long rows;
        private final EnumMap<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);

        Counter(boolean withErrors) {
            if (withErrors) for (ErrorKind k : ErrorKind.values()) errors.put(k, 0L);
        }

        void add(OutputRow row) {
            rows++;
            if (!row.valid()) errors.merge(row.error(), 1L, Long::sum);
        }

        GenerationReport report(long enterprises) {
            return new GenerationReport(rows, enterprises, java.util.Collections.unmodifiableMap(new EnumMap<>(errors)));
        }
    }
}
