package org.innoladder.resources.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.identity.Role;
import org.innoladder.identity.internal.AppUserDetails;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The monthly contract summary the statistics read equals the summary rebuilt from the contracts themselves after
 * imports — a first file, the same file again, and a file changing contracts (amount, kind, region, month, year) and
 * adding one — and the statistics, the per-region sums and the list's total read from it equal those computed from the
 * contracts, for a city, a district and a town, a year, a kind. The contracts lie in an invented city 3297 no other
 * test writes to.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractSummaryTest {
    static final String HEADER = "合同编号,合同类型,买方名称,买方所在地区代码,卖方名称,卖方所在地区代码,合同金额（万元）,技术交易额（万元）,签订日期\n";
    static final String FIRST = HEADER
            + "SUM-1,技术开发,甲,329701001,乙,329701002,100,80,2024-01-15\n"
            + "SUM-2,技术转让,甲,329701001,丙,329702001,200,150.5,2024-02-01\n"
            + "SUM-3,技术服务,外地,32,乙,329701002,50,50,2024-02-28\n"
            + "SUM-4,技术咨询,乙,329701002,外地,32,12.3456,10,2024-12-31\n"
            + "SUM-5,技术许可,区,329701,丙,329702001,70,70,2023-06-01\n"
            + "SUM-6,技术开发,丙,329702001,甲,329701001,30,20,2024-07-07\n";
    static final String SECOND = HEADER
            + "SUM-2,技术开发,甲,329701001,乙,329701002,250,200,2024-03-01\n"   // kind, seller's town, month and amounts change
            + "SUM-3,技术服务,外地,32,乙,329701002,50,50,2025-01-02\n"          // moves to the next year
            + "SUM-6,技术开发,丙,329702001,甲,329701001,30,20,2024-07-07\n"     // unchanged
            + "SUM-7,技术服务,甲,329701001,丙,329702001,5,5,2024-11-11\n";     // new

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Contracts contracts;

    @BeforeAll
    void data() throws Exception {
        for (String[] r : new String[][] {{"32", "江苏省", "province", null}, {"3297", "汇总测试市", "city", "32"},
                {"329701", "汇总一区", "county", "3297"}, {"329702", "汇总二区", "county", "3297"},
                {"329701001", "汇总甲镇", "town", "329701"}, {"329701002", "汇总乙镇", "town", "329701"},
                {"329702001", "汇总丙镇", "town", "329702"}}) {
            jdbc.sql("INSERT INTO region (code, name, level, parent_code) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(r[0], r[1], r[2], r[3]).update();
        }
        upload(FIRST);
        assertSummaryIsTheRebuiltOne();
        upload(FIRST);
        assertSummaryIsTheRebuiltOne();
        upload(SECOND);
    }

    void upload(String csv) throws Exception {
        mvc.perform(multipart("/api/v1/resources/contracts/import").file(new MockMultipartFile("file", "contracts.csv", "text/csv",
                        csv.getBytes(StandardCharsets.UTF_8)))
                .with(user(AppUserDetails.of(new CurrentUser(7201, "sum-city", "汇总测试市", Role.BUREAU, "3297", null, null)))).with(csrf()))
                .andReturn();
    }

    void assertSummaryIsTheRebuiltOne() {
        String rebuilt = ContractSummary.REBUILD.substring(ContractSummary.REBUILD.indexOf("SELECT"));
        String kept = "SELECT month, kind, CAST(side AS text), region, other_inside, contracts, amount_yuan, tech_amount_yuan"
                + " FROM tech_contract_summary WHERE region LIKE '3297%'";
        String fresh = "SELECT * FROM (" + rebuilt + ") r WHERE r.prefix LIKE '3297%'";
        assertThat(jdbc.sql("SELECT count(*) FROM ((" + kept + ") EXCEPT (" + fresh + ")) x").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM ((" + fresh + ") EXCEPT (" + kept + ")) x").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM tech_contract_summary WHERE region LIKE '3297%'").query(Long.class).single()).isPositive();
    }

    @Test
    void theSummaryAfterChangesIsTheOneRebuiltFromTheContracts() {
        assertSummaryIsTheRebuiltOne();
        assertThat(jdbc.sql("SELECT count(*) FROM tech_contract WHERE contract_no LIKE 'SUM-%'").query(Long.class).single()).isEqualTo(7);
    }

    @Test
    void statisticsFromTheSummaryEqualThoseFromTheContracts() {
        for (String scope : new String[] {"3297", "329701", "329701002", "329702"}) {
            DataScope s = new DataScope.RegionSubtree(scope);
            for (Integer year : new Integer[] {2023, 2024, 2025, null}) {
                for (ContractKind kind : new ContractKind[] {null, ContractKind.DEVELOPMENT, ContractKind.SERVICE}) {
                    for (String region : scope.equals("3297") ? new String[] {null, "329701", "329701001"} : new String[] {null}) {
                        Contracts.Filter f = new Contracts.Filter(region, year, kind, null);
                        String what = scope + " " + region + " " + year + " " + kind;
                        assertThat(contracts.statistics(s, f)).as(what).usingRecursiveComparison()
                                .withComparatorForType(java.math.BigDecimal::compareTo, java.math.BigDecimal.class)
                                .isEqualTo(contracts.rawStatistics(s, f));
                        assertThat(contracts.byRegion(s, f)).as(what).usingRecursiveComparison()
                                .withComparatorForType(java.math.BigDecimal::compareTo, java.math.BigDecimal.class)
                                .isEqualTo(contracts.rawByRegion(s, f));
                        java.util.Map<String, Object> p = new java.util.HashMap<>();
                        String where = Contracts.where(s, f, p);
                        assertThat(contracts.list(s, f, 1, 50).totalItems()).as(what)
                                .isEqualTo(jdbc.sql("SELECT count(*) FROM tech_contract c" + where).params(p).query(Long.class).single());
                    }
                }
            }
        }
        // a hand check: the city's 2024 flows after the changes — SUM-1, 2, 4, 6, 7 (SUM-3 moved to 2025, SUM-5 is 2023)
        Contracts.Statistics city = contracts.statistics(new DataScope.RegionSubtree("3297"), new Contracts.Filter(null, 2024, null, null));
        assertThat(city.directions().outflow().count()).isEqualTo(4);          // sellers inside: 1, 2, 6, 7
        assertThat(city.directions().outflowExternal().count()).isZero();
        assertThat(city.directions().inflow().count()).isEqualTo(5);           // buyers inside: 1, 2, 4, 6, 7
        assertThat(city.directions().inflowExternal().count()).isEqualTo(1);   // SUM-4 bought from outside
        assertThat(city.directions().local().techAmountYuan()).isEqualByComparingTo("3050000");  // 80 + 200 + 20 + 5 万元
        assertThat(List.of(city.byKind().get(0).kind(), city.byKind().get(0).sum().count())).containsExactly(ContractKind.DEVELOPMENT, 3L);
    }
}
