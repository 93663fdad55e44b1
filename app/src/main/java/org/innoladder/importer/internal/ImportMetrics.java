package org.innoladder.importer.internal;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.innoladder.importer.ImportReport;

/**
 * What imports into the database did (dry runs are not counted): files by outcome, how long they took, and the rows
 * accepted (stored) and rejected of committed files, by file kind. Names and tags in docs/monitoring.md.
 */
public final class ImportMetrics {
    private final MeterRegistry meters;

    public ImportMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public void record(ImportReport report, long nanos) {
        String kind = report.kind() == null ? "unknown" : report.kind().name();
        String status = report.status().name();
        Timer.builder("innoladder.import.duration").description("Time an import into the database took")
                .tag("kind", kind).tag("status", status).register(meters).record(nanos, TimeUnit.NANOSECONDS);
        if (report.status() != ImportReport.Status.COMMITTED) return;
        rows(kind, "accepted").increment(report.rowsValid());
        rows(kind, "rejected").increment(report.rowsRejected());
    }

    private Counter rows(String kind, String outcome) {
        return Counter.builder("innoladder.import.rows").description("Rows of committed imports, accepted or rejected")
                .tag("kind", kind).tag("outcome", outcome).register(meters);
    }
}
