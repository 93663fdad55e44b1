package org.innoladder.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.innoladder.cli.Cli;
import org.innoladder.cli.DatabaseContext;
import org.innoladder.demo.internal.DemoData;
import org.innoladder.generator.GeneratorSettings;
import org.innoladder.policy.PolicyDemo;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * {@code innoladder backup} and {@code restore} of the demo data set as {@code serve} loads it (6,000 enterprises,
 * 2019–2024, evaluated, the example policies matched), each through the command line against the product's
 * embedded PostgreSQL (durable settings): the backup from the loaded data directory, the restore into a new one.
 * Wall times include starting the embedded server; the verbs also print their own time without it.
 *
 * <pre>
 * mvn -B -q -pl rules,app,bench -am package -DskipTests
 * java -Xmx1g -cp bench/target/benchmarks.jar org.innoladder.bench.BackupBenchmark [--enterprises 6000]
 * </pre>
 */
public final class BackupBenchmark {
    private BackupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int enterprises = Measure.option(args, "--enterprises", GeneratorSettings.demo().enterprises());
        var logs = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        logs.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        Path work = Files.createTempDirectory("innoladder-backup-bench");
        try {
            List<String> source = embedded(work.resolve("source"));
            GeneratorSettings demo = GeneratorSettings.demo();
            GeneratorSettings settings = new GeneratorSettings(enterprises, demo.fromYear(), demo.toYear(), demo.seed(), false);
            long t = System.nanoTime();
            try (ConfigurableApplicationContext ctx = DatabaseContext.start(source)) {
                ctx.getBean(DemoData.class).ensureLoaded(settings);
                ctx.getBean(PolicyDemo.class).ensureLoaded(settings.fromYear(), settings.toYear());
            }
            System.out.printf("demo data set loaded (%,d enterprises) in %.1f s; load average %.1f%n", enterprises, Measure.secs(t), Measure.load());
            Path archive = work.resolve("backup.zip");
            for (String step : List.of("backup", "restore")) {
                List<String> cli = step.equals("backup") ? with(source, "backup", "--out", archive.toString())
                        : with(embedded(work.resolve("restored")), "restore", "--in", archive.toString());
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                long s = System.nanoTime();
                int status = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), System.err).run(cli.toArray(String[]::new));
                double wall = Measure.secs(s);
                System.out.print(out.toString(StandardCharsets.UTF_8));
                System.out.printf("%s: exit %d, %.1f s wall including the embedded server's start; load average %.1f%n", step, status,
                        wall, Measure.load());
                if (status != 0) System.exit(status);
            }
            System.out.printf("archive: %,d bytes%n", Files.size(archive));
        } finally {
            FileSystemUtils.deleteRecursively(work);
        }
    }

    private static List<String> embedded(Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return List.of("--innoladder.database.embedded.data-dir=" + dir, "--innoladder.database.embedded.port=" + port,
                "--innoladder.database.embedded.clean=false");
    }

    private static List<String> with(List<String> database, String... verb) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(verb), database.stream()).toList();
    }
}
