package org.innoladder.enterprise;

import org.innoladder.enterprise.internal.EnterpriseQueries;
import org.innoladder.enterprise.internal.EnterpriseSearch;
import org.innoladder.enterprise.internal.EnterpriseSummary;
import org.innoladder.enterprise.web.EnterprisePageController;
import org.innoladder.web.ResultPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.innoladder.enterprise.EnterpriseFixtures.code;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.identity.DataScope;
import org.innoladder.identity.Role;
import org.innoladder.web.BadParameterException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Search text, filters, year, sort, paging and export of the enterprise list. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class EnterpriseSearchTest {
    static final String MARKER = "检索测试";
    static final int TAG = 22;
    // all in 新北区 320411; S1..S6
    static final String S1 = code("320411", TAG, 1);
    static final String S2 = code("320411", TAG, 2);
    static final String S3 = code("320411", TAG, 3);
    static final String S4 = code("320411", TAG, 4);
    static final String S5 = code("320411", TAG, 5);
    static final String S6 = code("320411", TAG, 6);

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EnterpriseQueries queries;

    private final DataScope xinbei = new DataScope.RegionSubtree("320411");

    @BeforeEach
    void data() {
        EnterpriseFixtures.regions(jdbc);
        LocalDate f = LocalDate.of(2012, 6, 1);
        long s1 = EnterpriseFixtures.enterprise(jdbc, S1, MARKER + "Alpha科技有限公司", "320411002", "C3911", "01", f, false);
        long s2 = EnterpriseFixtures.enterprise(jdbc, S2, MARKER + "百分%材料有限公司", "320411002", "C3421", "04", f.plusYears(1), false);
        long s3 = EnterpriseFixtures.enterprise(jdbc, S3, MARKER + "百分百材料有限公司", "320411003", "C39", "04", f.plusYears(2), true);
        long s4 = EnterpriseFixtures.enterprise(jdbc, S4, MARKER + "下划_线软件有限公司", "320411003", "I6513", "01", f.plusYears(3), false);
        long s5 = EnterpriseFixtures.enterprise(jdbc, S5, MARKER + "下划线软件有限公司", "320411", "I65", "05", f.plusYears(4), null);
        EnterpriseFixtures.enterprise(jdbc, S6, MARKER + "无数据有限公司", "320411", null, null, f.plusYears(5), null);
        // revenue 2023 / 2024 (yuan); S5 only 2023; S6 none
        EnterpriseFixtures.year(jdbc, s1, 2023, Map.of("sales_revenue", new BigDecimal("30000000"), "employees", 80, "rd_expense", new BigDecimal("1500000")), null);
        EnterpriseFixtures.year(jdbc, s1, 2024, Map.of("sales_revenue", new BigDecimal("40000000"), "employees", 90, "rd_expense", new BigDecimal("2000000")), null);
        EnterpriseFixtures.year(jdbc, s2, 2024, Map.of("sales_revenue", new BigDecimal("12345678.90"), "employees", 20), null);
        EnterpriseFixtures.year(jdbc, s3, 2023, Map.of("sales_revenue", new BigDecimal("90000000"), "employees", 300), null);
        EnterpriseFixtures.year(jdbc, s3, 2024, Map.of("sales_revenue", new BigDecimal("5000000"), "employees", 310), null);
        EnterpriseFixtures.year(jdbc, s4, 2024, Map.of("employees", 15), null);
        EnterpriseFixtures.year(jdbc, s5, 2023, Map.of("sales_revenue", new BigDecimal("70000000"), "employees", 120, "rd_expense", new BigDecimal("0")), null);
        EnterpriseFixtures.recognition(jdbc, s1, "HNTE", "GR202332000001", LocalDate.now().minusYears(1), LocalDate.now().plusYears(2), null);
        EnterpriseFixtures.recognition(jdbc, s1, "TSME", "2020320411A0001", LocalDate.now().minusYears(5), LocalDate.now().minusYears(4), null);
    }

    private List<String> codes(String q, String county, String town, String industry, String domain, String year,
                               String sort, String dir, String page, String size) {
        EnterpriseSearch s = EnterpriseSearch.parse(q, county, town, industry, domain, year, sort, dir, page, size);
        return queries.search(xinbei, s).items().stream().map(EnterpriseSummary::creditCode).toList();
    }

    private List<String> search(String q) {
        return codes(q, null, null, null, null, null, "code", null, null, null);
    }

    @Test
    void textMatchesNameSubstringsCaseInsensitively() {
        assertThat(search("alpha科技")).containsExactly(S1);
        assertThat(search("ALPHA")).containsExactly(S1);
        assertThat(search(MARKER)).containsExactly(S1, S2, S3, S4, S5, S6);
    }

    @Test
    void likeWildcardsInTheTextAreLiteral() {
        assertThat(search(MARKER + "百分%")).containsExactly(S2);
        assertThat(search("百分")).containsExactly(S2, S3);
        assertThat(search("下划_线")).containsExactly(S4);
        assertThat(search("下划")).containsExactly(S4, S5);
        assertThat(search("%")).containsExactly(S2);
    }

    @Test
    void textMatchesCreditCodePrefixesIgnoringCase() {
        String prefix = S3.substring(0, 17).toLowerCase();
        assertThat(search(prefix)).containsExactly(S3);
        assertThat(search(S1.substring(0, 10))).contains(S1, S2, S3, S4, S5, S6);
        // a code's middle is not a prefix
        assertThat(search(S3.substring(2, 17))).isEmpty();
    }

    @Test
    void filtersByTownIndustryPrefixAndDomain() {
        assertThat(codes(MARKER, "320411", null, null, null, null, "code", null, null, null)).hasSize(6);
        assertThat(codes(MARKER, "320412", null, null, null, null, "code", null, null, null)).isEmpty();
        assertThat(codes(MARKER, null, "320411003", null, null, null, "code", null, null, null)).containsExactly(S3, S4);
        assertThat(codes(MARKER, null, null, "c39", null, null, "code", null, null, null)).containsExactly(S1, S3);
        assertThat(codes(MARKER, null, null, "C", null, null, "code", null, null, null)).containsExactly(S1, S2, S3);
        assertThat(codes(MARKER, null, null, "I65", null, null, "code", null, null, null)).containsExactly(S4, S5);
        assertThat(codes(MARKER, null, null, null, "04", null, "code", null, null, null)).containsExactly(S2, S3);
    }

    @Test
    void yearChoosesTheFactsShownAndLatestIsTheDefault() {
        EnterpriseSearch latest = EnterpriseSearch.parse(MARKER, null, null, null, null, null, "code", null, null, null);
        Map<String, EnterpriseSummary> byCode = new HashMap<>();
        queries.search(xinbei, latest).items().forEach(e -> byCode.put(e.creditCode(), e));
        assertThat(byCode.get(S1).dataYear()).isEqualTo(2024);
        assertThat(byCode.get(S1).salesRevenue()).isEqualByComparingTo("40000000");
        assertThat(byCode.get(S1).rdIntensity()).isEqualByComparingTo("0.05");
        assertThat(byCode.get(S1).recognitions()).containsExactly("HNTE");
        assertThat(byCode.get(S5).dataYear()).isEqualTo(2023);
        assertThat(byCode.get(S5).rdIntensity()).isEqualByComparingTo("0");
        assertThat(byCode.get(S4).salesRevenue()).isNull();
        assertThat(byCode.get(S4).rdIntensity()).isNull();
        assertThat(byCode.get(S6).dataYear()).isNull();

        EnterpriseSearch y2023 = EnterpriseSearch.parse(MARKER, null, null, null, null, "2023", "code", null, null, null);
        byCode.clear();
        queries.search(xinbei, y2023).items().forEach(e -> byCode.put(e.creditCode(), e));
        assertThat(byCode).hasSize(6);
        assertThat(byCode.get(S1).salesRevenue()).isEqualByComparingTo("30000000");
        assertThat(byCode.get(S3).employees()).isEqualTo(300);
        assertThat(byCode.get(S2).dataYear()).isNull();
    }

    @Test
    void sortsWithUnknownLastAndPages() {
        assertThat(codes(MARKER, null, null, null, null, null, "revenue", "desc", null, null))
                .containsExactly(S5, S1, S2, S3, S4, S6);
        assertThat(codes(MARKER, null, null, null, null, null, "revenue", "asc", null, null))
                .containsExactly(S3, S2, S1, S5, S4, S6);
        assertThat(codes(MARKER, null, null, null, null, null, "founded", "desc", null, null))
                .containsExactly(S6, S5, S4, S3, S2, S1);

        EnterpriseSearch page2 = EnterpriseSearch.parse(MARKER, null, null, null, null, null, "code", null, "2", "4");
        ResultPage<EnterpriseSummary> result = queries.search(xinbei, page2);
        assertThat(result.items()).extracting(EnterpriseSummary::creditCode).containsExactly(S5, S6);
        assertThat(result.totalItems()).isEqualTo(6);
        assertThat(result.totalPages()).isEqualTo(2);
        assertThat(result.hasPrevious()).isTrue();
        assertThat(result.hasNext()).isFalse();
        // a page cut by a sort on the latest year's facts is the same slice of the whole order
        EnterpriseSearch revenuePage2 = EnterpriseSearch.parse(MARKER, null, null, null, null, null, "revenue", "desc", "2", "2");
        assertThat(queries.search(xinbei, revenuePage2).items()).extracting(EnterpriseSummary::creditCode).containsExactly(S2, S3);
        EnterpriseSearch beyond = EnterpriseSearch.parse(MARKER, null, null, null, null, null, "code", null, "9", "4");
        assertThat(queries.search(xinbei, beyond).items()).isEmpty();
    }

    @Test
    void listPageShowsColumnsInWanAndUnknownAsDash() throws Exception {
        String html = mvc.perform(get("/enterprises").param("q", MARKER).param("sort", "code").with(bureau()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(EnterpriseFixtures.listedCodes(html)).containsExactly(S1, S2, S3, S4, S5, S6);
        String s2Row = row(html, S2);
        assertThat(s2Row).contains("1,234.57").contains("三井街道").contains("新北区").contains("04 新材料");
        String s1Row = row(html, S1);
        assertThat(s1Row).contains("4,000.00").contains("5.00").contains("高新技术企业").doesNotContain("科技型中小企业");
        assertThat(row(html, S6)).contains("—").doesNotContain("0.00");
        assertThat(html).contains("共 6 家企业");
    }

    @Test
    void listPagePagesAndKeepsFiltersInLinks() throws Exception {
        String html = mvc.perform(get("/enterprises").param("q", MARKER).param("sort", "code").param("size", "2")
                        .param("page", "2").with(bureau()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(EnterpriseFixtures.listedCodes(html)).containsExactly(S3, S4);
        assertThat(html).contains("id=\"page-prev\"").contains("id=\"page-next\"").contains("page=3").contains("size=2");
    }

    @Test
    void badListParametersAreNamedOnThePage() throws Exception {
        mvc.perform(get("/enterprises").param("size", "500").with(bureau()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("参数 size 的值“500”不符合规则")));
        mvc.perform(get("/enterprises").param("domain", "09").param("lang", "en").with(bureau()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Parameter &#39;domain&#39; = &#39;09&#39;")));
    }

    @Test
    void parserNamesParameterValueAndRule() {
        BadParameterException e = org.junit.jupiter.api.Assertions.assertThrows(BadParameterException.class,
                () -> EnterpriseSearch.parse(null, null, null, null, null, "1989", null, null, null, null));
        assertThat(e.parameter()).isEqualTo("year");
        assertThat(e.value()).isEqualTo("1989");
        assertThat(e.ruleEn()).contains("between 1990 and");
        assertThat(org.junit.jupiter.api.Assertions.assertThrows(BadParameterException.class,
                () -> EnterpriseSearch.parse(null, "3204", null, null, null, null, null, null, null, null)).parameter())
                .isEqualTo("county");
        assertThat(org.junit.jupiter.api.Assertions.assertThrows(BadParameterException.class,
                () -> EnterpriseSearch.parse(null, null, null, "C39'--", null, null, null, null, null, null)).parameter())
                .isEqualTo("industry");
        assertThat(org.junit.jupiter.api.Assertions.assertThrows(BadParameterException.class,
                () -> EnterpriseSearch.parse(null, null, null, null, null, null, "credit_code; drop", null, null, null)).parameter())
                .isEqualTo("sort");
        assertThat(org.junit.jupiter.api.Assertions.assertThrows(BadParameterException.class,
                () -> EnterpriseSearch.parse(null, null, null, null, null, null, null, null, "0", null)).parameter())
                .isEqualTo("page");
    }

    @Test
    void exportHasChineseHeadersAndTheFilteredRowsInOrder() throws Exception {
        byte[] xlsx = mvc.perform(get("/enterprises/export.xlsx").param("q", MARKER).param("industry", "C")
                        .param("sort", "revenue").param("dir", "desc").with(bureau()))
                .andExpect(status().isOk())
                .andExpect(content().contentType(EnterprisePageController.XLSX))
                .andReturn().getResponse().getContentAsByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertThat(rows.get(0).getCellText(0)).isEqualTo("统一社会信用代码");
            assertThat(rows.get(0).getCellText(10)).isEqualTo("销售收入（万元）");
            assertThat(rows).hasSize(4);
            assertThat(rows.subList(1, 4)).extracting(r -> r.getCellText(0)).containsExactly(S1, S2, S3);
            Row s1 = rows.get(1);
            assertThat(s1.getCellText(1)).isEqualTo(MARKER + "Alpha科技有限公司");
            assertThat(s1.getCellAsNumber(10).orElseThrow()).isEqualByComparingTo("4000.00");
            assertThat(s1.getCellAsNumber(11).orElseThrow()).isEqualByComparingTo("90");
            assertThat(s1.getCellAsNumber(12).orElseThrow()).isEqualByComparingTo("5.00");
            assertThat(s1.getCellText(13)).isEqualTo("高新技术企业");
            assertThat(s1.getCellText(6)).isEqualTo("01 电子信息");
            assertThat(s1.getCellAsDate(7).orElseThrow().toLocalDate()).isEqualTo(LocalDate.of(2012, 6, 1));
        }
    }

    @Test
    void exportRefusesBadParametersWithTheRule() throws Exception {
        mvc.perform(get("/enterprises/export.xlsx").param("year", "abc").with(bureau()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Parameter 'year' = 'abc': must be a whole number")));
    }

    private static RequestPostProcessor bureau() {
        return user(AppUserDetails.of(EnterpriseFixtures.user(Role.BUREAU, "3204", null, null)));
    }

    private static String row(String html, String code) {
        int from = html.indexOf("data-credit-code=\"" + code + "\"");
        return html.substring(from, html.indexOf("</tr>", from));
    }
}
