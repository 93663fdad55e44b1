package org.innoladder.rules;

/**
 * A document a ruleset encodes. {@code trust} is the project's trust level for what was read from it:
 * official, secondary or open (see shared/standards/README.md).
 */
public record Reference(String document, String title, String clause, String trust) {
}
