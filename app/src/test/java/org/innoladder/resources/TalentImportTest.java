package org.innoladder.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import org.innoladder.rules.facts.CreditCode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;

/**
 * Talent awards: a CSV file (GB-style headers, an ID-number column the register must not keep) imported by a 武进区
 * bureau; bad, duplicate and out-of-scope rows reported; counts per programme; the file page lists the awards.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class TalentImportTest {
    static final String FIRM = CreditCode.complete("91320412" + "58" + "000001");
    static final String XINBEI = CreditCode.complete("91320411" + "58" + "000002");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    void awardsAreImportedWithoutPersonalDataBeyondTheNameAndCounted() throws Exception {
        for (String[] r : new String[][] {{"32", "江苏省", "province", null}, {"3204", "常州市", "city", "32"},
                {"320411", "新北区", "county", "3204"}, {"320412", "武进区", "county", "3204"},
                {"320411002", "三井街道", "town", "320411"}, {"320412100", "湖塘镇", "town", "320412"}}) {
            jdbc.sql("INSERT INTO region (code, name, level, parent_code) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(r[0], r[1], r[2], r[3]).update();
        }
        jdbc.sql("INSERT INTO enterprise (credit_code, name, region_code, founded_on) VALUES (?, '人才测试精工有限公司', '320412100', DATE '2016-01-01')").param(FIRM).update();
        jdbc.sql("INSERT INTO enterprise (credit_code, name, region_code, founded_on) VALUES (?, '人才测试新北有限公司', '320411002', DATE '2016-01-01')").param(XINBEI).update();
        String csv = String.join("\n",
                "人才计划,入选年度,姓名,职务或类别,企业统一社会信用代码,身份证号",
                "龙城英才计划,2024,王志远,创新领军人才," + FIRM + ",320412198001010011",     // 2
                "龙城英才计划,2023,李晓明,," + FIRM + ",320412198202020022",                 // 3
                "江苏省双创计划,2024,张海涛,创业领军人才," + FIRM + ",",                       // 4
                "龙城英才计划,2024,陈丽华,," + XINBEI + ",",                                   // 5 out of scope
                "龙城英才计划,二四年,赵国强,," + FIRM + ",",                                   // 6 bad year
                ",2024,周文博,," + FIRM + ",",                                                 // 7 no programme
                "龙城英才计划,2024,王志远,创新领军人才," + FIRM + ",") + "\n";                 // 8 duplicate of 2
        String body = mvc.perform(multipart("/api/v1/resources/talents/import")
                        .file(new MockMultipartFile("file", "talents.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .with(PlatformImportTest.district()).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode report = PlatformImportTest.JSON.readTree(body);
        assertThat(report.get("added").asInt()).isEqualTo(3);
        Map<Integer, String> rejected = new TreeMap<>();
        for (JsonNode r : report.get("rejections")) {
            rejected.put(r.get("line").asInt(), r.get("field").asString() + " " + r.get("value").asString() + " " + r.get("problem").asString());
        }
        assertThat(rejected).containsExactlyEntriesOf(new TreeMap<>(Map.of(5, "credit_code " + XINBEI + " NOT_FOUND",
                6, "award_year 二四年 INVALID", 7, "programme  INVALID", 8, "person_name 王志远 DUPLICATE")));
        // the ID numbers of the file are nowhere in the register
        assertThat(jdbc.sql("SELECT count(*) FROM talent_award t WHERE t::text LIKE '%19800101%' OR t::text LIKE '%19820202%'")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM resource_import WHERE rejections::text LIKE '%19800101%'").query(Long.class).single()).isZero();

        JsonNode figures = PlatformImportTest.JSON.readTree(mvc.perform(get("/api/v1/resources/talents/figures")
                .with(PlatformImportTest.district())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        Map<String, String> programmes = new TreeMap<>();
        for (JsonNode c : figures.get("byProgramme")) programmes.put(c.get("key").asString(), c.get("awards").asLong() + "/" + c.get("enterprises").asLong());
        assertThat(programmes).containsExactlyEntriesOf(new TreeMap<>(Map.of("江苏省双创计划", "1/1", "龙城英才计划", "2/1")));

        String file = mvc.perform(get("/enterprises/" + FIRM).with(PlatformImportTest.town())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(file).contains("id=\"talent-awards\"").contains("王志远").contains("创新领军人才").doesNotContain("320412198001010011");
        String page = mvc.perform(get("/resources/talents").with(PlatformImportTest.town())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("李晓明").contains("龙城英才计划").doesNotContain("陈丽华");
    }
}
