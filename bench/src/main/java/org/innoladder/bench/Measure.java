package org.innoladder.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/** Command-line options, clocks and formatting shared by the command-line end-to-end benchmarks. */
final class Measure {
    private Measure() {
    }

    /** CPU time of this process on all cores: less sensitive than wall time to other load on a shared machine. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * CPU time of the PostgreSQL backend serving a connection ({@code /proc/<pid>/stat}, clock ticks of 10 ms): with
     * {@link #cpuNanos()}, the work a storage path costs whatever else runs on the machine.
     */
    static long backendCpuNanos(java.sql.Connection c) throws Exception {
        int pid;
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }

    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** {@code --name 1_000_000}, else {@code otherwise}. */
    static int option(String[] args, String name, int otherwise) {
        for (int k = 0; k + 1 < args.length; k++) if (args[k].equals(name)) return Integer.parseInt(args[k + 1].replace("_", ""));
        return otherwise;
    }

    static double secs(long from) {
        return (System.nanoTime() - from) / 1e9;
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%,.0f ms", nanos / 1e6);
    }
}
