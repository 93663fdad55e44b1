package org.innoladder.investment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.ladder.TargetMetric;
import org.innoladder.rules.facts.CreditCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registries' target metrics contributed by the modules that own the data (resources: carriers by level, R&D
 * platforms, technology-transaction amounts; investment: signed investment and projects landed), each checked against
 * values computed by hand from a small data set in an invented city 3299 no other test writes to: by level, by year
 * (stocks recognised by the year's end; flows by the date in the year), by region, and within the caller's scope — a
 * district officer asking about the whole city still counts only its district, an enterprise counts nothing. One
 * target set through the API shows the actual with its unit.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryTargetMetricsTest {
    static final String E1 = CreditCode.complete("91329901" + "77" + "000001"), E2 = CreditCode.complete("91329902" + "77" + "000002");
    static final CurrentUser CITY = new CurrentUser(7001, "mt-city", "测试市", Role.BUREAU, "3299", null, null);
    static final CurrentUser DISTRICT = new CurrentUser(7002, "mt-district", "测试区", Role.BUREAU, "329901", null, null);
    static final CurrentUser TOWN = new CurrentUser(7003, "mt-town", "测试镇", Role.TOWN, "329901002", null, null);
    static final CurrentUser FIRM = new CurrentUser(7004, "mt-firm", "测试企业", Role.ENTERPRISE, null, 1L, null);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    List<TargetMetric> all;
    @Autowired
    MockMvc mvc;
    Map<String, TargetMetric> metrics;

    @BeforeAll
    void data() {
        metrics = all.stream().collect(Collectors.toMap(TargetMetric::code, m -> m));
        for (String[] r : new String[][] {{"32", "江苏省", "province", null}, {"3299", "测试市", "city", "32"},
                {"329901", "测试一区", "county", "3299"}, {"329902", "测试二区", "county", "3299"},
                {"329901001", "测试甲镇", "town", "329901"}, {"329901002", "测试乙镇", "town", "329901"},
                {"329902001", "测试丙镇", "town", "329902"}}) {
            jdbc.sql("INSERT INTO region (code, name, level, parent_code) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(r[0], r[1], r[2], r[3]).update();
        }
        long e1 = enterprise(E1, "指标测试甲有限公司", "329901001"), e2 = enterprise(E2, "指标测试丙有限公司", "329902001");
        // carriers: where they are, level, year recognised
        carrier("指标测试国家级孵化器", "329901001", "NATIONAL", 2020);
        carrier("指标测试省级众创空间", "329901002", "PROVINCIAL", 2022);
        carrier("指标测试市级加速器", "329902001", "MUNICIPAL", 2021);
        carrier("指标测试新认定孵化器", "329901001", "PROVINCIAL", 2025);
        // platforms: where their host is, level, year recognised
        platform(e1, "ENGINEERING_CENTRE", "NATIONAL", 2019);
        platform(e1, "ENTERPRISE_TECH_CENTRE", "MUNICIPAL", 2023);
        platform(e2, "KEY_LAB", "PROVINCIAL", 2024);
        platform(e2, "POSTDOC_STATION", "MUNICIPAL", 2025);
        // contracts: seller, buyer, technology-transaction amount in 万元, date signed
        contract("MT-1", "329901001", "32", "100", "2024-03-01");
        contract("MT-2", "329902001", "329901002", "50.4", "2024-12-31");
        contract("MT-3", "329901001", "329901002", "30", "2023-06-01");
        contract("MT-4", "32", "329901001", "20.2", "2024-01-01");
        // projects: signed 5000 (landed, in production), 3000.5 (then terminated), one signed in 2023 and landed in 2024, a lead
        jdbc.sql("""
                INSERT INTO investment_project (name, field, source, region_code, planned_yuan, signed_yuan, status, credit_code, lead_on,
                                                signed_on, landed_on, producing_on, terminated_reason) VALUES
                ('指标测试一', '智能制造', 'EVENT', '329901001', 60000000, 50000000, 'PRODUCING', ?, DATE '2023-10-01', DATE '2024-02-01',
                 DATE '2024-06-01', DATE '2024-10-01', NULL),
                ('指标测试二', '新能源', 'FUND', '329901002', 40000000, 30005000, 'TERMINATED', NULL, DATE '2024-01-05', DATE '2024-05-01',
                 NULL, NULL, '投资方撤回'),
                ('指标测试三', '新材料', 'AGENCY', '329902001', 20000000, 20000000, 'LANDED', ?, DATE '2023-03-01', DATE '2023-11-01',
                 DATE '2024-01-15', NULL, NULL),
                ('指标测试四', '生物医药', 'OTHER', '329901001', 10000000, NULL, 'LEAD', NULL, DATE '2024-07-01', NULL, NULL, NULL, NULL)
                ON CONFLICT DO NOTHING""").params(E1, E2).update();
    }

    long enterprise(String code, String name, String region) {
        jdbc.sql("INSERT INTO enterprise (credit_code, name, region_code, founded_on) VALUES (?, ?, ?, DATE '2010-01-01') ON CONFLICT DO NOTHING")
                .params(code, name, region).update();
        return jdbc.sql("SELECT id FROM enterprise WHERE credit_code = ?").param(code).query(Long.class).single();
    }

    void carrier(String name, String region, String level, int year) {
        jdbc.sql("INSERT INTO carrier (kind, level, name, region_code, document, recognised_year) VALUES ('INCUBATOR', ?, ?, ?, '测试文号', ?)"
                + " ON CONFLICT DO NOTHING").params(level, name, region, year).update();
    }

    void platform(long host, String kind, String level, int year) {
        jdbc.sql("INSERT INTO rd_platform (enterprise_id, kind, level, name, document, recognised_year) VALUES (?, ?, ?, ?, '测试文号', ?)"
                + " ON CONFLICT DO NOTHING").params(host, kind, level, "指标测试" + kind, year).update();
    }

    void contract(String no, String seller, String buyer, String techWan, String date) {
        jdbc.sql("""
                INSERT INTO tech_contract (contract_no, kind, buyer_name, buyer_region, seller_name, seller_region, amount_yuan,
                                           tech_amount_yuan, signed_on)
                VALUES (?, 'DEVELOPMENT', '买方', ?, '卖方', ?, CAST(? AS numeric) * 20000, CAST(? AS numeric) * 10000, CAST(? AS date))
                ON CONFLICT DO NOTHING""").params(no, buyer, seller, techWan, techWan, date).update();
    }

    long value(String code, CurrentUser who, String region, int year) {
        return metrics.get(code).actual(who, region, year);
    }

    @Test
    void carriersByLevelAreTheStockRecognisedByTheYearsEnd() {
        assertThat(value("CARRIERS_NATIONAL", CITY, "3299", 2024)).isEqualTo(1);
        assertThat(value("CARRIERS_PROVINCIAL_UP", CITY, "3299", 2024)).isEqualTo(2);
        assertThat(value("CARRIERS", CITY, "3299", 2024)).isEqualTo(3);
        assertThat(value("CARRIERS", CITY, "3299", 2025)).isEqualTo(4);
        assertThat(value("CARRIERS", CITY, "3299", 2020)).isEqualTo(1);
        assertThat(value("CARRIERS_PROVINCIAL_UP", CITY, "329902", 2024)).isZero();
        assertThat(value("CARRIERS", DISTRICT, null, 2024)).isEqualTo(2);
        // a district officer asking about the city still counts only the district
        assertThat(value("CARRIERS", DISTRICT, "3299", 2024)).isEqualTo(2);
        assertThat(value("CARRIERS", TOWN, null, 2024)).isEqualTo(1);
        assertThat(value("CARRIERS", FIRM, null, 2024)).isZero();
        assertThat(metrics.get("CARRIERS").unit()).isEqualTo("carriers");
    }

    @Test
    void platformsCountWhereTheirHostIs() {
        assertThat(value("RD_PLATFORMS", CITY, "3299", 2024)).isEqualTo(3);
        assertThat(value("RD_PLATFORMS", CITY, "3299", 2025)).isEqualTo(4);
        assertThat(value("RD_PLATFORMS", DISTRICT, null, 2024)).isEqualTo(2);
        assertThat(value("RD_PLATFORMS_PROVINCIAL_UP", CITY, "3299", 2024)).isEqualTo(2);
        assertThat(value("RD_PLATFORMS_PROVINCIAL_UP", CITY, "329902", 2024)).isEqualTo(1);
        assertThat(value("RD_PLATFORMS", TOWN, null, 2024)).isZero();
        assertThat(value("RD_PLATFORMS", FIRM, null, 2024)).isZero();
    }

    @Test
    void technologyTransactionAmountsAreTheYearsContractsBySellerOrBuyerInWhole10kYuan() {
        assertThat(value("TECH_CONTRACT_OUTFLOW", CITY, "3299", 2024)).isEqualTo(150);   // 100 + 50.4
        assertThat(value("TECH_CONTRACT_OUTFLOW", CITY, "329901", 2024)).isEqualTo(100);
        assertThat(value("TECH_CONTRACT_OUTFLOW", CITY, "329902", 2024)).isEqualTo(50);  // 50.4
        assertThat(value("TECH_CONTRACT_OUTFLOW", CITY, "3299", 2023)).isEqualTo(30);
        assertThat(value("TECH_CONTRACT_INFLOW", CITY, "3299", 2024)).isEqualTo(71);     // 50.4 + 20.2 = 70.6
        assertThat(value("TECH_CONTRACT_INFLOW", DISTRICT, "3299", 2024)).isEqualTo(71);
        assertThat(value("TECH_CONTRACT_INFLOW", CITY, "329902", 2024)).isZero();
        assertThat(value("TECH_CONTRACT_INFLOW", TOWN, null, 2024)).isEqualTo(50);
        assertThat(value("TECH_CONTRACT_OUTFLOW", FIRM, null, 2024)).isZero();
        assertThat(metrics.get("TECH_CONTRACT_OUTFLOW").unit()).isEqualTo("wanyuan");
    }

    @Test
    void signedInvestmentAndLandedProjectsCountByTheDateOfTheirStep() {
        assertThat(value("INVESTMENT_SIGNED", CITY, "3299", 2024)).isEqualTo(8001);    // 5000 + 3000.5, the terminated one too
        assertThat(value("INVESTMENT_SIGNED", CITY, "3299", 2023)).isEqualTo(2000);
        assertThat(value("INVESTMENT_SIGNED", CITY, "329902", 2024)).isZero();
        assertThat(value("INVESTMENT_SIGNED", TOWN, null, 2024)).isEqualTo(3001);      // 3000.5
        assertThat(value("INVESTMENT_LANDED", CITY, "3299", 2024)).isEqualTo(2);
        assertThat(value("INVESTMENT_LANDED", DISTRICT, "3299", 2024)).isEqualTo(1);
        assertThat(value("INVESTMENT_LANDED", TOWN, null, 2024)).isZero();
        assertThat(value("INVESTMENT_LANDED", FIRM, null, 2024)).isZero();
        assertThat(metrics.get("INVESTMENT_LANDED").unit()).isEqualTo("projects");
    }

    @Test
    void aTargetOnSignedInvestmentShowsTheActualInTenThousandYuan() throws Exception {
        long id = jdbc.sql("INSERT INTO app_user (username, password_hash, display_name, role, region_code) VALUES ('mt-city-officer', 'x',"
                + " '测试市科技局', 'BUREAU', '3299') ON CONFLICT (username) DO UPDATE SET region_code = '3299' RETURNING id").query(Long.class).single();
        CurrentUser officer = new CurrentUser(id, "mt-city-officer", "测试市科技局", Role.BUREAU, "3299", null, null);
        String body = "{\"region\":\"3299\",\"year\":2024,\"metric\":\"INVESTMENT_SIGNED\",\"value\":10000}";
        JsonNode row = JsonMapper.builder().build().readTree(mvc.perform(put("/api/v1/ladder/targets").with(user(AppUserDetails.of(officer)))
                .with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(row.get("actual").asLong()).as(row.toString()).isEqualTo(8001);
        assertThat(row.get("unit").asString()).isEqualTo("wanyuan");
        String page = mvc.perform(get("/ladder/targets?year=2024&region=3299").with(user(AppUserDetails.of(officer)))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("科技招商签约投资额（年内签约）", "8,001 万元", "10,000 万元");
    }
}
