package org.innoladder.resources.internal;

import org.springframework.modulith.NamedInterface;

/**
 * One rejected row of a registry file: line as the user sees it (header = 1), the field's key, the value, the rule in
 * both languages and the kind of problem (INVALID, NOT_FOUND, DUPLICATE).
 */
@NamedInterface("registry-file")
public record RowProblem(int line, String field, String value, String reasonZh, String reasonEn, String problem) {
}
