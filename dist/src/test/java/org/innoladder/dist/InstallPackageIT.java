package org.innoladder.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

/**
 * Installs the package this module built with {@code dpkg -i}, reinstalls it over a changed configuration, runs its
 * systemd unit on the embedded database, backs up through the installed launcher (as the service user), moves to an
 * external PostgreSQL configured in {@code /etc/innoladder} (restore through the launcher, the unit started on it),
 * and purges it — leaving nothing on the machine. It needs root and dpkg (CI has both) and is skipped with the reason
 * elsewhere. Where systemd is not PID 1 (a container), the unit's own {@code ExecStart} runs as its {@code User} in
 * its {@code WorkingDirectory}, so the installed unit is what runs.
 */
class InstallPackageIT {
    private static final String PACKAGE = "innoladder";
    private static final Path UNIT = Path.of("/lib/systemd/system/innoladder.service");
    private static final Path CONFIG = Path.of("/etc/innoladder/application.yml");
    private static final Path DATA = Path.of("/var/lib/innoladder");
    private static final Path LAUNCHER = Path.of("/usr/bin/innoladder");
    private static final Path LOGS = Path.of("target/install-it");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void installsStartsBacksUpKeepsAChangedConfigurationAndPurgesWithoutTrace() throws Exception {
        runsOnlyIf("root".equals(System.getProperty("user.name")), "installing a package needs root (CI runs as root)");
        runsOnlyIf(Files.isExecutable(Path.of("/usr/bin/dpkg")), "no dpkg on this machine");
        runsOnlyIf(!installed(), "innoladder is already installed here and is left alone");
        runsOnlyIf(run("getent", "passwd", PACKAGE).status() != 0, "a user 'innoladder' exists that this test did not create");
        Path deb = builtPackage();
        Files.createDirectories(LOGS);
        long started = System.nanoTime();
        Service service = null;
        EmbeddedPostgres external = null;
        try {
            Result install = run("dpkg", "-i", deb.toString());
            assertThat(install.status()).as("dpkg -i: %s", install.output()).isZero();
            assertInstalledLayout();
            phase("installed", started);

            int httpPort = freePort();
            int pgPort = freePort();
            String shipped = Files.readString(CONFIG);
            String changed = shipped.replace("port: 8080", "port: " + httpPort)
                    .replace("port: 54329", "port: " + pgPort)
                    .replace("load-when-empty: true", "load-when-empty: false");
            assertThat(changed).as("the shipped configuration names the ports and the demo switch").isNotEqualTo(shipped);
            Files.writeString(CONFIG, changed);
            // the JVM options file is read by the launcher: a quick start (C1 only) keeps this test short
            Path environment = Path.of("/etc/innoladder/environment");
            String jvm = Files.readString(environment).replace("INNOLADDER_JAVA_OPTS=\"-Xmx2g\"",
                    "INNOLADDER_JAVA_OPTS=\"-Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC\"");
            assertThat(jvm).contains("TieredStopAtLevel");
            Files.writeString(environment, jvm);
            Result reinstall = run("dpkg", "-i", deb.toString());
            assertThat(reinstall.status()).as("dpkg -i again: %s", reinstall.output()).isZero();
            assertThat(Files.readString(CONFIG)).as("a changed conffile survives a reinstall").isEqualTo(changed);
            assertThat(Files.readString(environment)).isEqualTo(jvm);
            assertThat(Path.of(CONFIG + ".dpkg-dist")).doesNotExist();
            phase("reinstalled", started);

            service = Service.start(LOGS.resolve("service.log"));
            awaitHealthUp(httpPort, service);
            phase("health UP", started);
            assertOwned(DATA.resolve("postgres"), "innoladder", "innoladder");
            assertThat(DATA.resolve("postgres/PG_VERSION")).content().startsWith("17");
            assertRedirectFollowsTheProxy(httpPort);

            Result backup = run(LAUNCHER.toString(), "backup", "--out", DATA.resolve("backups/it.zip").toString());
            assertThat(backup.status()).as("innoladder backup: %s", backup.output()).isZero();
            assertThat(backup.output()).contains("backup written");
            assertOwned(DATA.resolve("backups/it.zip"), "innoladder", "innoladder");
            phase("backup through the launcher", started);

            assertThat(service.stop()).as("the service stops on SIGTERM within 90 s").isTrue();
            assertThat(service.tail()).as("the application shut down before its embedded database")
                    .doesNotContain("terminating connection due to administrator command");
            service = null;
            phase("stopped", started);

            // the same installation moved to an external PostgreSQL: configured in the conffile as the README says,
            // the embedded database's backup restored into it through the launcher, the service started on it
            external = EmbeddedPostgres.builder().start();
            String url = "jdbc:postgresql://localhost:" + external.getPort() + "/innoladder";
            try (Connection c = external.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE innoladder LOGIN PASSWORD 'it-secret'");
                s.execute("CREATE DATABASE innoladder OWNER innoladder");
            }
            String withExternal = changed.replace("#spring:\n#  datasource:\n", "spring:\n  datasource:\n")
                    .replace("#    url: jdbc:postgresql://db.example:5432/innoladder", "    url: " + url)
                    .replace("#    username: innoladder", "    username: innoladder")
                    .replace("#    password: change-me", "    password: it-secret");
            assertThat(withExternal).as("the shipped configuration shows the external database's properties").contains(url, "it-secret");
            Files.writeString(CONFIG, withExternal);
            Result restore = run(LAUNCHER.toString(), "restore", "--in", DATA.resolve("backups/it.zip").toString());
            assertThat(restore.status()).as("innoladder restore: %s", restore.output()).isZero();
            assertThat(restore.output()).contains("restored", "audit chain intact");
            phase("restored into the external database through the launcher", started);
            service = Service.start(LOGS.resolve("service-external.log"));
            awaitHealthUp(httpPort, service);
            assertThat(service.tail()).doesNotContain("Started embedded PostgreSQL");
            try (Connection c = DriverManager.getConnection(url, "innoladder", "it-secret"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
                assertThat(rs.next() && rs.getInt(1) > 0).as("the service's schema in the external database").isTrue();
            }
            assertThat(service.stop()).as("the service on the external database stops").isTrue();
            service = null;
            phase("ran on the external database", started);
        } finally {
            if (service != null) service.kill();
            if (external != null) external.close();
            Result uid = run("id", "-u", PACKAGE);
            Result purge = run("dpkg", "--purge", PACKAGE);
            if (uid.status() == 0) removeTemporaryFilesOf(Integer.parseInt(uid.output().trim()));
            System.out.printf("InstallPackageIT: install, two starts, backup, restore and purge took %.1f s%n",
                    (System.nanoTime() - started) / 1e9);
            assertThat(purge.status()).as("dpkg --purge: %s", purge.output()).isZero();
        }
        assertThat(installed()).isFalse();
        for (Path gone : List.of(Path.of("/opt/innoladder"), Path.of("/etc/innoladder"), DATA, LAUNCHER, UNIT)) {
            assertThat(Files.exists(gone, LinkOption.NOFOLLOW_LINKS)).as("%s after purge", gone).isFalse();
        }
        try (var tmp = Files.list(Path.of("/tmp"))) {
            assertThat(tmp.filter(p -> p.getFileName().toString().equals("hsperfdata_innoladder")).toList())
                    .as("the service user's files in /tmp after purge").isEmpty();
        }
        assertThat(run("getent", "passwd", PACKAGE).status()).as("the service user after purge").isNotZero();
        assertThat(run("getent", "group", PACKAGE).status()).as("the service group after purge").isNotZero();
    }

    /**
     * The service's JVMs leave their work directories and performance data in /tmp, owned by the user the purge
     * removed (under systemd the unit's PrivateTmp keeps them apart and drops them at stop).
     */
    private static void removeTemporaryFilesOf(int uid) throws IOException {
        try (var entries = Files.list(Path.of("/tmp"))) {
            for (Path p : entries.toList()) {
                if (((Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)) == uid) deleteTree(p);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** Skips the test, saying why on the build's output too (a skipped test's reason is otherwise only in its report). */
    private static void runsOnlyIf(boolean condition, String reason) {
        if (!condition) System.out.println("InstallPackageIT skipped: " + reason);
        assumeTrue(condition, "InstallPackageIT skipped: " + reason);
    }

    private static void phase(String what, long started) {
        System.out.printf("InstallPackageIT: %s after %.1f s%n", what, (System.nanoTime() - started) / 1e9);
    }

    private static void assertInstalledLayout() throws IOException, InterruptedException {
        assertThat(run("getent", "passwd", PACKAGE).output()).as("a system user without a login shell")
                .contains(":/var/lib/innoladder:/usr/sbin/nologin");
        assertOwned(Path.of("/opt/innoladder/lib/innoladder.jar"), "root", "root");
        assertMode(Path.of("/opt/innoladder/bin/innoladder"), "rwxr-xr-x");
        assertThat(LAUNCHER).isSymbolicLink();
        assertOwned(CONFIG, "root", "innoladder");
        assertMode(CONFIG, "rw-r-----");
        for (String dir : List.of("", "uploads", "backups")) {
            assertOwned(DATA.resolve(dir), "innoladder", "innoladder");
            assertMode(DATA.resolve(dir), "rwxr-x---");
        }
        assertThat(Files.readString(Path.of("/var/lib/dpkg/info/innoladder.conffiles"))).contains(CONFIG.toString());
        assertThat(UNIT).content().contains("User=innoladder", "ExecStart=/opt/innoladder/bin/innoladder serve");
    }

    private void awaitHealthUp(int port, Service service) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!service.alive()) {
                throw new AssertionError("the service exited before it was up; its log:\n" + service.tail());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/readyz"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) return;
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("no UP from /readyz within " + START_TIMEOUT + " (last: " + last + "); log:\n"
                + service.tail());
    }

    /**
     * The shipped configuration believes a reverse proxy on this host: a redirect keeps the browser's scheme and host.
     * The same headers from another address (this machine's own network address stands in for an intranet client)
     * are ignored.
     */
    private void assertRedirectFollowsTheProxy(int port) throws Exception {
        assertThat(loginRedirect("localhost", port)).hasValue("https://innoladder.example.gov.cn/login");
        Optional<String> other = NetworkInterface.networkInterfaces().filter(this::up)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .map(InetAddress::getHostAddress).findFirst();
        if (other.isPresent()) {
            assertThat(loginRedirect(other.get(), port)).as("forwarded headers from a client that is not the proxy")
                    .hasValue("http://" + other.get() + ":" + port + "/login");
        }
    }

    private Optional<String> loginRedirect(String host, int port) throws Exception {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/dashboard"))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "innoladder.example.gov.cn")
                .header("X-Forwarded-For", "203.0.113.7").build(), HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).isEqualTo(302);
        return r.headers().firstValue("Location");
    }

    private boolean up(NetworkInterface n) {
        try {
            return n.isUp();
        } catch (java.net.SocketException e) {
            return false;
        }
    }

    private static void assertOwned(Path p, String user, String group) throws IOException {
        PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        assertThat(a.owner().getName() + ":" + a.group().getName()).as("owner of %s", p).isEqualTo(user + ":" + group);
    }

    private static void assertMode(Path p, String mode) throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as("mode of %s", p).isEqualTo(mode);
    }

    private static boolean installed() throws IOException, InterruptedException {
        Result r = run("dpkg-query", "-W", "-f=${Status}", PACKAGE);
        return r.status() == 0 && r.output().contains("install ok installed");
    }

    private static Path builtPackage() throws IOException {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("innoladder_.+_all\\.deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no innoladder_*_all.deb in target/: the package phase did not build it"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    record Result(int status, String output) {
    }

    static Result run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(new File("/dev/null")).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /**
     * The installed unit, through systemctl where systemd runs, otherwise its ExecStart as its User in its
     * WorkingDirectory (setpriv runs the command in place, so the process is the service's JVM itself).
     */
    static final class Service {
        private final Process process;
        private final Path log;

        private Service(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        static boolean systemd() {
            return Files.isDirectory(Path.of("/run/systemd/system"));
        }

        static Service start(Path log) throws IOException, InterruptedException {
            if (systemd()) {
                Result r = run("systemctl", "start", "innoladder.service");
                assertThat(r.status()).as("systemctl start: %s", r.output()).isZero();
                Process journal = new ProcessBuilder("journalctl", "-f", "-u", "innoladder.service", "-o", "cat")
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                return new Service(journal, log);
            }
            String user = unitValue("User");
            List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups", "--"));
            command.addAll(List.of(unitValue("ExecStart").split("\\s+")));
            ProcessBuilder pb = new ProcessBuilder(command).directory(new File(unitValue("WorkingDirectory")))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(new File("/dev/null"));
            pb.environment().put("HOME", unitValue("WorkingDirectory"));
            pb.environment().put("USER", user);
            pb.environment().put("LOGNAME", user);
            return new Service(pb.start(), log);
        }

        private static String unitValue(String key) throws IOException {
            return Files.readAllLines(UNIT).stream().filter(l -> l.startsWith(key + "=")).findFirst()
                    .map(l -> l.substring(key.length() + 1).trim())
                    .orElseThrow(() -> new AssertionError(UNIT + " has no " + key + "="));
        }

        boolean alive() throws IOException, InterruptedException {
            if (systemd()) return run("systemctl", "is-active", "--quiet", "innoladder.service").status() == 0;
            return process.isAlive();
        }

        /** SIGTERM, as systemctl stop sends it; true when it ended in time. */
        boolean stop() throws IOException, InterruptedException {
            if (systemd()) {
                boolean stopped = run("systemctl", "stop", "innoladder.service").status() == 0;
                process.destroy();
                return stopped;
            }
            process.destroy();
            return process.waitFor(90, TimeUnit.SECONDS);
        }

        /** After a failure: the JVM and the embedded PostgreSQL it started, so that purge finds nothing running. */
        void kill() throws IOException, InterruptedException {
            if (systemd()) {
                run("systemctl", "kill", "--signal=KILL", "innoladder.service");
                run("systemctl", "stop", "innoladder.service");
            }
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            Path pid = DATA.resolve("postgres/postmaster.pid");
            if (Files.exists(pid)) {
                long postmaster = Long.parseLong(Files.readAllLines(pid).get(0).trim());
                ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroyForcibly);
            }
        }

        String tail() throws IOException {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        }
    }
}
