package org.innoladder.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 16, JSON logs as an option: a JVM started with {@code INNOLADDER_LOG_FORMAT=ecs} and the application's own
 * application.yml writes each console line as one JSON object with the Elastic Common Schema fields; without the
 * variable the lines stay plain text. A process of its own, so this JVM's logging is left as it is.
 */
class JsonLogsTest {
    static final String MESSAGE = "json log probe 你好";

    /**
     * The probe: the application's configuration and logging, nothing else. Deliberately not annotated: a
     * {@code @SpringBootConfiguration} here would become the configuration every {@code @SpringBootTest} of this
     * package finds, and a {@code @Configuration} would be scanned into the application's tests.
     */
    static class Probe {
        public static void main(String[] args) {
            new SpringApplicationBuilder(Probe.class).web(WebApplicationType.NONE).run(args).close();
            LoggerFactory.getLogger(Probe.class).info(MESSAGE);
        }
    }

    private static List<String> run(String logFormat) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Probe.class.getName()).redirectErrorStream(true);
        pb.environment().remove("INNOLADDER_LOG_FORMAT");
        if (logFormat != null) pb.environment().put("INNOLADDER_LOG_FORMAT", logFormat);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8).lines().filter(l -> l.contains("json log probe")).toList();
    }

    @Test
    void withTheVariableEachLineIsAnEcsJsonObject() throws Exception {
        List<String> lines = run("ecs");
        assertThat(lines).hasSize(1);
        JsonNode line = JsonMapper.builder().build().readTree(lines.get(0));
        assertThat(line.path("message").asString()).isEqualTo(MESSAGE);
        assertThat(line.has("@timestamp")).isTrue();
        assertThat(line.path("log").path("level").asString()).isEqualTo("INFO");
        assertThat(line.path("log").path("logger").asString()).isEqualTo(Probe.class.getName());
        assertThat(line.path("service").path("name").asString()).isEqualTo("innoladder");
        assertThat(line.path("process").path("pid").asLong()).isPositive();
    }

    @Test
    void withoutItLinesArePlainText() throws Exception {
        List<String> lines = run(null);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).doesNotStartWith("{").contains("INFO").endsWith(MESSAGE);
    }
}
