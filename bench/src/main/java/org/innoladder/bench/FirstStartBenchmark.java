package org.innoladder.bench;

import static org.innoladder.bench.Measure.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The first demo start as a newcomer meets it: {@code java -jar <exec jar> serve} (what {@code ./innoladder serve} runs
 * once the jar is built) with an empty data directory, until the leaders' dashboard of 常州市 answers with figures.
 * Each jar given runs in turn, round after round, in a forked JVM with its own free ports and temporary directory, so
 * that builds can be compared in one run. Printed per start: seconds from launch to Spring started, demo data imported,
 * demo years evaluated (with points, snapshot), example policies matched, and the dashboard's first answer with figures.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.innoladder.bench.FirstStartBenchmark --runs 2 \
 *      before=/tmp/innoladder-before.jar after=app/target/innoladder-app-0.1.0-SNAPSHOT-exec.jar
 * </pre>
 */
public final class FirstStartBenchmark {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Log lines that end a phase, in order, with the phase's name. */
    private static final Map<String, String> PHASES = new LinkedHashMap<>();

    static {
        PHASES.put("Started InnoLadder", "Spring started");
        PHASES.put("Loaded the synthetic demo data set", "demo data imported");
        PHASES.put("Evaluated the demo years", "years evaluated");
        PHASES.put("example policies", "policies matched");
        PHASES.put("is serving", "serving");
    }

    private FirstStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Measure.option(args, "--runs", 1);
        Map<String, Path> jars = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq > 0 && !a.startsWith("--")) jars.put(a.substring(0, eq), Path.of(a.substring(eq + 1)));
        }
        if (jars.isEmpty()) throw new IllegalArgumentException("name at least one jar: label=path/to/innoladder-app-…-exec.jar");
        System.out.printf(Locale.ROOT, "%d processors, load average %.2f%n%n", Runtime.getRuntime().availableProcessors(), load());
        StringBuilder header = new StringBuilder("| run | build ");
        for (String p : PHASES.values()) header.append("| ").append(p).append(' ');
        System.out.println(header + "| dashboard with figures | load at the end |");
        System.out.println("|---".repeat(PHASES.size() + 4) + "|");
        for (int run = 1; run <= runs; run++) {
            for (Map.Entry<String, Path> jar : jars.entrySet()) {
                System.out.println(start(run, jar.getKey(), jar.getValue()));
            }
        }
    }

    private static String start(int run, String label, Path jar) throws Exception {
        Path dir = Files.createTempDirectory("innoladder-first-start");
        int pgPort = freePort(), httpPort = freePort();
        List<String> command = List.of("java", "-jar", jar.toAbsolutePath().toString(), "serve",
                "--innoladder.database.embedded.data-dir=" + dir.resolve("postgres"),
                "--innoladder.database.embedded.port=" + pgPort, "--server.port=" + httpPort, "--management.server.port=0",
                "--innoladder.import.upload-dir=" + dir.resolve("uploads"));
        long started = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        Map<String, Double> at = new LinkedHashMap<>();
        List<String> tail = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                tail.add(line);
                if (tail.size() > 40) tail.remove(0);
                for (Map.Entry<String, String> phase : PHASES.entrySet()) {
                    if (line.contains(phase.getKey()) && !at.containsKey(phase.getValue())) {
                        at.put(phase.getValue(), (System.nanoTime() - started) / 1e9);
                    }
                }
                if (at.containsKey("serving")) break;
            }
            if (!at.containsKey("serving")) throw new IllegalStateException(label + " did not start:\n" + String.join("\n", tail));
            double dashboard = dashboardWithFigures(httpPort, started);
            StringBuilder row = new StringBuilder("| " + run + " | " + label + " ");
            for (String phase : PHASES.values()) {
                Double s = at.get(phase);
                row.append(String.format(Locale.ROOT, "| %s ", s == null ? "—" : String.format(Locale.ROOT, "%.1f s", s)));
            }
            return row.append(String.format(Locale.ROOT, "| **%.1f s** | %.1f |", dashboard, load())).toString();
        } finally {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Seconds from launch until the leader's dashboard API answers with a region that holds recognised enterprises. */
    private static double dashboardWithFigures(int port, long started) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString("leader:Demo@2026".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/dashboard"))
                .header("Authorization", auth).timeout(Duration.ofSeconds(60)).GET().build();
        for (int attempt = 0; attempt < 120; attempt++) {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && figures(JSON.readTree(r.body())) > 0) return (System.nanoTime() - started) / 1e9;
            Thread.sleep(500);
        }
        throw new IllegalStateException("the dashboard showed no figures");
    }

    /** The sum of the figures the dashboard shows per tier. */
    private static long figures(JsonNode dashboard) {
        long sum = 0;
        for (JsonNode tier : dashboard.path("tiers")) {
            for (JsonNode v : tier) if (v.isNumber()) sum += v.asLong();
        }
        return sum;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
