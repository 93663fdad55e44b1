package org.innoladder.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.jobs.internal.JobOwner;
import org.innoladder.jobs.internal.JobRecovery;
import org.innoladder.jobs.internal.JobScheduling;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Persisted jobs on the real scheduler and database: a job is its starter's and an admin's to see and to cancel (every
 * other role gets 404 and changes nothing), its progress is in the database while it runs, a queued job cancelled
 * never runs, the jobs of a dead process end FAILED with the reason (their evaluation run too) while a live process's
 * are left alone, and the page speaks the reader's language. A handler of a test kind that runs until released or
 * cancelled stands in for a long import.
 */
@SpringBootTest(properties = "innoladder.test.context=jobs")
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(JobsTest.Waiting.class)
class JobsTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final CurrentUser A = new CurrentUser(9601, "jobs-test-a", "武进区科技局甲", Role.BUREAU, "320412", null, null);
    static final CurrentUser B = new CurrentUser(9602, "jobs-test-b", "武进区科技局乙", Role.BUREAU, "320412", null, null);
    static final CurrentUser C = new CurrentUser(9603, "jobs-test-c", "武进区科技局丙", Role.BUREAU, "320412", null, null);
    static final CurrentUser ADMIN = new CurrentUser(9604, "jobs-test-admin", "管理员", Role.ADMIN, null, null, null);
    /** Every other demo role: none may see or cancel A's job. */
    static final List<CurrentUser> OTHERS = List.of(B,
            new CurrentUser(9605, "jobs-test-city", "常州市科技局", Role.BUREAU, "3204", null, null),
            new CurrentUser(9606, "jobs-test-town", "湖塘镇", Role.TOWN, "320412100", null, null),
            new CurrentUser(9607, "jobs-test-leader", "领导", Role.LEADER, "3204", null, null),
            new CurrentUser(9608, "jobs-test-ent", "企业", Role.ENTERPRISE, null, 1L, null),
            new CurrentUser(9609, "jobs-test-bank", "银行", Role.BANK, null, null, 1L),
            new CurrentUser(9610, "jobs-test-expert", "专家", Role.EXPERT, null, null, null));

    @TestConfiguration
    static class Waiting {
        @Bean
        WaitingHandler waitingHandler() {
            return new WaitingHandler();
        }
    }

    /** Runs until released or cancelled, reporting progress as it goes. */
    static class WaitingHandler implements JobHandler {
        volatile CountDownLatch release = new CountDownLatch(1);
        final Set<Long> ran = ConcurrentHashMap.newKeySet();
        final Set<Long> abandoned = ConcurrentHashMap.newKeySet();

        @Override
        public String kind() {
            return "test-wait";
        }

        @Override
        public Finished run(JobContext job) throws InterruptedException {
            ran.add(job.id());
            for (long i = 1; ; i++) {
                job.progress("evaluating", Math.min(i, 99), 100L);
                if (job.cancelledBy() != null) return Finished.failed("stopped");
                if (release.await(20, TimeUnit.MILLISECONDS)) return Finished.done("完成 / finished");
            }
        }

        @Override
        public void abandoned(Job job, String reason) {
            abandoned.add(job.id());
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    Jobs jobs;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    WaitingHandler waiting;
    @Autowired
    JobRecovery recovery;
    @Autowired
    DataSource dataSource;

    @BeforeEach
    void regions() {
        String[][] regions = {{"32", "江苏省", "province", null}, {"3204", "常州市", "city", "32"},
                {"320412", "武进区", "county", "3204"}, {"320412100", "湖塘镇", "town", "320412"}};
        for (String[] r : regions) {
            jdbc.sql("INSERT INTO region (code, name, level, parent_code) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(r[0], r[1], r[2], r[3]).update();
        }
    }

    static RequestPostProcessor as(CurrentUser u) {
        return user(AppUserDetails.of(u));
    }

    JsonNode api(CurrentUser u, String url) throws Exception {
        return JSON.readTree(mvc.perform(get(url).with(as(u))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    }

    String row(long id) {
        return jdbc.sql("SELECT status || '|' || coalesce(cancel_requested_by, '') || '|' || coalesce(message, '') FROM job WHERE id = ?")
                .param(id).query(String.class).single();
    }

    String awaitStatus(long id, String... statuses) throws InterruptedException {
        String row = row(id);
        for (int i = 0; i < 300 && List.of(statuses).stream().noneMatch(row::startsWith); i++) {
            Thread.sleep(50);
            row = row(id);
        }
        String r = row;
        assertThat(List.of(statuses)).as(r).anyMatch(s -> r.startsWith(s + "|"));
        return row;
    }

    long submitWaiting(CurrentUser u) {
        return jobs.submit(new JobRequest("test-wait", u.username(), "320412", 2024, null, Map.of()));
    }

    @Test
    void aJobIsItsStartersAndAnAdminsToSeeAndToCancelAndItsProgressIsStored() throws Exception {
        waiting.release = new CountDownLatch(1);
        long id = submitWaiting(A);
        awaitStatus(id, "RUNNING");
        for (int i = 0; i < 100 && jdbc.sql("SELECT done FROM job WHERE id = ?").param(id).query(Long.class).single() == 0; i++) {
            Thread.sleep(50);
        }

        JsonNode view = api(A, "/api/v1/jobs/" + id);
        assertThat(view.get("status").asString()).isEqualTo("RUNNING");
        assertThat(view.get("phase").asString()).isEqualTo("evaluating");
        assertThat(view.get("total").asLong()).isEqualTo(100);
        assertThat(view.get("percent").asInt()).isBetween(1, 99);
        assertThat(view.get("regionName").asString()).isEqualTo("武进区");
        assertThat(view.get("cancelUrl").asString()).isEqualTo("/api/v1/jobs/" + id + "/cancel");
        assertThat(api(A, "/api/v1/jobs").valueStream().map(j -> j.get("id").asLong())).contains(id);
        assertThat(api(ADMIN, "/api/v1/jobs").valueStream().map(j -> j.get("id").asLong())).contains(id);

        for (CurrentUser other : OTHERS) {
            assertThat(api(other, "/api/v1/jobs").valueStream().map(j -> j.get("id").asLong())).as(other.username()).doesNotContain(id);
            mvc.perform(get("/api/v1/jobs/" + id).with(as(other))).andExpect(status().isNotFound());
            mvc.perform(post("/api/v1/jobs/" + id + "/cancel").with(as(other)).with(csrf())).andExpect(status().isNotFound());
            mvc.perform(post("/jobs/" + id + "/cancel").with(as(other)).with(csrf())).andExpect(status().isNotFound());
            assertThat(row(id)).as("a refused cancel changes nothing").isEqualTo("RUNNING||");
        }

        mvc.perform(post("/api/v1/jobs/" + id + "/cancel").with(as(A)).with(csrf())).andExpect(status().isAccepted());
        assertThat(awaitStatus(id, "CANCELLED")).isEqualTo("CANCELLED|jobs-test-a|stopped");
        mvc.perform(post("/api/v1/jobs/" + id + "/cancel").with(as(A)).with(csrf())).andExpect(status().isConflict());

        long adminCancels = submitWaiting(A);
        awaitStatus(adminCancels, "RUNNING");
        mvc.perform(post("/jobs/" + adminCancels + "/cancel").with(as(ADMIN)).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(awaitStatus(adminCancels, "CANCELLED")).startsWith("CANCELLED|jobs-test-admin|");

        long finishes = submitWaiting(A);
        awaitStatus(finishes, "RUNNING");
        waiting.release.countDown();
        assertThat(awaitStatus(finishes, "DONE")).isEqualTo("DONE||完成 / finished");
        assertThat(api(A, "/api/v1/jobs/" + finishes).get("percent").asInt()).isEqualTo(100);
    }

    @Test
    void aQueuedJobCancelledNeverRunsAndItsHandlerEndsWhatItRecorded() throws Exception {
        waiting.release = new CountDownLatch(1);
        // the scheduler runs JobScheduling.THREADS jobs at once: one more waits
        List<Long> busy = new java.util.ArrayList<>();
        for (int i = 0; i < JobScheduling.THREADS; i++) busy.add(submitWaiting(A));
        for (long id : busy) awaitStatus(id, "RUNNING");
        long queued = submitWaiting(A);
        Thread.sleep(1500);
        assertThat(row(queued)).isEqualTo("QUEUED||");

        mvc.perform(post("/jobs/" + queued + "/cancel").with(as(A)).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(row(queued)).isEqualTo("CANCELLED|jobs-test-a|已由 jobs-test-a 取消，未写入任何数据 / cancelled by jobs-test-a, nothing was stored");
        assertThat(waiting.abandoned).contains(queued);
        assertThat(jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE task_instance = ?").param(String.valueOf(queued))
                .query(Long.class).single()).isZero();

        waiting.release.countDown();
        for (long id : busy) awaitStatus(id, "DONE");
        Thread.sleep(1500);
        assertThat(waiting.ran).as("the cancelled job never ran").doesNotContain(queued);
        assertThat(row(queued)).startsWith("CANCELLED|");
    }

    @Test
    void theJobsOfADeadProcessEndFailedWithTheReasonAndALiveProcesssAreLeftAlone() throws Exception {
        long run = jdbc.sql("INSERT INTO evaluation_run (region_code, year, rulesets, status, started_by)"
                + " VALUES ('320412', 2024, '{tsme@2017}', 'RUNNING', 'jobs-test-a') RETURNING id").query(Long.class).single();
        long dead = runningJob(880001, run);
        long run2 = jdbc.sql("INSERT INTO evaluation_run (region_code, year, rulesets, status, started_by)"
                + " VALUES ('320412', 2024, '{tsme@2017}', 'RUNNING', 'jobs-test-a') RETURNING id").query(Long.class).single();
        long alive = runningJob(880002, run2);
        long listenerWork = jdbc.sql("INSERT INTO job (kind, status, started_by, params, owner, started_at)"
                + " VALUES ('points', 'RUNNING', 'jobs-test-a', '{\"tracked\": \"true\"}', 880001, now()) RETURNING id")
                .query(Long.class).single();

        try (Connection otherProcess = dataSource.getConnection()) {
            try (PreparedStatement ps = otherProcess.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
                ps.setInt(1, JobOwner.LOCK);
                ps.setInt(2, 880002);
                ps.execute();
            }
            assertThat(recovery.recover()).isEqualTo(2);
            assertThat(row(listenerWork)).as("a listener's work runs again when its event is redelivered")
                    .isEqualTo("FAILED||" + Jobs.REDELIVERED);
            assertThat(row(dead)).startsWith("FAILED||服务重启时该评估仍在运行，已中止，未保存结果");
            assertThat(jdbc.sql("SELECT status || '|' || (finished_at IS NOT NULL) || '|' || message FROM evaluation_run WHERE id = ?")
                    .param(run).query(String.class).single()).startsWith("FAILED|true|服务重启时该评估仍在运行");
            assertThat(row(alive)).as("its process holds its lock").isEqualTo("RUNNING||");
            assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'job.failed' AND target = ?")
                    .param("job:" + dead).query(Long.class).single()).isOne();
            try (PreparedStatement ps = otherProcess.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                ps.setInt(1, JobOwner.LOCK);
                ps.setInt(2, 880002);
                ps.execute();
            }
        }
        assertThat(recovery.recover()).isEqualTo(1);
        assertThat(row(alive)).startsWith("FAILED||");
        assertThat(jdbc.sql("SELECT status FROM evaluation_run WHERE id = ?").param(run2).query(String.class).single()).isEqualTo("FAILED");
    }

    long runningJob(long owner, long runId) {
        return jdbc.sql("INSERT INTO job (kind, status, started_by, region_code, year, params, owner, started_at)"
                        + " VALUES ('evaluation', 'RUNNING', 'jobs-test-a', '320412', 2024, CAST(? AS jsonb), ?, now()) RETURNING id")
                .params("{\"runId\": \"" + runId + "\"}", owner).query(Long.class).single();
    }

    @Test
    void anEvaluationRunIsAJobAndThePageShowsItInTheReadersLanguage() throws Exception {
        var response = mvc.perform(post("/api/v1/evaluations").with(as(C)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"region\": \"320412\", \"year\": 2024, \"rulesets\": [\"tsme\"]}"))
                .andExpect(status().isAccepted()).andReturn().getResponse();
        long run = JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8)).get("id").asLong();
        long id = jdbc.sql("SELECT id FROM job WHERE kind = 'evaluation' AND params ->> 'runId' = ?").param(String.valueOf(run))
                .query(Long.class).single();
        awaitStatus(id, "DONE");
        JsonNode view = api(C, "/api/v1/jobs/" + id);
        assertThat(view.get("link").asString()).isEqualTo("/evaluations/runs/" + run);
        assertThat(view.get("cancelUrl").isNull()).isTrue();
        assertThat(jdbc.sql("SELECT status FROM evaluation_run WHERE id = ?").param(run).query(String.class).single()).isEqualTo("DONE");

        // the run's follow-ups (its event's listeners) are listed as the starter's jobs, and cannot be cancelled
        for (String kind : List.of("points", "ladder-refresh")) {
            long followUp = 0;
            for (int i = 0; i < 200 && followUp == 0; i++) {
                followUp = jdbc.sql("SELECT coalesce(max(id), 0) FROM job WHERE kind = ? AND params ->> 'evaluationRunId' = ?")
                        .params(kind, String.valueOf(run)).query(Long.class).single();
                if (followUp == 0) Thread.sleep(50);
            }
            assertThat(awaitStatus(followUp, "DONE")).startsWith("DONE||");
            JsonNode f = api(C, "/api/v1/jobs/" + followUp);
            assertThat(f.get("startedBy").asString()).isEqualTo("jobs-test-c");
            assertThat(f.get("cancelUrl").isNull()).isTrue();
            mvc.perform(post("/api/v1/jobs/" + followUp + "/cancel").with(as(C)).with(csrf())).andExpect(status().isConflict());
        }

        String zh = mvc.perform(get("/jobs").with(as(C))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(zh).contains("后台任务", "规则评估", "创新积分计算", "梯度快照更新", "完成", "武进区 · 2024 年", "/evaluations/runs/" + run, "评估完成")
                .doesNotContain(">evaluation<", "320412", "??");
        String table = mvc.perform(get("/jobs/table").with(as(C))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(table).as("the fragment htmx polls").contains("id=\"jobs-table\"", "规则评估", "武进区 · 2024 年")
                .doesNotContain("<html");
        String en = mvc.perform(get("/jobs").param("lang", "en").with(as(C))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(en).contains("Background jobs", "Rule evaluation", "Innovation points", "Ladder snapshot refresh", "Done", "Open result").doesNotContain("??", "评估完成");
    }
}
