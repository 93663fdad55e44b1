package org.innoladder.ladder;

import org.innoladder.rules.ladder.Tier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.innoladder.rules.facts.CreditCode;
import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.evaluation.StoredResultFixture;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.identity.Role;
import org.innoladder.ladder.LadderService.Change;
import org.innoladder.ladder.LadderService.PoolEntry;
import org.innoladder.ladder.TierDecision.Reason;
import org.innoladder.web.BadParameterException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ladder over real PostgreSQL: recognitions and stored evaluation results written with SQL as an import and an
 * evaluation run leave them, read back through the service, the REST API, the pages and the export.
 */
@SpringBootTest(properties = "innoladder.test.context=ladder")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class LadderServiceTest {
    static final String HUTANG = "320412100";
    static final String NIUTANG = "320412102";
    static final String DIAOZHUANG = "320402001";
    static final String SUZHOU = "320505001";
    // A 湖塘: HNTE lapsed 2024-11-29, TSME 2024, HNTE evaluation QUALIFIED → HNTE pool (qualified, lapsed); 2023→24 EXPIRED
    // B 湖塘: HNTE NOT_QUALIFIED, revenue 15% short → HNTE pool (near); TSME QUALIFIED → TSME pool
    // C 牛塘: TSME 2023, HNTE from 2024-06 (CLIMBED); HNTE QUALIFIED (recognised: no pool); gazelle UNDETERMINED → pool
    // D 天宁: TSME from 2024 (NEW); HNTE UNDETERMINED → HNTE pool
    // E 苏州: HNTE QUALIFIED — outside every Changzhou scope
    // F 湖塘: HNTE NOT_QUALIFIED, tech staff 50% short → no pool at 20%
    // G 湖塘: HNTE NOT_QUALIFIED, R&D 1% short but registered under 365 days (no lever) → never in the pool
    static final String A = code("320412", 1), B = code("320412", 2), C = code("320412", 3), D = code("320402", 4),
            E = code("320505", 5), F = code("320412", 6), G = code("320412", 7);
    static final JsonMapper JSON = JsonMapper.builder().build();

    static final CurrentUser ADMIN = new CurrentUser(9001, "admin", "管理员", Role.ADMIN, null, null, null);
    static final CurrentUser CITY = new CurrentUser(9002, "bureau", "常州市科技局", Role.BUREAU, "3204", null, null);
    static final CurrentUser TOWN = new CurrentUser(9003, "town", "湖塘镇", Role.TOWN, HUTANG, null, null);
    static final CurrentUser SUZHOU_BUREAU = new CurrentUser(9004, "sz", "苏州市科技局", Role.BUREAU, "3205", null, null);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    LadderService ladder;
    @Autowired
    MockMvc mvc;
    @Autowired
    LadderSnapshot snapshot;

    static String code(String county, int n) {
        return CreditCode.complete("91" + county + String.format("%02d%06d", 47, n));
    }

    @BeforeEach
    void data() {
        String[][] regions = {{"32", "江苏省", "province", null}, {"3204", "常州市", "city", "32"},
                {"320402", "天宁区", "county", "3204"}, {"320412", "武进区", "county", "3204"},
                {"320402001", "雕庄街道", "town", "320402"}, {"320412100", "湖塘镇", "town", "320412"},
                {"320412102", "牛塘镇", "town", "320412"}, {"3205", "苏州市", "city", "32"},
                {"320505", "虎丘区", "county", "3205"}, {"320505001", "横塘街道", "town", "320505"}};
        for (String[] r : regions) {
            jdbc.sql("INSERT INTO region (code, name, level, parent_code) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(r[0], r[1], r[2], r[3]).update();
        }
        if (jdbc.sql("SELECT count(*) FROM enterprise WHERE credit_code = ?").param(A).query(Long.class).single() > 0) return;
        long a = enterprise(A, "梯度甲公司", HUTANG), b = enterprise(B, "梯度乙公司", HUTANG), c = enterprise(C, "梯度丙公司", NIUTANG),
                d = enterprise(D, "梯度丁公司", DIAOZHUANG), e = enterprise(E, "梯度戊公司", SUZHOU), f = enterprise(F, "梯度己公司", HUTANG);
        recognition(a, "HNTE", "2021-11-30", "2024-11-29");
        recognition(a, "TSME", "2024-04-01", "2024-12-31");
        recognition(c, "TSME", "2023-05-01", null);
        recognition(c, "HNTE", "2024-06-01", "2027-05-31");
        recognition(d, "TSME", "2024-05-01", "2024-12-31");
        long run = jdbc.sql("""
                INSERT INTO evaluation_run (year, rulesets, status, started_by) VALUES (2024, '{hnte@2016}', 'DONE', 'test')
                RETURNING id""").query(Long.class).single();
        result(run, a, "hnte", "2016", "QUALIFIED", "[]");
        result(run, b, "hnte", "2016", "NOT_QUALIFIED", """
                [{"criterion":"rd_expense_ratio","lever":"rd_expense","current":850000,"required":1000000,"delta":150000}]""");
        result(run, b, "tsme", "2017", "QUALIFIED", "[]");
        result(run, c, "hnte", "2016", "QUALIFIED", "[]");
        result(run, c, "gazelle", "yancheng-2022", "UNDETERMINED", "[]");
        result(run, d, "hnte", "2016", "UNDETERMINED", "[]");
        result(run, e, "hnte", "2016", "QUALIFIED", "[]");
        long g = enterprise(G, "梯度庚公司", HUTANG);
        result(run, g, "hnte", "2016", "NOT_QUALIFIED", """
                [{"criterion":"rd_expense_ratio","lever":"rd_expense","current":990000,"required":1000000,"delta":10000}]""", "registered_365_days");
        result(run, f, "hnte", "2016", "NOT_QUALIFIED", """
                [{"criterion":"tech_staff_ratio","lever":"tech_staff","current":5,"required":10,"delta":5},
                 {"criterion":"rd_expense_ratio","lever":"rd_expense","current":990000,"required":1000000,"delta":10000}]""");
        for (int y = 2023; y <= 2025; y++) snapshot.refresh(y, LadderSnapshot.Target.all(), "test");
    }

    long enterprise(String code, String name, String region) {
        return jdbc.sql("INSERT INTO enterprise (credit_code, name, region_code, founded_on) VALUES (?, ?, ?, ?) RETURNING id")
                .params(code, name, region, LocalDate.of(2015, 3, 1)).query(Long.class).single();
    }

    void recognition(long id, String kind, String issued, String expires) {
        jdbc.sql("""
                INSERT INTO recognition (enterprise_id, kind, certificate_no, issued_on, expires_on, source)
                VALUES (?, ?, ?, ?, ?, 'test')""")
                .params(id, kind, kind + "-" + id, LocalDate.parse(issued), expires == null ? null : LocalDate.parse(expires)).update();
    }

    /** A stored result as an evaluation leaves it: criteria with gaps and {@code alsoFailing} FAIL, the rest PASS. */
    void result(long run, long id, String ruleset, String version, String outcome, String gaps, String... alsoFailing) {
        jdbc.sql("""
                INSERT INTO evaluation_result (run_id, enterprise_id, year, ruleset_id, ruleset_version, outcome, detail)
                VALUES (?, ?, 2024, ?, ?, ?, ?)""")
                .params(run, id, ruleset, version, outcome, StoredResultFixture.detail(ruleset + "@" + version, 2024, gaps, alsoFailing))
                .update();
    }

    List<PoolEntry> pool(CurrentUser user, Tier tier, String region, int year) {
        return ladder.pool(user, tier, region, year, 1, LadderService.MAX_PAGE_SIZE).items();
    }

    List<LadderService.Transition> transitions(CurrentUser user, int from, int to) {
        LadderService.Transitions t = ladder.transitions(user, null, from, to, 1, LadderService.MAX_PAGE_SIZE);
        assertThat(t.page().totalItems()).isEqualTo(t.page().items().size());
        assertThat(LadderService.counts(t.page().items())).isEqualTo(t.counts());
        assertThat(t.page().items()).as("the snapshot's changes are TierDecision's")
                .isEqualTo(ladder.transitionsDecided(user.scope(), null, from, to));
        return t.page().items();
    }

    static Map<String, PoolEntry> byCode(List<PoolEntry> entries) {
        return entries.stream().collect(Collectors.toMap(PoolEntry::creditCode, Function.identity()));
    }

    @Test
    void hntePoolHoldsQualifiedLapsedNearAndUndetermined() {
        Map<String, PoolEntry> pool = byCode(pool(CITY, Tier.HNTE, null, 2024));
        assertThat(pool.keySet()).containsExactlyInAnyOrder(A, B, D);
        assertThat(pool.get(A).reason()).isEqualTo(Reason.QUALIFIED);
        assertThat(pool.get(A).lapsed()).as("HNTE expired 2024-11-29").isTrue();
        assertThat(pool.get(A).officialTier()).isEqualTo(Tier.TSME);
        assertThat(pool.get(B).reason()).isEqualTo(Reason.NEAR);
        assertThat(pool.get(B).reasonZh()).contains("近三年研发费用占销售收入比例达到要求：研发费用需增加 15.0 万元（当前 85.0 万元 → 需 100.0 万元）")
                .doesNotContain("rd_expense_ratio");
        assertThat(pool.get(D).reason()).isEqualTo(Reason.UNDETERMINED);
        assertThat(byCode(pool(CITY, Tier.GAZELLE, null, 2024)).keySet()).containsExactly(C);
        assertThat(byCode(pool(CITY, Tier.TSME, null, 2024)).keySet()).as("A and D hold TSME").containsExactly(B);
        assertThat(pool(CITY, Tier.HNTE, null, 2023)).as("no evaluation stored for 2023").isEmpty();
        assertThat(ladder.reserveMaxGapRatio()).isEqualTo(0.2);
    }

    @Test
    void gapRatioDecidesNearMembership() {
        DataScope city = CITY.scope();
        List<String> tight = ladder.place(city, "3204", 2024, 0.1).stream()
                .filter(p -> p.standing().pool(Tier.HNTE).isPresent()).map(p -> p.enterprise().creditCode()).toList();
        assertThat(tight).containsExactlyInAnyOrder(A, D);
        List<String> wide = ladder.place(city, "3204", 2024, 0.5).stream()
                .filter(p -> p.standing().pool(Tier.HNTE).isPresent()).map(p -> p.enterprise().creditCode()).toList();
        assertThat(wide).containsExactlyInAnyOrder(A, B, D, F);
        assertThat(ladder.place(city, "3204", 2024, 100).stream().filter(p -> p.standing().pool(Tier.HNTE).isPresent())
                .map(p -> p.enterprise().creditCode()).toList()).as("G fails a criterion no lever passes").doesNotContain(G);
    }

    @Test
    void summaryCountsOfficialEligibleAndPools() {
        LadderService.Summary s = ladder.summary(CITY, null, 2024);
        Map<Tier, LadderService.TierFigures> t = s.tiers().stream().collect(Collectors.toMap(LadderService.TierFigures::tier, x -> x));
        assertThat(t.get(Tier.HNTE).holding()).isEqualTo(1);                 // C
        assertThat(t.get(Tier.HNTE).officialTop()).isEqualTo(1);
        assertThat(t.get(Tier.TSME).officialTop()).isEqualTo(2);             // A (HNTE lapsed), D
        assertThat(t.get(Tier.TSME).holding()).isEqualTo(3);                 // A, C, D
        assertThat(t.get(Tier.HNTE).qualified()).isEqualTo(2);               // A, C (E is Suzhou)
        assertThat(t.get(Tier.HNTE).eligibleTop()).isEqualTo(2);
        assertThat(t.get(Tier.TSME).eligibleTop()).isEqualTo(1);             // B: TSME qualified, HNTE not
        assertThat(t.get(Tier.HNTE).pool()).isEqualTo(3);
        assertThat(t.get(Tier.HNTE).poolByReason()).containsEntry(Reason.QUALIFIED, 1).containsEntry(Reason.NEAR, 1)
                .containsEntry(Reason.UNDETERMINED, 1);
        assertThat(t.get(Tier.SPECIALISED_SME).pool()).isZero();
        assertThat(s.region()).isEqualTo("3204");
    }

    @Test
    void scopeFiltersEveryFigure() {
        // a town user's figures are those of the town alone, and towns add up to the city
        LadderService.Summary town = ladder.summary(TOWN, null, 2024);
        LadderService.Summary townViaCity = ladder.summary(CITY, HUTANG, 2024);
        assertThat(town.tiers()).isEqualTo(townViaCity.tiers());
        assertThat(byCode(pool(TOWN, Tier.HNTE, null, 2024)).keySet()).containsExactlyInAnyOrder(A, B);
        LadderService.Summary city = ladder.summary(CITY, null, 2024);
        for (int i = 0; i < city.tiers().size(); i++) {
            int idx = i;
            int sumPools = Stream.of(HUTANG, NIUTANG, DIAOZHUANG).mapToInt(r -> ladder.summary(CITY, r, 2024).tiers().get(idx).pool()).sum();
            int sumHeld = Stream.of(HUTANG, NIUTANG, DIAOZHUANG).mapToInt(r -> ladder.summary(CITY, r, 2024).tiers().get(idx).holding()).sum();
            assertThat(sumPools).isEqualTo(city.tiers().get(i).pool());
            assertThat(sumHeld).isEqualTo(city.tiers().get(i).holding());
        }
        assertThatThrownBy(() -> ladder.summary(TOWN, "3204", 2024)).isInstanceOf(BadParameterException.class);
        assertThatThrownBy(() -> pool(CITY, Tier.HNTE, "3205", 2024)).isInstanceOf(BadParameterException.class);
        assertThat(byCode(pool(SUZHOU_BUREAU, Tier.HNTE, null, 2024)).keySet()).doesNotContain(A, B, D);
        assertThat(byCode(pool(ADMIN, Tier.HNTE, null, 2024)).keySet()).contains(A, B, D, E);
        assertThat(byCode(pool(SUZHOU_BUREAU, Tier.HNTE, null, 2024)).keySet()).containsExactly(E);
        assertThat(ladder.place(CITY, null, 2024)).extracting(p -> p.enterprise().creditCode()).doesNotContain(E);
        assertThat(ladder.place(ADMIN, null, 2024)).extracting(p -> p.enterprise().creditCode()).contains(E);
    }

    @Test
    void fileStandingsAreScoped() {
        List<TierDecision.Standing> a = ladder.standings(CITY.scope(), A, 3);
        assertThat(a).singleElement().satisfies(st -> {
            assertThat(st.year()).isEqualTo(2024);
            assertThat(st.officialTier(Tier.Ladder.GROWTH)).contains(Tier.TSME);
            assertThat(st.eligibleTier(Tier.Ladder.GROWTH)).contains(Tier.HNTE);
        });
        assertThat(ladder.standings(SUZHOU_BUREAU.scope(), A, 3)).isEmpty();
        assertThat(ladder.standings(TOWN.scope(), C, 3)).as("牛塘 is outside 湖塘").isEmpty();
    }

    @Test
    void transitionsBetweenYears() {
        List<LadderService.Transition> all = transitions(CITY, 2023, 2024);
        Map<String, List<LadderService.Transition>> by = all.stream().collect(Collectors.groupingBy(LadderService.Transition::creditCode));
        assertThat(by.keySet()).containsExactlyInAnyOrder(A, C, D);
        assertThat(by.get(A)).singleElement().satisfies(t -> {
            assertThat(t.change()).isEqualTo(Change.EXPIRED);
            assertThat(t.from()).isEqualTo(Tier.HNTE);
            assertThat(t.to()).isEqualTo(Tier.TSME);
        });
        assertThat(by.get(C)).singleElement().satisfies(t -> assertThat(t.change()).isEqualTo(Change.CLIMBED));
        assertThat(by.get(D)).singleElement().satisfies(t -> assertThat(t.change()).isEqualTo(Change.NEW));
        assertThat(LadderService.counts(all)).containsEntry(Change.EXPIRED, 1).containsEntry(Change.CLIMBED, 1)
                .containsEntry(Change.NEW, 1).containsEntry(Change.FELL, 0);
        assertThat(transitions(TOWN, 2023, 2024)).extracting(LadderService.Transition::creditCode).containsExactly(A);
        assertThat(transitions(CITY, 2024, 2025)).extracting(LadderService.Transition::change)
                .as("A's TSME and D's TSME end 2024-12-31, valid on the last day of 2024 only").containsOnly(Change.EXPIRED);
        assertThatThrownBy(() -> ladder.transitions(CITY, null, 2024, 2024, 1, 50)).isInstanceOf(BadParameterException.class);
    }

    @Test
    void restApiIsScopedAndReportsBadInputAsProblems() throws Exception {
        JsonNode pool = JSON.readTree(mvc.perform(get("/api/v1/ladder/pools/hnte").param("year", "2024")
                        .with(user(AppUserDetails.of(TOWN)))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        List<String> codes = new ArrayList<>();
        pool.path("page").path("items").forEach(n -> codes.add(n.path("creditCode").asString()));
        assertThat(codes).containsExactlyInAnyOrder(A, B);
        assertThat(pool.path("page").path("totalItems").asInt()).isEqualTo(2);

        JsonNode summary = JSON.readTree(mvc.perform(get("/api/v1/ladder/summary").param("year", "2024")
                .with(user(AppUserDetails.of(CITY)))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(summary.path("tiers").get(1).path("tier").asString()).isEqualTo("HNTE");
        assertThat(summary.path("tiers").get(1).path("pool").asInt()).isEqualTo(3);

        JsonNode transitions = JSON.readTree(mvc.perform(get("/api/v1/ladder/transitions").param("from", "2023").param("to", "2024")
                .with(user(AppUserDetails.of(CITY)))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(transitions.path("counts").path("EXPIRED").asInt()).isEqualTo(1);

        String bad = mvc.perform(get("/api/v1/ladder/pools/DRAGON").param("year", "2024").with(user(AppUserDetails.of(CITY))))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(bad).contains("tier").contains("DRAGON");
        // the MIIT upper rungs have pools since they have rulesets
        mvc.perform(get("/api/v1/ladder/pools/LITTLE_GIANT").param("year", "2024").with(user(AppUserDetails.of(CITY))))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/ladder/summary").param("year", "abc").with(user(AppUserDetails.of(CITY))))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/ladder/pools/HNTE").param("year", "2024").param("size", "500").with(user(AppUserDetails.of(CITY))))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/ladder/summary").param("year", "2024").param("region", "3205").with(user(AppUserDetails.of(CITY))))
                .andExpect(status().isBadRequest());
        CurrentUser enterprise = new CurrentUser(9005, "ent", "企业", Role.ENTERPRISE, null, 1L, null);
        mvc.perform(get("/api/v1/ladder/summary").param("year", "2024").with(user(AppUserDetails.of(enterprise))))
                .andExpect(status().isForbidden());
    }

    @Test
    void pagesAndExport() throws Exception {
        String page = mvc.perform(get("/ladder").param("year", "2024").with(user(AppUserDetails.of(CITY))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("高新技术企业").contains("id=\"pool-HNTE\"");
        String poolPage = mvc.perform(get("/ladder/pool").param("tier", "HNTE").param("year", "2024").param("town", HUTANG)
                .with(user(AppUserDetails.of(CITY)))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(poolPage).contains(A).contains(B).doesNotContain(D).contains("接近");
        String trans = mvc.perform(get("/ladder/transitions").param("from", "2023").param("to", "2024").param("lang", "en")
                .with(user(AppUserDetails.of(CITY)))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(trans).contains("Expired").contains(C);

        byte[] xlsx = mvc.perform(get("/ladder/pool.xlsx").param("tier", "HNTE").param("year", "2024")
                .with(user(AppUserDetails.of(TOWN)))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertThat(rows.get(0).getCellText(0)).isEqualTo("统一社会信用代码");
            assertThat(rows.subList(1, rows.size())).extracting(r -> r.getCellText(0)).containsExactlyInAnyOrder(A, B);
            Row a = rows.stream().filter(r -> A.equals(r.getCellText(0))).findFirst().orElseThrow();
            assertThat(a.getCellText(5)).isEqualTo("合格");
            assertThat(a.getCellText(7)).as("reason code column").isEqualTo("QUALIFIED");
            assertThat(a.getCellText(10)).isEqualTo("是");
        }
        String file = mvc.perform(get("/enterprises/" + A).with(user(AppUserDetails.of(CITY))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(file).contains("id=\"ladder-tiers\"").contains("id=\"ladder-year-2024\"").contains("认定已于本年到期");
        CurrentUser expert = new CurrentUser(9006, "expert", "专家", Role.EXPERT, null, null, null);
        mvc.perform(get("/ladder").with(user(AppUserDetails.of(expert)))).andExpect(status().isForbidden());
    }
}
