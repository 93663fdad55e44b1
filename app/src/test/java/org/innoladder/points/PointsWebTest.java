package org.innoladder.points;

import org.innoladder.rules.points.EnterprisePoints;
import org.innoladder.rules.points.PointsModel;
import org.innoladder.rules.points.PointsResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.innoladder.cli.Cli;
import org.innoladder.evaluation.internal.EvaluationRun;
import org.innoladder.evaluation.EvaluationRuns;
import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.importer.ImportService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read side of stored points over the synthetic population: scope of every figure (exact sets), the ranking's
 * filters and paging, the page, its Excel export, the enterprise file section, the evaluation run's points step and
 * the command's database mode.
 */
@SpringBootTest(properties = "innoladder.test.context=points")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class PointsWebTest {
    static final int YEAR = PointsTestData.CITY_YEAR;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PointsRuns runs;
    @Autowired
    ImportService importer;
    @Autowired
    EvaluationRuns evaluations;
    @Autowired
    DataSource dataSource;

    @BeforeEach
    void data() throws Exception {
        PointsTestData.ensureLoaded(jdbc, importer, runs);
    }

    static PointsResult cityResult() {
        return PointsModel.defaultModel().score(PointsTestData.rows(), YEAR);
    }

    /** Region code per credit code, from the generator's rows. */
    static Map<String, String> regions() {
        return PointsTestData.rows().stream().collect(Collectors.toMap(FactRow::creditCode,
                r -> r.text(Column.REGION_CODE), (a, b) -> a));
    }

    /** The town with the most enterprises scored in YEAR. */
    static String busiestTown() {
        Map<String, String> regions = regions();
        return cityResult().enterprises().stream().map(e -> regions.get(e.creditCode()))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    static Set<String> expected(Predicate<EnterprisePoints> which) {
        return cityResult().enterprises().stream().filter(which).map(EnterprisePoints::creditCode).collect(Collectors.toSet());
    }

    @Test
    void aTownUsersDistributionAndRankingCountOnlyItsTown() throws Exception {
        String town = busiestTown();
        Map<String, String> regions = regions();
        Set<String> inTown = expected(e -> regions.get(e.creditCode()).equals(town));
        assertThat(inTown).hasSizeGreaterThan(1);
        RequestPostProcessor who = as(Role.TOWN, town, null, null);

        JsonNode dist = api(who, "/api/v1/points/distribution?year=" + YEAR);
        assertThat(dist.get("all").get("count").asLong()).isEqualTo(inTown.size());
        long byStage = 0, byBucket = 0;
        for (JsonNode s : dist.get("stages")) byStage += s.get("count").asLong();
        for (JsonNode b : dist.get("buckets")) byBucket += b.get("count").asLong();
        assertThat(byStage).isEqualTo(inTown.size());
        assertThat(byBucket).isEqualTo(inTown.size());
        assertThat(rankingCodes(who, "")).isEqualTo(inTown);
        // the city is outside the town's scope
        mvc.perform(get("/api/v1/points?region=3204&year=" + YEAR).with(who)).andExpect(status().isBadRequest());
    }

    @Test
    void theCityDistributionMatchesTheModelPerStage() throws Exception {
        PointsResult city = cityResult();
        JsonNode dist = api(bureau(), "/api/v1/points/distribution?year=" + YEAR + "&region=3204");
        assertThat(dist.get("all").get("count").asLong()).isEqualTo(city.enterprises().size());
        for (JsonNode s : dist.get("stages")) {
            String stage = s.get("stage").get("id").asString();
            List<Double> points = city.enterprises().stream().filter(e -> e.stage().equals(stage))
                    .map(EnterprisePoints::points).sorted().toList();
            assertThat(s.get("count").asLong()).as(stage).isEqualTo(points.size());
            assertThat(s.get("min").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(points.get(0)));
            assertThat(s.get("max").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(points.get(points.size() - 1)));
        }
        assertThat(dist.get("populations").size()).isEqualTo(1);
        assertThat(dist.get("populations").get(0).get("regionCode").asString()).isEqualTo("3204");
        // bucket counts: points in [from, from + 10)
        JsonNode first = dist.get("buckets").get(0);
        double from = first.get("from").asDouble();
        assertThat(first.get("count").asLong()).isEqualTo(city.enterprises().stream()
                .filter(e -> e.points() >= from && e.points() < from + 10).count()).isPositive();
    }

    @Test
    void anEnterpriseSeesOnlyItsOwnPointsAndABankOnlyAuthorisedEnterprises() throws Exception {
        List<EnterprisePoints> all = cityResult().enterprises();
        String own = all.get(0).creditCode(), other = all.get(1).creditCode();
        long ownId = id(own);
        RequestPostProcessor enterprise = as(Role.ENTERPRISE, null, ownId, null);
        JsonNode mine = api(enterprise, "/api/v1/enterprises/" + own + "/points?year=" + YEAR);
        assertThat(mine.size()).isEqualTo(1);
        assertThat(mine.get(0).get("total").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(all.get(0).points()));
        mvc.perform(get("/api/v1/enterprises/" + other + "/points").with(enterprise)).andExpect(status().isNotFound());
        mvc.perform(get("/points").with(enterprise)).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/points").with(enterprise)).andExpect(status().isForbidden());

        long bank = jdbc.sql("INSERT INTO bank (code, name) VALUES ('PTS-BANK', '积分测试银行') ON CONFLICT (code) DO UPDATE"
                + " SET name = excluded.name RETURNING id").query(Long.class).single();
        String a = all.get(2).creditCode(), b = all.get(3).creditCode(), expired = all.get(4).creditCode();
        if (jdbc.sql("SELECT count(*) FROM bank_authorisation WHERE bank_id = ?").params(bank).query(Long.class).single() == 0) {
            for (String c : List.of(a, b)) {
                jdbc.sql("INSERT INTO bank_authorisation (enterprise_id, bank_id, expires_at) VALUES (?, ?, now() + interval '30 days')")
                        .params(id(c), bank).update();
            }
            jdbc.sql("INSERT INTO bank_authorisation (enterprise_id, bank_id, granted_at, expires_at) VALUES (?, ?,"
                    + " now() - interval '60 days', now() - interval '1 day')").params(id(expired), bank).update();
        }
        RequestPostProcessor banker = as(Role.BANK, null, null, bank);
        assertThat(rankingCodes(banker, "")).containsExactlyInAnyOrder(a, b);
        assertThat(api(banker, "/api/v1/points/distribution?year=" + YEAR).get("all").get("count").asLong()).isEqualTo(2);
        mvc.perform(get("/api/v1/enterprises/" + expired + "/points").with(banker)).andExpect(status().isNotFound());
        assertThat(page(banker, "/points?year=" + YEAR)).contains(a, b).doesNotContain(expired);
    }

    @Test
    void theRankingFiltersByStageAndBandAndPagesInOrder() throws Exception {
        Set<String> growthBand = expected(e -> e.stage().equals("growth") && e.points() >= 20 && e.points() < 40);
        assertThat(rankingCodes(bureau(), "&stage=growth&min=20&max=40")).isEqualTo(growthBand);

        List<String> order = cityResult().enterprises().stream()
                .sorted(Comparator.comparingDouble(EnterprisePoints::points).reversed().thenComparing(EnterprisePoints::creditCode))
                .map(EnterprisePoints::creditCode).toList();
        JsonNode second = api(bureau(), "/api/v1/points?year=" + YEAR + "&page=2&size=10");
        List<String> codes = new ArrayList<>();
        for (JsonNode r : second.get("page").get("items")) codes.add(r.get("creditCode").asString());
        assertThat(codes).isEqualTo(order.subList(10, 20));
        assertThat(second.get("page").get("totalItems").asLong()).isEqualTo(order.size());

        String bad = mvc.perform(get("/api/v1/points?year=" + YEAR + "&stage=teen").with(bureau()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(bad).contains("stage", "teen", "startup");
        mvc.perform(get("/api/v1/points?year=" + YEAR + "&min=abc").with(bureau())).andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/points?year=" + YEAR + "&min=30&max=10").with(bureau())).andExpect(status().isBadRequest());
    }

    @Test
    void thePageShowsTheDistributionWithBandLinksTheRankingAndExportsIt() throws Exception {
        String html = page(leader(), "/points?year=" + YEAR);
        assertThat(html).contains("id=\"points-distribution\"", "id=\"points-distribution-chart\"", "id=\"points-table\"",
                "初创期", "成长期", "稳定期", "积分相对于 常州市 的", "/points?region=3204&amp;year=" + YEAR + "&amp;min=");
        assertThat(page(leader(), "/points?year=" + YEAR + "&lang=en")).contains("Percentile in stage", "Start-up");

        byte[] xlsx = mvc.perform(get("/points.xlsx?year=" + YEAR + "&stage=stable").with(bureau()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        List<String> codes = new ArrayList<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            try (var rows = wb.getFirstSheet().openStream()) {
                rows.forEach((Row r) -> codes.add(r.getCellText(1)));
            }
        }
        assertThat(codes.get(0)).isEqualTo("统一社会信用代码");
        assertThat(new java.util.HashSet<>(codes.subList(1, codes.size()))).isEqualTo(expected(e -> e.stage().equals("stable")));
    }

    @Test
    void theEnterpriseFileShowsTotalStagePercentileBreakdownMissingAndTheModel() throws Exception {
        EnterprisePoints e = cityResult().enterprises().stream().filter(x -> !x.missing().isEmpty()).findFirst()
                .orElse(cityResult().enterprises().get(0));
        String html = page(bureau(), "/enterprises/" + e.creditCode());
        String stageZh = PointsModel.defaultModel().stages().stream().filter(s -> s.id().equals(e.stage())).findFirst()
                .orElseThrow().zh();
        assertThat(html).contains("id=\"points\"", "id=\"points-breakdown\"", "技术创新", "成长经营", "辅助", "研发投入强度",
                "阶段：" + stageZh, String.format("%.2f 分", e.points()), String.format("阶段内百分位 %.1f", e.percentileInStage()),
                "innoladder-default", "默认积分模型为本项目自定");
        if (!e.missing().isEmpty()) assertThat(html).contains("缺失指标（按标准分 0 计）");
        assertThat(page(bureau(), "/enterprises/" + e.creditCode() + "?lang=en"))
                .contains("Innovation points", "Percentile in stage", "not the national 18-indicator table");
    }

    @Test
    void everyEvaluationRunStoresThePointsOfItsPopulation() throws Exception {
        int year = YEAR - 3;
        CurrentUser bureau = new CurrentUser(951, "bureau-pts", "常州局", Role.BUREAU, "3204", null, null);
        long id = evaluations.start(bureau, evaluations.check(bureau, "3204", year, List.of("tsme")), "127.0.0.1");
        EvaluationRun run = evaluations.get(bureau, id);
        for (int i = 0; i < 600 && !run.done(); i++) {
            Thread.sleep(100);
            run = evaluations.get(bureau, id);
        }
        assertThat(run.status()).as(run.message()).isEqualTo("DONE");
        int population = PointsModel.defaultModel().score(PointsTestData.rows(), year).enterprises().size();
        assertThat(run.followUps()).as("the points of the run's population are stored after it").isEqualTo("DONE");
        assertThat(run.enterprises()).isEqualTo(population);
        assertThat(jdbc.sql("SELECT count(*) FROM enterprise_points p JOIN points_run r ON r.id = p.run_id"
                + " WHERE p.year = ? AND r.evaluation_run_id = ?").params(year, id).query(Long.class).single()).isEqualTo(population);
        assertThat(page(bureau(), "/evaluations/runs/" + id + "/progress")).contains("id=\"evaluation-points\">" + population + "<");
    }

    @Test
    void theCommandComputesAndStoresARegionsPointsInTheDatabase() {
        int year = YEAR - 4;
        HikariDataSource ds = (HikariDataSource) dataSource;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run("points", "--year", String.valueOf(year), "--region", "320412", "--spring.datasource.url=" + ds.getJdbcUrl(),
                        "--spring.datasource.username=" + ds.getUsername(), "--spring.datasource.password=" + ds.getPassword());
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<FactRow> wujin = PointsTestData.rows().stream().filter(r -> r.text(Column.REGION_CODE).startsWith("320412")).toList();
        PointsResult expected = PointsModel.defaultModel().score(wujin, year);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("region 320412, year " + year + ": "
                + expected.enterprises().size() + " enterprises scored and stored");
        Map<String, BigDecimal> stored = jdbc.sql("SELECT e.credit_code, p.total FROM enterprise_points p JOIN enterprise e"
                + " ON e.id = p.enterprise_id WHERE p.year = ?").params(year).query().listOfRows().stream()
                .collect(Collectors.toMap(r -> (String) r.get("credit_code"), r -> (BigDecimal) r.get("total")));
        assertThat(stored).hasSize(expected.enterprises().size());
        for (EnterprisePoints e : expected.enterprises()) {
            assertThat(stored.get(e.creditCode())).isEqualByComparingTo(BigDecimal.valueOf(e.points()));
        }

        err.reset();
        assertThat(new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run("points", "--year", "2024", "--region", "32x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--region", "32x");
    }

    private long id(String creditCode) {
        return jdbc.sql("SELECT id FROM enterprise WHERE credit_code = ?").params(creditCode).query(Long.class).single();
    }

    private Set<String> rankingCodes(RequestPostProcessor who, String filter) throws Exception {
        Set<String> codes = new java.util.HashSet<>();
        for (int page = 1; ; page++) {
            JsonNode r = api(who, "/api/v1/points?year=" + YEAR + "&size=200&page=" + page + filter);
            for (JsonNode i : r.get("page").get("items")) codes.add(i.get("creditCode").asString());
            if (page >= r.get("page").get("totalPages").asLong()) return codes;
        }
    }

    private JsonNode api(RequestPostProcessor who, String url) throws Exception {
        return JSON.readTree(mvc.perform(get(url).with(who)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    }

    private String page(RequestPostProcessor who, String url) throws Exception {
        return mvc.perform(get(url).with(who)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    static RequestPostProcessor as(Role role, String region, Long enterprise, Long bank) {
        return user(AppUserDetails.of(new CurrentUser(950 + role.ordinal(), "pts-" + role.name().toLowerCase(), role.name(),
                role, region, enterprise, bank)));
    }

    static RequestPostProcessor bureau() {
        return as(Role.BUREAU, "3204", null, null);
    }

    static RequestPostProcessor leader() {
        return as(Role.LEADER, "3204", null, null);
    }
}
