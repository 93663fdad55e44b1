package org.innoladder.importer;

import org.innoladder.importer.internal.ImportJobs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

@SpringBootTest
@ActiveProfiles("test")
@AutoConfigureMockMvc
class ImportWebTest {
    static final CurrentUser BUREAU = new CurrentUser(9001, "bureau-test", "常州市科技局", Role.BUREAU, "3204", null, null);
    static final CurrentUser ADMIN = new CurrentUser(9002, "admin-test", "管理员", Role.ADMIN, null, null, null);
    static final CurrentUser TOWN = new CurrentUser(9003, "town-test", "湖塘镇", Role.TOWN, "320412100", null, null);
    static final CurrentUser ENTERPRISE = new CurrentUser(9004, "ent-test", "企业", Role.ENTERPRISE, null, 1L, null);

    @Autowired
    MockMvc mvc;
    @Autowired
    ImportJobs jobs;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path dir;

    @BeforeEach
    void regions() {
        ImportFiles.regions(jdbc);
    }

    static RequestPostProcessor as(CurrentUser u) {
        return user(AppUserDetails.of(u));
    }

    MockMultipartFile upload() throws Exception {
        Path file = ImportFiles.csv(dir, "上传.csv", java.nio.charset.Charset.forName("GBK"), false, List.of(
                List.of("统一社会信用代码", "企业名称", "所属区划代码", "成立日期", "年度", "职工总数", "科技人员数"),
                List.of(ImportFiles.newCode(), "常州网页导入有限公司", "320412", "2015-01-01", "2024", "10", "2"),
                List.of(ImportFiles.newCode(), "坏行", "320412", "2015-01-01", "2024", "10", "20")));
        return new MockMultipartFile("file", "上传.csv", "text/csv", Files.readAllBytes(file));
    }

    ImportJobs.Job awaitDone(String jobId) throws InterruptedException {
        ImportJobs.Job job = jobs.find(jobId).orElseThrow();
        for (int i = 0; i < 600 && !job.done(); i++) Thread.sleep(100);
        assertThat(job.done()).as("the import job finished").isTrue();
        return job;
    }

    @Test
    void theUploadPageRunsTheImportAndShowsProgressThenTheSummary() throws Exception {
        String page = mvc.perform(get("/imports").with(as(BUREAU))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"import-form\"", "name=\"_csrf\"", "enctype=\"multipart/form-data\"");

        String location = mvc.perform(multipart("/imports").file(upload()).param("source", "tax").with(as(BUREAU)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/imports/jobs/");
        String jobId = location.substring("/imports/jobs/".length());

        String jobPage = mvc.perform(get(location).with(as(BUREAU))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(jobPage).contains("id=\"import-progress\"");
        ImportJobs.Job job = awaitDone(jobId);
        if (!jobPage.contains("id=\"import-done\"")) {
            assertThat(jobPage).contains("hx-get=\"/imports/jobs/" + jobId + "/progress\"", "hx-trigger=\"every 1s\"");
        }

        String fragment = mvc.perform(get(location + "/progress").with(as(BUREAU))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        long batchId = job.batchId();
        assertThat(fragment).contains("id=\"import-done\"", "已提交", "/imports/" + batchId + "/rejections.csv")
                .doesNotContain("hx-trigger");

        byte[] csv = mvc.perform(get("/imports/" + batchId + "/rejections.csv").with(as(BUREAU)))
                .andExpect(status().isOk()).andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("attachment")))
                .andReturn().getResponse().getContentAsByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF行号,列,值,原因,列代码")
                .contains("3,科技人员数,20,科技人员数 20 大于职工总数 10,tech_staff");
        String english = new String(mvc.perform(get("/imports/" + batchId + "/rejections.csv").param("lang", "en").with(as(BUREAU)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        assertThat(english).startsWith("\uFEFFLine,Column,Value,Reason,Column code")
                .contains("3,tech staff,20,tech_staff 20 exceeds employees 10,tech_staff").doesNotContain("科技人员");

        String list = mvc.perform(get("/imports").with(as(BUREAU))).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("上传.csv", "/imports/" + batchId);
        String detail = mvc.perform(get("/imports/" + batchId).with(as(BUREAU)).param("lang", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(detail).contains("Import batch " + batchId, "tech_staff 20 exceeds employees 10");
        assertThat(jdbc.sql("SELECT source_ip FROM audit_log WHERE target = ? AND action = 'import.commit'")
                .param("import_batch:" + batchId).query(String.class).single()).isEqualTo("127.0.0.1");
    }

    @Test
    void aBureauSeesOnlyBatchesStartedInItsRegionSubtree() throws Exception {
        CurrentUser wujin = new CurrentUser(9005, "wujin-test", "武进区科技局", Role.BUREAU, "320412", null, null);
        CurrentUser liyang = new CurrentUser(9006, "liyang-test", "溧阳市科技局", Role.BUREAU, "320481", null, null);
        for (CurrentUser u : List.of(wujin, liyang)) {
            jdbc.sql("INSERT INTO app_user (username, password_hash, display_name, role, region_code) VALUES (?, 'x', ?, 'BUREAU', ?)"
                    + " ON CONFLICT (username) DO NOTHING").params(u.username(), u.displayName(), u.regionCode()).update();
        }
        String location = mvc.perform(multipart("/api/v1/imports").file(upload()).with(as(wujin)).with(csrf()))
                .andExpect(status().isAccepted()).andReturn().getResponse().getHeader("Location");
        String jobId = location.substring(location.lastIndexOf('/') + 1);
        long batchId = awaitDone(jobId).batchId();

        mvc.perform(get("/api/v1/imports/" + batchId).with(as(wujin))).andExpect(status().isOk());
        // the city bureau, above Wujin, sees it too
        mvc.perform(get("/api/v1/imports/" + batchId).with(as(BUREAU))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/imports/" + batchId).with(as(liyang))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/imports/" + batchId + "/rejections").with(as(liyang))).andExpect(status().isNotFound());
        mvc.perform(get("/imports/" + batchId + "/rejections.csv").with(as(liyang))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/imports/jobs/" + jobId).with(as(liyang))).andExpect(status().isNotFound());
        String list = mvc.perform(get("/api/v1/imports").with(as(liyang))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(list).doesNotContain("\"id\":" + batchId + ",");
    }

    @Test
    void onlyAdminsAndBureausMayImport() throws Exception {
        mvc.perform(get("/imports").with(as(TOWN))).andExpect(status().isForbidden());
        mvc.perform(multipart("/imports").file(upload()).with(as(TOWN)).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/imports").with(as(ENTERPRISE))).andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.status").value(403));
        mvc.perform(get("/imports").with(as(ADMIN))).andExpect(status().isOk());
    }

    @Test
    void theApiAcceptsAnUploadAndReportsTheBatch() throws Exception {
        String location = mvc.perform(multipart("/api/v1/imports").file(upload()).with(as(ADMIN)).with(csrf()))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.jobId").isNotEmpty())
                .andReturn().getResponse().getHeader("Location");
        assertThat(location).startsWith("/api/v1/imports/jobs/");
        ImportJobs.Job job = awaitDone(location.substring(location.lastIndexOf('/') + 1));

        mvc.perform(get(location).with(as(ADMIN))).andExpect(status().isOk())
                .andExpect(jsonPath("$.done").value(true))
                .andExpect(jsonPath("$.status").value("COMMITTED"))
                .andExpect(jsonPath("$.batchId").value(job.batchId()))
                .andExpect(jsonPath("$.batchUrl").value("/api/v1/imports/" + job.batchId()));
        mvc.perform(get("/api/v1/imports/" + job.batchId()).with(as(ADMIN))).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("COMMITTED"))
                .andExpect(jsonPath("$.rowsRead").value(2))
                .andExpect(jsonPath("$.rowsRejected").value(1))
                .andExpect(jsonPath("$.rowsInserted").value(1))
                .andExpect(jsonPath("$.fileName").value("上传.csv"));
        mvc.perform(get("/api/v1/imports/" + job.batchId() + "/rejections").with(as(ADMIN))).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].line").value(3))
                .andExpect(jsonPath("$[0].column").value("tech_staff"))
                .andExpect(jsonPath("$[0].value").value("20"))
                .andExpect(jsonPath("$[0].reasonEn").value("tech_staff 20 exceeds employees 10"));
        mvc.perform(get("/api/v1/imports").with(as(ADMIN))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == " + job.batchId() + ")]").exists());
        // the admin belongs to no region, so a bureau does not see the admin's batches
        mvc.perform(get("/api/v1/imports").with(as(BUREAU))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == " + job.batchId() + ")]").doesNotExist());
        mvc.perform(get("/api/v1/imports/999999999").with(as(ADMIN))).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }
}
