package org.innoladder.importer;

import org.innoladder.importer.internal.ImportJobs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.innoladder.importer.ImportFiles.newCode;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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

/**
 * Issue 9, finding 1: a district officer's import may not write outside the district. The attack as it was
 * made: as a 武进区 bureau user, through the API and the page, rows that move a 新北区 enterprise into 武进, rename
 * another and change its revenue, move a 武进 one to 南京, add enterprises elsewhere or nowhere. Each is rejected
 * with its reason, the valid rows are kept, and nothing of 新北区 changes.
 */
@SpringBootTest
@ActiveProfiles("test")
@AutoConfigureMockMvc
class ImportScopeTest {
    static final CurrentUser WUJIN = new CurrentUser(9101, "wujin-scope", "武进区科技局", Role.BUREAU, "320412", null, null);
    static final List<String> HEADER = List.of("credit_code", "name", "region_code", "founded_on", "year", "employees", "sales_revenue");

    @Autowired
    MockMvc mvc;
    @Autowired
    ImportService importer;
    @Autowired
    ImportJobs jobs;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path dir;

    String xinbeiA;
    String xinbeiB;
    String wujinC;
    String wujinD;

    @BeforeEach
    void enterprises() throws Exception {
        ImportFiles.regions(jdbc);
        jdbc.sql("INSERT INTO app_user (username, password_hash, display_name, role, region_code) VALUES (?, 'x', ?, 'BUREAU', ?)"
                + " ON CONFLICT (username) DO NOTHING").params(WUJIN.username(), WUJIN.displayName(), WUJIN.regionCode()).update();
        xinbeiA = newCode();
        xinbeiB = newCode();
        wujinC = newCode();
        wujinD = newCode();
        Path file = ImportFiles.csv(dir, "setup.csv", StandardCharsets.UTF_8, false, List.of(HEADER,
                List.of(xinbeiA, "常州新北甲有限公司", "320411002", "2010-01-01", "2024", "50", "5000000"),
                List.of(xinbeiB, "常州新北乙有限公司", "320411", "2011-01-01", "2024", "60", "9804647.59"),
                List.of(wujinC, "常州武进丙有限公司", "320412100", "2012-01-01", "2024", "70", "7000000"),
                List.of(wujinD, "常州武进丁有限公司", "320412", "2013-01-01", "2024", "80", "8000000")));
        ImportReport r = importer.importFile(file, "setup.csv", ImportOptions.everything("test", "admin"), ImportProgress.NONE);
        assertThat(r.status()).as(r.message()).isEqualTo(ImportReport.Status.COMMITTED);
    }

    ImportJobs.Job upload(String path, Path file, String type) throws Exception {
        MockMultipartFile part = new MockMultipartFile("file", file.getFileName().toString(), type, Files.readAllBytes(file));
        var result = mvc.perform(multipart(path).file(part).with(user(AppUserDetails.of(WUJIN))).with(csrf())).andReturn();
        String location = result.getResponse().getStatus() == 202 ? result.getResponse().getHeader("Location")
                : result.getResponse().getRedirectedUrl();
        assertThat(location).as("status %d", result.getResponse().getStatus()).isNotNull();
        ImportJobs.Job job = jobs.find(location.substring(location.lastIndexOf('/') + 1)).orElseThrow();
        for (int i = 0; i < 600 && !job.done(); i++) Thread.sleep(100);
        assertThat(job.done()).isTrue();
        return job;
    }

    Map<Integer, List<Rejection>> rejections(long batchId) {
        return jdbc.sql("SELECT line_no, column_name, value, reason_zh, reason_en, severity FROM import_rejection WHERE batch_id = ?")
                .param(batchId).query((rs, n) -> new Rejection(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), Rejection.Severity.valueOf(rs.getString(6)))).list()
                .stream().collect(Collectors.groupingBy(Rejection::line));
    }

    /** Every stored value of the two 新北区 enterprises, provenance and timestamps included. */
    String xinbei() {
        return jdbc.sql("SELECT string_agg(e::text || '|' || y::text, E'\\n' ORDER BY e.credit_code, y.year) FROM enterprise e"
                + " JOIN enterprise_year y ON y.enterprise_id = e.id WHERE e.credit_code IN (?, ?)").params(xinbeiA, xinbeiB)
                .query(String.class).single();
    }

    Map<String, Object> enterprise(String code) {
        return jdbc.sql("SELECT e.name, e.region_code, y.sales_revenue FROM enterprise e JOIN enterprise_year y ON y.enterprise_id = e.id"
                + " AND y.year = 2024 WHERE e.credit_code = ?").param(code).query().singleRow();
    }

    @Test
    void aDistrictOfficersUploadIsRejectedRowByRowWhereverItWouldWriteOutsideTheDistrict() throws Exception {
        String before = xinbei();
        String newXinbei = newCode();
        String newNowhere = newCode();
        String newWujin = newCode();
        Path file = ImportFiles.csv(dir, "attack.csv", StandardCharsets.UTF_8, false, List.of(HEADER,
                List.of(xinbeiA, "常州新北甲有限公司", "320412100", "2010-01-01", "2024", "50", "5000000"),
                List.of(xinbeiB, "常州武进冒名有限公司", "", "2011-01-01", "2024", "60", "93233909.15"),
                List.of(wujinC, "常州武进丙有限公司", "320102", "2012-01-01", "2024", "70", "7000000"),
                List.of(newXinbei, "常州新北新设有限公司", "320411101", "2020-01-01", "2024", "5", "100000"),
                List.of(newNowhere, "无区划新设有限公司", "", "2020-01-01", "2024", "5", "100000"),
                List.of(wujinD, "常州武进丁有限公司", "", "2013-01-01", "2024", "85", "8100000"),
                List.of(newWujin, "常州武进新设有限公司", "320412100", "2021-01-01", "2024", "9", "200000")));

        ImportJobs.Job job = upload("/api/v1/imports", file, "text/csv");

        ImportReport r = job.report();
        assertThat(r.status()).as(r.message()).isEqualTo(ImportReport.Status.COMMITTED);
        assertThat(r.rowsRead()).isEqualTo(7);
        assertThat(r.rowsRejected()).isEqualTo(5);
        assertThat(r.rowsValid()).isEqualTo(2);
        assertThat(r.rowsInserted()).isEqualTo(1);
        assertThat(r.rowsUpdated()).isEqualTo(1);

        Map<Integer, List<Rejection>> byLine = rejections(job.batchId());
        assertThat(byLine.keySet()).containsExactlyInAnyOrder(2, 3, 4, 5, 6);
        Rejection moveIn = byLine.get(2).get(0);
        assertThat(moveIn.column()).isEqualTo("credit_code");
        assertThat(moveIn.value()).isEqualTo(xinbeiA);
        assertThat(moveIn.reasonZh()).isEqualTo("统一社会信用代码 " + xinbeiA + " 对应的企业不在您的数据范围（武进区 320412）内，不能修改其数据");
        assertThat(moveIn.reasonEn()).isEqualTo("the enterprise with credit_code " + xinbeiA
                + " is outside your data scope (武进区 320412); its data cannot be changed");
        assertThat(byLine.get(3).get(0).reasonZh()).contains(xinbeiB, "不在您的数据范围（武进区 320412）内");
        Rejection toNanjing = byLine.get(4).get(0);
        assertThat(toNanjing.column()).isEqualTo("region_code");
        assertThat(toNanjing.value()).isEqualTo("320102");
        assertThat(toNanjing.reasonZh()).isEqualTo("所属区划代码 320102 不在您的数据范围（武进区 320412）内");
        assertThat(toNanjing.reasonEn()).isEqualTo("region_code 320102 is outside your data scope (武进区 320412)");
        assertThat(byLine.get(5).get(0).reasonZh()).isEqualTo("所属区划代码 320411101 不在您的数据范围（武进区 320412）内");
        Rejection nowhere = byLine.get(6).get(0);
        assertThat(nowhere.column()).isEqualTo("region_code");
        assertThat(nowhere.reasonEn()).isEqualTo("credit_code " + newNowhere
                + " is a new enterprise without region_code: only enterprises inside your data scope (武进区 320412) can be added");

        assertThat(xinbei()).as("nothing of 新北区 changed").isEqualTo(before);
        assertThat(enterprise(xinbeiB)).containsEntry("name", "常州新北乙有限公司")
                .containsEntry("sales_revenue", new BigDecimal("9804647.59"));
        assertThat(enterprise(wujinC)).containsEntry("region_code", "320412100");
        assertThat(jdbc.sql("SELECT count(*) FROM enterprise WHERE credit_code IN (?, ?)").params(newXinbei, newNowhere)
                .query(Long.class).single()).isZero();
        assertThat(enterprise(wujinD)).containsEntry("sales_revenue", new BigDecimal("8100000.00"));
        assertThat(enterprise(newWujin)).containsEntry("region_code", "320412100");
    }

    @Test
    void certificatesOfEnterprisesOutsideTheDistrictAreRejectedThroughThePage() throws Exception {
        Path file = ImportFiles.csv(dir, "certificates.csv", StandardCharsets.UTF_8, false, List.of(
                List.of("credit_code", "kind", "certificate_no", "issued_on"),
                List.of(xinbeiA, "HNTE", "GR202432000001", "2024-11-06"),
                List.of(wujinD, "HNTE", "GR202432000002", "2024-11-06")));

        ImportJobs.Job job = upload("/imports", file, "text/csv");

        ImportReport r = job.report();
        assertThat(r.status()).as(r.message()).isEqualTo(ImportReport.Status.COMMITTED);
        assertThat(r.rowsRejected()).isEqualTo(1);
        assertThat(r.rowsInserted()).isEqualTo(1);
        Rejection outside = rejections(job.batchId()).get(2).get(0);
        assertThat(outside.reasonZh()).isEqualTo("统一社会信用代码 " + xinbeiA + " 对应的企业不在您的数据范围（武进区 320412）内，不能导入其证书");
        assertThat(jdbc.sql("SELECT e.credit_code FROM recognition r JOIN enterprise e ON e.id = r.enterprise_id"
                + " WHERE r.certificate_no IN ('GR202432000001', 'GR202432000002')").query(String.class).list())
                .containsExactly(wujinD);
    }

    @Test
    void theAdminMayStillMoveAnEnterpriseAnywhere() throws Exception {
        Path file = ImportFiles.csv(dir, "move.csv", StandardCharsets.UTF_8, false, List.of(HEADER,
                List.of(xinbeiA, "常州新北甲有限公司", "320412100", "2010-01-01", "2024", "50", "5000000")));
        ImportReport r = importer.importFile(file, "move.csv", ImportOptions.everything("test", "admin"), ImportProgress.NONE);
        assertThat(r.rowsUpdated()).as(r.message()).isEqualTo(1);
        assertThat(enterprise(xinbeiA)).containsEntry("region_code", "320412100");
    }

    /** The write endpoints of imports, for every role that may not import: refused before any file is read. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = Role.class, names = {"TOWN", "LEADER", "ENTERPRISE", "BANK", "EXPERT"})
    void everyOtherRoleIsRefusedEveryImportWrite(Role role) throws Exception {
        CurrentUser u = new CurrentUser(9150 + role.ordinal(), "scope-" + role.name().toLowerCase(), role.name(), role,
                role == Role.TOWN ? "320412100" : role == Role.LEADER ? "3204" : null,
                role == Role.ENTERPRISE ? 1L : null, role == Role.BANK ? 1L : null);
        Path file = ImportFiles.csv(dir, "refused.csv", StandardCharsets.UTF_8, false, List.of(HEADER,
                List.of(xinbeiA, "常州新北甲有限公司", "320412100", "2010-01-01", "2024", "50", "1")));
        MockMultipartFile part = new MockMultipartFile("file", "refused.csv", "text/csv", Files.readAllBytes(file));
        var as = user(AppUserDetails.of(u));
        mvc.perform(multipart("/api/v1/imports").file(part).with(as).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(multipart("/imports").file(part).with(as).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/imports/jobs/any/cancel")
                .with(as).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/imports/jobs/any/cancel")
                .with(as).with(csrf())).andExpect(status().isForbidden());
        assertThat(enterprise(xinbeiA)).containsEntry("region_code", "320411002");
    }
}
