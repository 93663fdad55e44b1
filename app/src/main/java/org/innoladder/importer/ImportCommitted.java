package org.innoladder.importer;

/**
 * Published inside the import's transaction just before it commits, so that figures derived from the imported
 * tables (the ladder snapshot) change in the same transaction as the data.
 */
public record ImportCommitted(long batchId, FileKind kind) {
}
