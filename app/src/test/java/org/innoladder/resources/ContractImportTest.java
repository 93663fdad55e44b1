package org.innoladder.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.rules.facts.CreditCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import tools.jackson.databind.JsonNode;

/**
 * The technology-contract registration export: a real XLSX file with Chinese headers imported by a 武进区 bureau, every
 * bad row reported, a contract with neither party in the bureau's region refused, and the year's statistics computed
 * by hand — outflow and inflow with their cross-border parts, local trade, kinds and towns, amounts in yuan from 万元.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractImportTest {
    static final String FIRM = CreditCode.complete("91320412" + "57" + "000001");
    static final String BAD = FIRM.substring(0, 17) + (FIRM.charAt(17) == '0' ? '1' : '0');
    static final List<Object> HEADER = List.of("合同编号", "合同类型", "买方名称", "买方统一社会信用代码", "买方所在地区代码", "卖方名称",
            "卖方统一社会信用代码", "卖方所在地区代码", "合同金额（万元）", "技术交易额（万元）", "签订日期");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @TempDir
    static Path dir;
    JsonNode report;

    @BeforeAll
    void data() throws Exception {
        for (String[] r : new String[][] {{"31", "上海市", "province", null}, {"310112", "闵行区", "county", "31"},
                {"32", "江苏省", "province", null}, {"3204", "常州市", "city", "32"}, {"3205", "苏州市", "city", "32"},
                {"320505", "虎丘区", "county", "3205"}, {"320411", "新北区", "county", "3204"}, {"320412", "武进区", "county", "3204"},
                {"320411002", "三井街道", "town", "320411"}, {"320412100", "湖塘镇", "town", "320412"}}) {
            jdbc.sql("INSERT INTO region (code, name, level, parent_code) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(r[0], r[1], r[2], r[3]).update();
        }
        Path file = PlatformImportTest.writeXlsx(dir.resolve("contracts.xlsx"), List.of(HEADER,
                List.of("2024320412000001", "技术开发", "合同测试湖塘有限公司", FIRM, "320412100", "合同测试武进研究院", "", "320412", 100, 80, "2024-03-01"), // 2 local
                List.of("2024320412000002", "技术转让", "上海交通大学", "", "310112", "合同测试湖塘有限公司", FIRM, "320412100", 200, 200, "2024-05-01"),  // 3 out
                List.of("2024320412000003", "技术服务", "合同测试湖塘有限公司", FIRM, "320412100", "苏州某研究所", "", "320505", 50, 30, "2024-07-01"),    // 4 in
                List.of("2023320412000004", "技术咨询", "合同测试新北有限公司", "", "320411002", "合同测试湖塘有限公司", "", "320412100", 10, 10, "2023-12-31"), // 5 (2023)
                List.of("2024320411000005", "技术开发", "合同测试新北有限公司", "", "320411002", "上海交通大学", "", "310112", 10, 10, "2024-01-01"),       // 6 neither in scope
                List.of("2024320412000006", "技术开发", "甲", "", "320412", "乙", "", "320412", 10, 12, "2024-01-01"),                                   // 7 tech > amount
                List.of("2024320412000007", "技术入股", "甲", "", "320412", "乙", "", "320412", 10, 10, "2024-01-01"),                                   // 8 bad kind
                List.of("2024320412000008", "技术开发", "甲", "", "999", "乙", "", "320412", 10, 10, "2024-01-01"),                                      // 9 no region
                List.of("2024320412000009", "技术开发", "甲", BAD, "320412", "乙", "", "320412", 10, 10, "2024-01-01"),                                  // 10 bad code
                List.of("2024320412000001", "技术开发", "甲", "", "320412", "乙", "", "320412", 10, 10, "2024-01-01"),                                   // 11 duplicate
                List.of("2024320412000010", "技术开发", "甲", "", "320412", "乙", "", "320412", "十万", 10, "2024-01-01"),                               // 12 amount
                List.of("2024320412000011", "技术开发", "甲", "", "320412", "乙", "", "320412", 10, 10, "2024-13-01")));                                 // 13 date
        report = PlatformImportTest.JSON.readTree(mvc.perform(multipart("/api/v1/resources/contracts/import")
                        .file(new MockMultipartFile("file", "contracts.xlsx", "application/octet-stream", Files.readAllBytes(file)))
                        .with(PlatformImportTest.district()).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    @Test
    void theExportIsImportedWithEveryRejectedRowNamed() {
        assertThat(report.get("added").asInt()).isEqualTo(4);
        Map<Integer, String> rejected = new TreeMap<>();
        for (JsonNode r : report.get("rejections")) {
            rejected.put(r.get("line").asInt(), r.get("field").asString() + " " + r.get("value").asString() + " " + r.get("problem").asString());
        }
        assertThat(rejected).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                6, "seller_region 310112 NOT_FOUND", 7, "tech_amount 12 INVALID", 8, "contract_kind 技术入股 INVALID",
                9, "buyer_region 999 INVALID", 10, "buyer_credit_code " + BAD + " INVALID", 11, "contract_no 2024320412000001 DUPLICATE",
                12, "amount 十万 INVALID", 13, "signed_on 2024-13-01 INVALID")));
        // 万元 in the file, yuan in the register
        assertThat(jdbc.sql("SELECT amount_yuan FROM tech_contract WHERE contract_no = '2024320412000002'").query(java.math.BigDecimal.class)
                .single()).isEqualByComparingTo("2000000");
    }

    @Test
    void theYearsFlowsKindsAndTownsAreAsComputedByHand() throws Exception {
        // the district, by default the latest year signed (2024)
        JsonNode f = json(get("/api/v1/resources/contracts/figures"), PlatformImportTest.district());
        assertThat(f.get("year").asInt()).isEqualTo(2024);
        assertThat(f.get("region").asString()).isEqualTo("320412");
        JsonNode d = f.get("directions");
        assertSum(d.get("outflow"), 2, 3_000_000, 2_800_000);          // the local trade and the transfer to 上海
        assertSum(d.get("outflowExternal"), 1, 2_000_000, 2_000_000);
        assertSum(d.get("inflow"), 2, 1_500_000, 1_100_000);           // the local trade and the service from 苏州
        assertSum(d.get("inflowExternal"), 1, 500_000, 300_000);
        assertSum(d.get("local"), 1, 1_000_000, 800_000);
        Map<String, Long> kinds = new TreeMap<>();
        for (JsonNode k : f.get("byKind")) kinds.put(k.get("kind").asString(), k.get("sum").get("count").asLong());
        assertThat(kinds).containsExactlyEntriesOf(new TreeMap<>(Map.of("DEVELOPMENT", 1L, "TRANSFER", 1L, "SERVICE", 1L,
                "CONSULTING", 0L, "LICENSING", 0L)));
        // per town: 湖塘镇 sold once and bought twice (the research institute registered at district level has no town)
        assertThat(f.get("byRegion")).hasSize(1);
        JsonNode hutang = f.get("byRegion").get(0);
        assertThat(hutang.get("regionCode").asString()).isEqualTo("320412100");
        assertSum(hutang.get("outflow"), 1, 2_000_000, 2_000_000);
        assertSum(hutang.get("inflow"), 2, 1_500_000, 1_100_000);

        // 新北区 sees only the 2023 consultation, as an inflow from outside (the seller is in 武进区)
        JsonNode xinbei = json(get("/api/v1/resources/contracts/figures").param("year", "2023"), bureau("320411"));
        assertSum(xinbei.get("directions").get("inflowExternal"), 1, 100_000, 100_000);
        assertSum(xinbei.get("directions").get("outflow"), 0, 0, 0);
        JsonNode list = json(get("/api/v1/resources/contracts").param("year", "2024"), bureau("320411"));
        assertThat(list.get("totalItems").asLong()).isZero();

        String page = mvc.perform(get("/resources/contracts").param("year", "2024").with(PlatformImportTest.town()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("湖塘镇 · 2024 年技术合同").contains("技术输出（卖方在本地区）").contains("200.00 万元")
                .contains("2024320412000003").doesNotContain("2023320412000004");
        mvc.perform(get("/resources/contracts/export.xlsx").param("year", "2024").with(PlatformImportTest.district()))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/resources/contracts/figures").param("region", "320411").with(PlatformImportTest.district()))
                .andExpect(status().isBadRequest());
    }

    static void assertSum(JsonNode sum, long count, long amountYuan, long techYuan) {
        assertThat(sum.get("count").asLong()).isEqualTo(count);
        assertThat(sum.get("amountYuan").decimalValue()).isEqualByComparingTo(String.valueOf(amountYuan));
        assertThat(sum.get("techAmountYuan").decimalValue()).isEqualByComparingTo(String.valueOf(techYuan));
    }

    JsonNode json(MockHttpServletRequestBuilder request, RequestPostProcessor who) throws Exception {
        return PlatformImportTest.JSON.readTree(mvc.perform(request.with(who)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }

    static RequestPostProcessor bureau(String region) {
        return user(AppUserDetails.of(new CurrentUser(994, "bureau-" + region, "科技局", Role.BUREAU, region, null, null)));
    }
}
