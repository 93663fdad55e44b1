package org.innoladder.importer;

import org.innoladder.importer.internal.ImportRecovery;
import org.innoladder.importer.internal.ImportUploads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 9, finding 3, within one JVM: what start-up recovery does with batches left RUNNING and upload folders,
 * told apart from those of a live process by their locks. ImportCrashTest kills a real server.
 */
@SpringBootTest
@ActiveProfiles("test")
@AutoConfigureMockMvc
class ImportRecoveryTest {
    static final CurrentUser ADMIN = new CurrentUser(9301, "recovery-admin", "管理员", Role.ADMIN, null, null, null);

    @Autowired
    ImportRecovery recovery;
    @Autowired
    ImportUploads uploads;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;

    long runningBatch(String jobId) {
        long id = jdbc.sql("INSERT INTO import_batch (file_name, file_sha256, file_kind, status, started_by, job_id, rows_read)"
                + " VALUES ('crash.csv', ?, 'ENTERPRISE_YEAR', 'RUNNING', 'recovery-admin', ?, 0) RETURNING id")
                .params(UUID.randomUUID().toString(), jobId).query(Long.class).single();
        jdbc.sql("INSERT INTO import_rejection (batch_id, line_no, column_name, value, reason_zh, reason_en) VALUES (?, 2, 'name', 'x', 'r', 'r')")
                .param(id).update();
        return id;
    }

    String state(long id) {
        return jdbc.sql("SELECT status || '|' || (finished_at IS NOT NULL) || '|' || coalesce(message, '') FROM import_batch WHERE id = ?")
                .param(id).query(String.class).single();
    }

    @Test
    void batchesOfADeadProcessFailWithTheReasonWhileALiveOnesAreLeftAlone() throws Exception {
        String jobId = UUID.randomUUID().toString();
        long dead = runningBatch(jobId);
        long live = runningBatch(null);
        Path abandoned = Files.createDirectories(uploads.root().resolve("4242-0badf00d"));
        Files.writeString(abandoned.resolve(".lock"), "");
        Files.writeString(abandoned.resolve(jobId + ".csv"), "credit_code\n");
        Path held = Files.createDirectories(uploads.root().resolve("4243-0badf00d"));
        Files.writeString(held.resolve("other.csv"), "credit_code\n");
        Path notOurs = Files.createDirectories(uploads.root().resolve("keep-me"));

        try (Connection other = dataSource.getConnection();
             FileChannel channel = FileChannel.open(held.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            // a live import elsewhere: its transaction holds the batch lock
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + ImportService.BATCH_LOCK + ", " + live + ")");
            }

            recovery.recover();

            assertThat(state(dead)).isEqualTo("FAILED|true|" + ImportRecovery.ABANDONED);
            assertThat(state(live)).isEqualTo("RUNNING|false|");
            assertThat(Files.exists(abandoned)).isFalse();
            assertThat(Files.exists(held.resolve("other.csv"))).isTrue();
            assertThat(Files.exists(notOurs)).isTrue();
            other.rollback();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM import_rejection WHERE batch_id = ?").param(dead).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'import.failed' AND target = ?")
                .param("import_batch:" + dead).query(Long.class).single()).isOne();

        // the job's address outlives the process: the API answers with the batch's final state, the page opens the batch
        mvc.perform(get("/api/v1/imports/jobs/" + jobId).with(user(AppUserDetails.of(ADMIN))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.done").value(true))
                .andExpect(jsonPath("$.status").value("FAILED"))
                .andExpect(jsonPath("$.batchId").value(dead))
                .andExpect(jsonPath("$.message").value(ImportRecovery.ABANDONED));
        mvc.perform(get("/imports/jobs/" + jobId).with(user(AppUserDetails.of(ADMIN)))).andExpect(redirectedUrl("/imports/" + dead));
        mvc.perform(get("/imports/jobs/" + jobId + "/progress").with(user(AppUserDetails.of(ADMIN))))
                .andExpect(header().string("HX-Redirect", "/imports/" + dead));
        mvc.perform(get("/api/v1/imports/jobs/" + UUID.randomUUID()).with(user(AppUserDetails.of(ADMIN)))).andExpect(status().isNotFound());

        // once the live one's transaction is gone, the next start-up recovers it too
        recovery.recover();
        assertThat(state(live)).startsWith("FAILED|true|");
        uploads.removeAbandoned();
        assertThat(Files.exists(held)).isFalse();
    }
}
