package org.innoladder.importer;

import org.innoladder.importer.internal.ImportJobs;
import org.innoladder.importer.internal.ImportUploads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Issue 9, finding 2: imports cannot block importing for everyone. Concurrent imports are limited per user and in
 * all (429 naming the limit), and a running import can be cancelled by its starter (API) or an admin (page), while
 * it reads or while it merges: it rolls back, its batch ends CANCELLED, its problems and its upload are gone.
 */
@SpringBootTest
@ActiveProfiles("test")
@AutoConfigureMockMvc
class ImportJobsTest {
    static final CurrentUser A = new CurrentUser(9201, "jobs-a", "武进区科技局甲", Role.BUREAU, "320412", null, null);
    static final CurrentUser B = new CurrentUser(9202, "jobs-b", "武进区科技局乙", Role.BUREAU, "320412", null, null);
    static final CurrentUser C = new CurrentUser(9203, "jobs-c", "武进区科技局丙", Role.BUREAU, "320412", null, null);
    static final CurrentUser ADMIN = new CurrentUser(9204, "jobs-admin", "管理员", Role.ADMIN, null, null, null);

    @Autowired
    MockMvc mvc;
    @Autowired
    ImportJobs jobs;
    @Autowired
    ImportUploads uploads;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path dir;

    @BeforeEach
    void users() {
        ImportFiles.regions(jdbc);
        for (CurrentUser u : List.of(A, B, C)) {
            jdbc.sql("INSERT INTO app_user (username, password_hash, display_name, role, region_code) VALUES (?, 'x', ?, 'BUREAU', ?)"
                    + " ON CONFLICT (username) DO NOTHING").params(u.username(), u.displayName(), u.regionCode()).update();
        }
    }

    static RequestPostProcessor as(CurrentUser u) {
        return user(AppUserDetails.of(u));
    }

    /** 200,000 rows, one in ten rejected (so the batch stores problems before it is cancelled). */
    MockMultipartFile large(String name) throws Exception {
        Path file = dir.resolve(name);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("credit_code,name,region_code,founded_on,year,employees,tech_staff,sales_revenue\n");
            for (int i = 0; i < 200_000; i++) {
                w.write(ImportFiles.newCode() + ",常州取消测试" + i + "有限公司,320412100,2012-03-01,2024," + (50 + i % 100) + ","
                        + (i % 10 == 0 ? 500 : 10) + "," + (1_000_000 + i) + "\n");
            }
        }
        return new MockMultipartFile("file", name, "text/csv", Files.readAllBytes(file));
    }

    MockMultipartFile small() throws Exception {
        Path file = ImportFiles.csv(dir, "small.csv", StandardCharsets.UTF_8, false, List.of(
                List.of("credit_code", "name", "region_code", "founded_on", "year"),
                List.of(ImportFiles.newCode(), "常州小文件有限公司", "320412100", "2015-01-01", "2024")));
        return new MockMultipartFile("file", "small.csv", "text/csv", Files.readAllBytes(file));
    }

    String start(CurrentUser u, MockMultipartFile file) throws Exception {
        String location = mvc.perform(multipart("/api/v1/imports").file(file).with(as(u)).with(csrf()))
                .andExpect(status().isAccepted()).andReturn().getResponse().getHeader("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    ImportJobs.Job awaitDone(String jobId) throws InterruptedException {
        ImportJobs.Job job = jobs.find(jobId).orElseThrow();
        for (int i = 0; i < 1200 && !job.done(); i++) Thread.sleep(100);
        assertThat(job.done()).as("job %s ended", jobId).isTrue();
        return job;
    }

    void assertCancelledLeavingNothing(ImportJobs.Job job, String by) throws Exception {
        assertThat(job.report().status()).as(job.report().message()).isEqualTo(ImportReport.Status.CANCELLED);
        Long batch = job.batchId();
        assertThat(batch).isNotNull();
        assertThat(jdbc.sql("SELECT status || '|' || (finished_at IS NOT NULL) || '|' || message FROM import_batch WHERE id = ?")
                .param(batch).query(String.class).single())
                .isEqualTo("CANCELLED|true|导入已被 " + by + " 取消，未写入任何数据 / import cancelled by " + by + ", nothing was stored");
        assertThat(jdbc.sql("SELECT count(*) FROM import_rejection WHERE batch_id = ?").param(batch).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM enterprise WHERE name LIKE '常州取消测试%'").query(Long.class).single()).isZero();
        try (Stream<Path> files = Files.walk(uploads.root())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(job.id() + "."));
        }
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'import.cancelled' AND target = ?")
                .param("import_batch:" + batch).query(Long.class).single()).isOne();
    }

    @Test
    void importsAreLimitedPerUserAndInAllAndARunningImportCanBeCancelledWhileReadingOrMerging() throws Exception {
        String first = start(A, large("a.csv"));

        mvc.perform(multipart("/api/v1/imports").file(small()).with(as(A)).with(csrf()))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "60"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(
                        "innoladder.import.limits.max-concurrent-per-user = 1")))
                .andExpect(jsonPath("$.detailZh").value(org.hamcrest.Matchers.containsString("每人同时导入的上限")));

        String second = start(B, large("b.csv"));
        String page = mvc.perform(multipart("/imports").file(small()).with(as(C)).with(csrf()))
                .andExpect(status().isTooManyRequests()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"import-refused\"", "已有 2 个导入正在进行", "innoladder.import.limits.max-concurrent = 2");

        // only the starter or an admin may cancel
        mvc.perform(post("/api/v1/imports/jobs/" + first + "/cancel").with(as(C)).with(csrf())).andExpect(status().isNotFound());
        String jobPage = mvc.perform(get("/imports/jobs/" + first).with(as(A))).andReturn().getResponse().getContentAsString();
        assertThat(jobPage).contains("id=\"import-cancel-form\"", "/imports/jobs/" + first + "/cancel");

        // the starter, through the API, while it reads
        mvc.perform(post("/api/v1/imports/jobs/" + first + "/cancel").with(as(A)).with(csrf()))
                .andExpect(status().isAccepted()).andExpect(jsonPath("$.cancelledBy").value("jobs-a"));
        assertCancelledLeavingNothing(awaitDone(first), "jobs-a");
        mvc.perform(post("/api/v1/imports/jobs/" + first + "/cancel").with(as(A)).with(csrf())).andExpect(status().isConflict());

        // an admin, through the page, while it merges (the running statement is stopped)
        ImportJobs.Job b = jobs.find(second).orElseThrow();
        for (int i = 0; i < 1200 && !"merging".equals(b.phase()) && !b.done(); i++) Thread.sleep(50);
        assertThat(b.phase()).isEqualTo("merging");
        mvc.perform(post("/imports/jobs/" + second + "/cancel").with(as(ADMIN)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertCancelledLeavingNothing(awaitDone(second), "jobs-admin");
        mvc.perform(get("/api/v1/imports/jobs/" + second).with(as(B))).andExpect(jsonPath("$.status").value("CANCELLED"));

        // the slots are free again
        ImportJobs.Job after = awaitDone(start(A, small()));
        assertThat(after.report().status()).isEqualTo(ImportReport.Status.COMMITTED);
    }
}
