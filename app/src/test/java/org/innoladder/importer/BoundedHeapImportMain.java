package org.innoladder.importer;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Imports one file into an existing database without Spring, for running in a JVM with a small heap:
 * {@code java -Xmx128m … BoundedHeapImportMain JDBC_URL FILE}. Prints the report and the peak heap; exits 0
 * when the batch was committed.
 */
public final class BoundedHeapImportMain {
    private BoundedHeapImportMain() {
    }

    public static void main(String[] args) throws Exception {
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(args[0]);
            ds.setUsername("postgres");
            ds.setPassword("postgres");
            ds.setMaximumPoolSize(2);
            ImportService importer = new ImportService(ds, new DataSourceTransactionManager(ds), null);
            long start = System.nanoTime();
            ImportReport r = importer.importFile(Path.of(args[1]), null,
                    ImportOptions.everything("bench", "test"), new ImportProgress() {
                        @Override
                        public void rows(long rowsRead, long bytesRead, long bytesTotal) {
                        }

                        @Override
                        public void phase(String phase) {
                            System.out.println("phase " + phase + " at " + (System.nanoTime() - start) / 1_000_000 + " ms");
                        }
                    });
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
            }
            System.out.println("status=" + r.status() + " read=" + r.rowsRead() + " inserted=" + r.rowsInserted()
                    + " batch=" + r.batchId() + " peakHeapMB=" + peak / (1024 * 1024)
                    + " maxHeapMB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                    + " seconds=" + (System.nanoTime() - start) / 1_000_000_000.0);
            System.out.println(r.message());
            System.exit(r.status() == ImportReport.Status.COMMITTED ? 0 : 3);
        }
    }
}
