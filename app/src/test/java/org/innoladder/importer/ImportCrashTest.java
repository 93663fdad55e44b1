package org.innoladder.importer;

import org.innoladder.importer.internal.ImportRecovery;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * Issue 9, finding 3, and issue 10's jobs that survive, for real: the application in a JVM of its own on the embedded
 * PostgreSQL with a fixed data directory, killed with kill -9 (destroyForcibly) in the middle of a large import
 * started through the API, then started again on the same data directory. The batch and its persisted job end FAILED
 * with the reason and a finish time, the job's address answers with that state, the upload is gone, nothing of the
 * file is stored, and importing works again. Then the same with an evaluation run: killed while the job runs, after
 * the restart the job and the run are FAILED with the reason and no result of the run is stored.
 *
 * <p>The embedded PostgreSQL is a child process the killed JVM cannot stop: it keeps running, and the restarted
 * application connects to it (EmbeddedDatabaseConfiguration); this test stops it at the end.
 */
class ImportCrashTest {
    static final String USER = "crash-admin";
    static final String PASSWORD = "Crash@2026";

    @TempDir
    Path dir;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    int httpPort;
    int pgPort;

    @Test
    void aServerKilledMidImportLeavesAFailedBatchAndNoUploadOnceRestarted() throws Exception {
        httpPort = freePort();
        pgPort = freePort();
        Path data = dir.resolve("data");
        Path uploads = data.resolve("uploads");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "org.innoladder.cli.InnoLadder", "serve", "--server.port=" + httpPort, "--management.server.port=0",
                "--innoladder.database.embedded.data-dir=" + data.resolve("postgres"),
                "--innoladder.database.embedded.port=" + pgPort, "--innoladder.import.upload-dir=" + uploads,
                "--innoladder.demo.load-when-empty=false");
        Process first = null;
        Process second = null;
        Process third = null;
        try {
            first = start(command, dir.resolve("first.log"));
            awaitUp(first, dir.resolve("first.log"));
            createAdmin();
            String jobId = upload(largeFile());
            String view = awaitJob(jobId, v -> v.contains("\"batchId\":") && !v.contains("\"batchId\":null")
                    && !v.contains("\"rowsRead\":0,"));
            assertThat(view).contains("\"status\":\"RUNNING\"");
            long batchId = Long.parseLong(field(view, "batchId"));
            assertThat(uploadsOf(uploads, jobId)).as("the upload waits in the upload folder").hasSize(1);

            first.destroyForcibly();
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(state(batchId)).as("the killed process left its batch RUNNING").startsWith("RUNNING|false");

            second = start(command, dir.resolve("second.log"));
            awaitUp(second, dir.resolve("second.log"));
            String after = awaitJob(jobId, v -> !v.contains("\"status\":\"RUNNING\""));

            assertThat(field(after, "status")).isEqualTo("FAILED");
            assertThat(after).contains("\"done\":true", "服务重启时该导入仍在进行，已中止，未写入任何数据");
            assertThat(state(batchId)).isEqualTo("FAILED|true|" + ImportRecovery.ABANDONED);
            assertThat(count("SELECT count(*) FROM import_rejection WHERE batch_id = " + batchId)).isZero();
            assertThat(count("SELECT count(*) FROM enterprise WHERE name LIKE '常州崩溃测试%'")).isZero();
            assertThat(uploadsOf(uploads, jobId)).as("the upload of the dead process is gone").isEmpty();
            assertThat(text("SELECT status || '|' || (finished_at IS NOT NULL) || '|' || message FROM job WHERE id = " + jobId))
                    .as("the persisted job ends as its batch").isEqualTo("FAILED|true|" + ImportRecovery.ABANDONED);

            String again = upload(mediumFile());
            assertThat(field(awaitJob(again, v -> v.contains("\"done\":true")), "status")).isEqualTo("COMMITTED");

            // an evaluation run over the imported enterprises, killed while its job runs
            long runId = startEvaluation();
            long evaluationJob = Long.parseLong(text("SELECT id FROM job WHERE kind = 'evaluation' AND params ->> 'runId' = '" + runId + "'"));
            for (int i = 0; i < 600 && !text("SELECT status FROM job WHERE id = " + evaluationJob).equals("RUNNING"); i++) Thread.sleep(50);
            assertThat(text("SELECT status FROM job WHERE id = " + evaluationJob)).isEqualTo("RUNNING");
            Thread.sleep(300);
            second.destroyForcibly();
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(text("SELECT status FROM evaluation_run WHERE id = " + runId)).as("killed before the run ended").isEqualTo("RUNNING");

            third = start(command, dir.resolve("third.log"));
            awaitUp(third, dir.resolve("third.log"));
            assertThat(text("SELECT status || '|' || (finished_at IS NOT NULL) || '|' || message FROM job WHERE id = " + evaluationJob))
                    .startsWith("FAILED|true|服务重启时该评估仍在运行，已中止，未保存结果");
            assertThat(text("SELECT status || '|' || (finished_at IS NOT NULL) || '|' || message FROM evaluation_run WHERE id = " + runId))
                    .startsWith("FAILED|true|服务重启时该评估仍在运行，已中止，未保存结果");
            assertThat(count("SELECT count(*) FROM evaluation_result WHERE run_id = " + runId)).as("nothing half-stored").isZero();
            assertThat(count("SELECT count(*) FROM scheduled_tasks")).as("no execution left behind").isZero();
            HttpResponse<String> jobView = http.send(api("/api/v1/jobs/" + evaluationJob).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(jobView.body()).contains("\"status\":\"FAILED\"", "\"cancelUrl\":null");

            third.destroy();
            assertThat(third.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            for (Process p : new Process[] {first, second, third}) {
                if (p != null && p.isAlive()) p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            stopPostgres(data.resolve("postgres").resolve("postmaster.pid"));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static Process start(List<String> command, Path log) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    void awaitUp(Process process, Path log) throws Exception {
        for (int i = 0; i < 480; i++) {
            assertThat(process.isAlive()).as("the application stopped:%n%s", tail(log)).isTrue();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/login"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the application did not start:\n" + tail(log));
    }

    static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    Connection database() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort + "/postgres", "postgres", "postgres");
    }

    void createAdmin() throws Exception {
        try (Connection c = database(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO app_user (username, password_hash, display_name, role) VALUES (?, ?, '崩溃测试管理员', 'ADMIN')")) {
            ps.setString(1, USER);
            ps.setString(2, PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(PASSWORD));
            ps.executeUpdate();
        }
    }

    long count(String sql) throws Exception {
        try (Connection c = database(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    String text(String sql) throws Exception {
        try (Connection c = database(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    /** Starts an evaluation of every ruleset over the whole database; returns the run's id. */
    long startEvaluation() throws Exception {
        HttpResponse<String> r = http.send(api("/api/v1/evaluations").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"year\": 2024, \"rulesets\": [" + String.join(", ",
                        org.innoladder.rules.Rulesets.list().stream().map(i -> "\"" + i.ref() + "\"").toList()) + "]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return Long.parseLong(field(r.body(), "id"));
    }

    String state(long batchId) throws Exception {
        try (Connection c = database(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT status || '|' || (finished_at IS NOT NULL) || '|' || coalesce(message, '') FROM import_batch WHERE id = " + batchId)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** 200,000 rows: long enough to be killed while it reads. */
    Path largeFile() throws IOException {
        Path file = dir.resolve("crash.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("credit_code,name,region_code,founded_on,year,employees,tech_staff,sales_revenue\n");
            for (int i = 0; i < 200_000; i++) {
                w.write(ImportFiles.newCode() + ",常州崩溃测试" + i + "有限公司,320412100,2012-03-01,2024," + (50 + i % 100) + ","
                        + (i % 10 == 0 ? 500 : 10) + "," + (1_000_000 + i) + "\n");
            }
        }
        return file;
    }

    /** 60,000 enterprises, committed after the restart: the population of the evaluation killed next. */
    Path mediumFile() throws IOException {
        Path file = dir.resolve("after.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("credit_code,name,region_code,founded_on,year,employees,tech_staff,sales_revenue\n");
            for (int i = 0; i < 60_000; i++) {
                w.write(ImportFiles.newCode() + ",常州重启之后" + i + "有限公司,320412100,2012-03-01,2024," + (50 + i % 100) + ","
                        + (5 + i % 30) + "," + (1_000_000 + i * 10) + "\n");
            }
        }
        return file;
    }

    HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    String upload(Path file) throws Exception {
        String boundary = "----innoladder-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(api("/api/v1/imports").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return field(r.body(), "jobId");
    }

    String awaitJob(String jobId, java.util.function.Predicate<String> until) throws Exception {
        String body = null;
        for (int i = 0; i < 600; i++) {
            HttpResponse<String> r = http.send(api("/api/v1/imports/jobs/" + jobId).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            body = r.body();
            if (until.test(body)) return body;
            Thread.sleep(100);
        }
        throw new AssertionError("job " + jobId + " never got there: " + body);
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
        assertThat(m.find()).as("%s in %s", name, json).isTrue();
        return m.group(1);
    }

    static List<Path> uploadsOf(Path uploads, String jobId) throws IOException {
        if (!Files.isDirectory(uploads)) return List.of();
        try (Stream<Path> files = Files.walk(uploads)) {
            return new ArrayList<>(files.filter(p -> p.getFileName().toString().startsWith(jobId + ".")).toList());
        }
    }

    /** Stops the PostgreSQL server the killed JVM left running, and waits for it to go. */
    static void stopPostgres(Path pidFile) throws Exception {
        if (!Files.exists(pidFile)) return;
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        var handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) return;
        handle.get().destroy();
        try {
            handle.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            handle.get().destroyForcibly();
        }
    }
}
