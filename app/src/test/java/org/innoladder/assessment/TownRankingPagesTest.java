package org.innoladder.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.identity.internal.AppUserDetails;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipped example scheme over real targets in an invented city 3298 (no other test writes there), 2024: two towns
 * with every target set and the same score by hand (HNTE and TSME 0 of 10, technology contracts 0 of 100, signed
 * investment capped at 120% → 20 × 1.2 = 24, projects landed 1 of 2 → 15 × 0.5 = 7.5; 31.50 each), tied at rank 1; a
 * third with one target only, shown but unranked, its other indicators missing — on the API, the page and the export.
 * The ranking reads targets within the caller's scope: a district officer cannot rank the city.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TownRankingPagesTest {
    static final RequestPostProcessor CITY = user(AppUserDetails.of(new CurrentUser(7101, "rk-city", "测试市科技局", Role.BUREAU, "3298", null, null)));

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void data() {
        for (String[] r : new String[][] {{"32", "江苏省", "province", null}, {"3298", "排名测试市", "city", "32"},
                {"329801", "排名测试区", "county", "3298"}, {"329801001", "排名甲镇", "town", "329801"},
                {"329801002", "排名乙镇", "town", "329801"}, {"329801003", "排名丙镇", "town", "329801"}}) {
            jdbc.sql("INSERT INTO region (code, name, level, parent_code) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(r[0], r[1], r[2], r[3]).update();
        }
        for (String town : new String[] {"329801001", "329801002"}) {
            target(town, "RECOGNISED_TOTAL", "HNTE", 10);
            target(town, "RECOGNISED_TOTAL", "TSME", 10);
            target(town, "INVESTMENT_SIGNED", null, town.endsWith("1") ? 1000 : 1250);
            target(town, "INVESTMENT_LANDED", null, 2);
            target(town, "TECH_CONTRACT_OUTFLOW", null, 100);
            jdbc.sql("""
                    INSERT INTO investment_project (name, field, source, region_code, planned_yuan, signed_yuan, status, credit_code, lead_on,
                                                    signed_on, landed_on)
                    VALUES ('排名测试项目', '智能制造', 'EVENT', ?, 15000000, 15000000, 'LANDED', '91329801000000000X', DATE '2024-01-01',
                            DATE '2024-03-01', DATE '2024-06-01') ON CONFLICT DO NOTHING""").param(town).update();
        }
        target("329801003", "INVESTMENT_SIGNED", null, 500);
    }

    void target(String region, String metric, String tier, long value) {
        jdbc.sql("INSERT INTO ladder_target (region_code, year, metric, tier, value, created_by) VALUES (?, 2024, ?, ?, ?, 'rk-city')"
                + " ON CONFLICT DO NOTHING").params(region, metric, tier, value).update();
    }

    @Test
    void tiedTownsShareTheFirstRankAndTheTownWithoutTargetsIsShownAsMissing() throws Exception {
        JsonNode r = JsonMapper.builder().build().readTree(mvc.perform(get("/api/v1/assessment/towns").param("region", "3298").param("year", "2024")
                .with(CITY)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(r.get("scheme").asString()).isEqualTo("town-example");
        assertThat(r.get("example").asBoolean()).isTrue();
        assertThat(r.get("asOf").asString()).isEqualTo("2024-12-31");
        JsonNode towns = r.get("towns");
        assertThat(towns).hasSize(3);
        assertThat(towns.get(0).get("town").asString()).isEqualTo("329801001");
        assertThat(towns.get(0).get("rank").asInt()).isEqualTo(1);
        assertThat(towns.get(0).get("score").decimalValue()).isEqualByComparingTo("31.50");
        assertThat(towns.get(1).get("rank").asInt()).isEqualTo(1);
        assertThat(towns.get(1).get("score").decimalValue()).isEqualByComparingTo("31.50");
        JsonNode signed = towns.get(0).get("indicators").get(2);
        assertThat(signed.get("actual").asLong()).isEqualTo(1500);
        assertThat(signed.get("rate").decimalValue()).isEqualByComparingTo("1.2");
        assertThat(signed.get("points").decimalValue()).isEqualByComparingTo("24");
        JsonNode third = towns.get(2);
        assertThat(third.get("rank").isNull()).isTrue();
        assertThat(third.get("score").isNull()).isTrue();
        assertThat(third.get("missing").asInt()).isEqualTo(4);
        assertThat(third.get("indicators").get(0).get("points").isNull()).as("missing, never 0").isTrue();
        // monthly progress as of each month end of 2024: signed investment of the first town from March (1500 of 1000),
        // landed from June (1 of 2); the per-tier counts cannot say how they stood on a day: missing
        assertThat(r.get("monthEnds")).hasSize(12);
        assertThat(r.get("monthEnds").get(1).asString()).isEqualTo("2024-02-29");
        JsonNode monthly = towns.get(0).get("monthly");
        assertThat(monthly.get(2).get(1).decimalValue()).isEqualByComparingTo("0");
        assertThat(monthly.get(2).get(2).decimalValue()).isEqualByComparingTo("1.5");
        assertThat(monthly.get(3).get(4).decimalValue()).isEqualByComparingTo("0");
        assertThat(monthly.get(3).get(5).decimalValue()).isEqualByComparingTo("0.5");
        assertThat(monthly.get(0).get(11).isNull()).isTrue();
        assertThat(monthly.get(4).get(0).decimalValue()).isEqualByComparingTo("0");
        assertThat(towns.get(2).get("monthly").get(0).get(5).isNull()).as("no target: missing").isTrue();
        // its one target is real: nothing signed there is 0%, shown as 0, unlike the missing ones
        assertThat(third.get("indicators").get(2).get("rate").decimalValue()).isEqualByComparingTo("0");
        assertThat(third.get("indicators").get(2).get("points").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void thePageExplainsEachTownAndTheExportIsTheSheetForTheReport() throws Exception {
        String page = mvc.perform(get("/assessment/towns").param("region", "3298").param("year", "2024").with(CITY)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"scheme-example\"", "排名甲镇", "31.5 分", "未排名", "id=\"choose-town\"").doesNotContain("id=\"town-329801001\"");
        String first = mvc.perform(get("/assessment/towns").param("region", "3298").param("year", "2024").param("town", "329801001").with(CITY))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(first).contains("id=\"town-329801001\"", "月度进度", "150.0%", "1,500 万元", "1,000 万元");
        String third = mvc.perform(get("/assessment/towns").param("region", "3298").param("year", "2024").param("town", "329801003").with(CITY))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(third).contains("id=\"town-329801003\"", "有 4 项指标尚未下达目标");
        assertThat(mvc.perform(get("/assessment/towns").param("region", "3298").param("town", "320412100").with(CITY)).andReturn().getResponse()
                .getStatus()).isEqualTo(400);
        MockHttpServletResponse x = mvc.perform(get("/assessment/towns/export.xlsx").param("region", "3298").param("year", "2024").with(CITY))
                .andReturn().getResponse();
        assertThat(x.getStatus()).isEqualTo(200);
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(x.getContentAsByteArray()))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertThat(rows.get(0).getCellText(0)).isEqualTo("排名");
            assertThat(rows).hasSize(4);
            assertThat(rows.get(1).getCellText(1)).isEqualTo("排名甲镇");
            assertThat(rows.get(1).getCellText(2)).isEqualTo("31.50");
            assertThat(rows.get(3).getCellText(0)).isEqualTo("未排名");
            assertThat(rows.get(3).getCellText(2)).isEqualTo("缺");
            assertThat(rows.get(3).getCellText(3)).as("HNTE target of the third town").isEqualTo("缺");
            // the second sheet: each town's indicators with the completion at every month end (as the API computes it)
            org.dhatim.fastexcel.reader.Sheet months = wb.getSheets().skip(1).findFirst().orElseThrow();
            assertThat(months.getName()).isEqualTo("月度进度");
            List<Row> m = months.read();
            assertThat(m.get(0).getCellText(0)).isEqualTo("镇（街道）");
            assertThat(m.get(0).getCellText(2)).isEqualTo("年度目标");
            assertThat(m.get(0).getCellText(3)).isEqualTo("1月末完成率");
            assertThat(m.get(0).getCellText(14)).isEqualTo("12月末完成率");
            assertThat(m).hasSize(1 + 3 * 5);
            // 排名甲镇: HNTE cannot say how it stood on a day (missing); signed investment 0 until February, 1500 of 1000
            // from March; projects landed 0 of 2 until May, 1 of 2 from June; technology contracts 0 of 100
            assertThat(cells(m.get(1), 0, 4)).containsExactly("排名甲镇", "高新技术企业目标完成率", "10", "缺", "缺");
            assertThat(cells(m.get(3), 2, 6)).containsExactly("1000", "0.0%", "0.0%", "150.0%", "150.0%");
            assertThat(m.get(3).getCellText(14)).isEqualTo("150.0%");
            assertThat(cells(m.get(4), 2, 9)).containsExactly("2", "0.0%", "0.0%", "0.0%", "0.0%", "0.0%", "50.0%", "50.0%");
            assertThat(cells(m.get(5), 2, 4)).containsExactly("100", "0.0%", "0.0%");
            // 排名乙镇's signed target is 1250: 1500 of it is 120.0%
            assertThat(m.get(8).getCellText(5)).isEqualTo("120.0%");
            // 排名丙镇 has no landed-projects target: every month missing
            assertThat(cells(m.get(14), 0, 4)).containsExactly("排名丙镇", m.get(4).getCellText(1), "缺", "缺", "缺");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE actor = 'rk-city' AND action = 'assessment.towns.export'").query(Long.class).single())
                .isEqualTo(1);
    }

    /** The text of the cells from {@code from} to {@code to}, inclusive. */
    static List<String> cells(Row row, int from, int to) {
        List<String> out = new java.util.ArrayList<>();
        for (int c = from; c <= to; c++) out.add(row.getCellText(c));
        return out;
    }

    @Test
    void aDistrictOfficerCannotRankTheCityAndAnEnterpriseCannotRankAtAll() throws Exception {
        RequestPostProcessor district = user(AppUserDetails.of(new CurrentUser(7102, "rk-district", "测试区", Role.BUREAU, "329801", null, null)));
        assertThat(mvc.perform(get("/api/v1/assessment/towns").param("region", "3298").with(district)).andReturn().getResponse().getStatus())
                .isIn(400, 403);
        assertThat(mvc.perform(get("/api/v1/assessment/towns").param("year", "2024").with(district)).andReturn().getResponse().getStatus()).isEqualTo(200);
        RequestPostProcessor firm = user(AppUserDetails.of(new CurrentUser(7103, "rk-firm", "企业", Role.ENTERPRISE, null, 1L, null)));
        assertThat(mvc.perform(get("/assessment/towns").with(firm)).andReturn().getResponse().getStatus()).isEqualTo(403);
    }
}
