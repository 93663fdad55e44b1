package org.innoladder.rules.facts;

import java.util.List;

/** A validated row: its typed value when every rule holds, otherwise every error found in it. */
public record RowResult<T>(T value, List<FieldError> errors) {
    public RowResult {
        errors = List.copyOf(errors);
        if ((value == null) == errors.isEmpty()) {
            throw new IllegalArgumentException("a row is either valid or has errors");
        }
    }

    public static <T> RowResult<T> valid(T value) {
        return new RowResult<>(value, List.of());
    }

    public static <T> RowResult<T> invalid(List<FieldError> errors) {
        return new RowResult<>(null, errors);
    }

    public boolean isValid() {
        return value != null;
    }
}
