package org.innoladder.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.innoladder.InnoLadderApplication;
import org.innoladder.evaluation.EvaluationRuns;
import org.innoladder.evaluation.EvaluationStored;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * An event survives its listener's failure: the publication stays incomplete in {@code event_publication}, and the
 * next start of the application (on the same database) delivers it again until the listener completes. The other
 * listeners of the same event (innovation points, the ladder snapshot) completed the first time and are not run
 * again.
 */
class EventRedeliveryTest {
    static final CurrentUser ADMIN = new CurrentUser(0, "system", "system", Role.ADMIN, null, null, null);

    @TempDir
    Path dir;

    /** A follow-up of evaluation runs that fails while {@link #failing}; added to this test's two contexts only. */
    static class FlakyFollowUp {
        static volatile boolean failing;
        static final List<Long> received = new CopyOnWriteArrayList<>();

        @ApplicationModuleListener
        public void evaluationStored(EvaluationStored e) {
            if (failing) throw new IllegalStateException("the follow-up fails on purpose (EventRedeliveryTest)");
            received.add(e.runId());
        }
    }

    @Test
    void anEventWhoseListenerFailedIsCompletedAfterARestart() throws Exception {
        long runId;
        FlakyFollowUp.failing = true;
        FlakyFollowUp.received.clear();
        try (ConfigurableApplicationContext first = start()) {
            EvaluationRuns runs = first.getBean(EvaluationRuns.class);
            runId = runs.run(ADMIN, runs.check(ADMIN, "3204", 2024, List.of("tsme")), null);
            String state = awaitFollowUps(runs, runId);
            assertThat(state).as("the flaky listener failed, so the run's follow-ups are not done").isEqualTo("FAILED");
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            // the state is FAILED as soon as the flaky listener has failed; the other listeners may still be running
            for (int i = 0; i < 600 && incomplete(jdbc).size() > 1; i++) Thread.sleep(100);
            assertThat(incomplete(jdbc)).as("the failed delivery is kept").hasSize(1)
                    .allSatisfy(listener -> assertThat(listener).contains("FlakyFollowUp"));
            assertThat(jdbc.sql("SELECT count(*) FROM points_run WHERE evaluation_run_id = ?").param(runId)
                    .query(Long.class).single()).as("the points listener completed the first time").isEqualTo(1);
            assertThat(jdbc.sql("SELECT count(*) FROM ladder_refresh WHERE trigger = ?").param("evaluation_run:" + runId)
                    .query(Long.class).single()).as("the ladder listener completed the first time").isEqualTo(1);
        }
        assertThat(FlakyFollowUp.received).isEmpty();

        FlakyFollowUp.failing = false;
        try (ConfigurableApplicationContext second = start()) {
            EvaluationRuns runs = second.getBean(EvaluationRuns.class);
            runs.awaitFollowUps(runId, Duration.ofSeconds(60));
            assertThat(FlakyFollowUp.received).as("delivered again at the restart").containsExactly(runId);
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            assertThat(incomplete(jdbc)).isEmpty();
            assertThat(runs.get(ADMIN, runId).followUps()).isEqualTo("DONE");
            assertThat(jdbc.sql("SELECT count(*) FROM points_run WHERE evaluation_run_id = ?").param(runId)
                    .query(Long.class).single()).as("completed listeners are not run again").isEqualTo(1);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(InnoLadderApplication.class, FlakyFollowUp.class).profiles("test").run(
                "--server.port=0", "--innoladder.database.embedded.data-dir=" + dir.resolve("postgres"),
                "--innoladder.database.embedded.clean=false", "--innoladder.import.upload-dir=" + dir.resolve("uploads"));
    }

    private static String awaitFollowUps(EvaluationRuns runs, long runId) throws InterruptedException {
        String state = runs.get(ADMIN, runId).followUps();
        for (int i = 0; i < 600 && state.equals("RUNNING"); i++) {
            Thread.sleep(100);
            state = runs.get(ADMIN, runId).followUps();
        }
        return state;
    }

    private static List<String> incomplete(JdbcClient jdbc) {
        return jdbc.sql("SELECT listener_id FROM event_publication WHERE completion_date IS NULL").query(String.class).list();
    }
}
