package org.innoladder.resources.internal;

import org.springframework.modulith.NamedInterface;

/**
 * A registry row that cannot be kept: the field, the value and the rule it breaks, in both languages, and what kind
 * of problem it is (INVALID, NOT_FOUND: no such enterprise in the uploader's write scope, DUPLICATE).
 */
@NamedInterface("registry-file")
public final class RowError extends RuntimeException {
    private final String field;
    private final String value;
    private final String zh;
    private final String problem;

    public RowError(String field, String value, String zh, String en, String problem) {
        super(en);
        this.field = field;
        this.value = value;
        this.zh = zh;
        this.problem = problem;
    }

    RowProblem at(int line) {
        return new RowProblem(line, field, value, zh, getMessage(), problem);
    }
}
