package org.innoladder.enterprise.internal;

import java.time.OffsetDateTime;

/** Enough of an import batch to say where a value came from. */
public record ImportBatchRef(long id, String fileName, String source, OffsetDateTime finishedAt) {
}
