package org.innoladder.dashboard;

import org.innoladder.dashboard.internal.DashboardService;
import org.innoladder.dashboard.internal.Figure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.innoladder.evaluation.EvaluationRuns;
import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.importer.ImportService;
import org.innoladder.ladder.DashboardFixtures;
import org.innoladder.ladder.LadderService.Change;
import org.innoladder.ladder.LadderSnapshot;
import org.innoladder.rules.ladder.Tier;
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
 * The dashboard over the generated, evaluated data of {@code DashboardFixture}: every figure of a town user equals the
 * same figure an ADMIN sees for that town, with exactly the same enterprises behind it and none of another town;
 * children add up to their parent; pages, exports, refresh and the REST API.
 */
@SpringBootTest(properties = "innoladder.test.context=dashboard")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class DashboardTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final CurrentUser ADMIN = new CurrentUser(9401, "admin", "管理员", Role.ADMIN, null, null, null);
    static final CurrentUser CITY = new CurrentUser(9402, "bureau", "常州市科技局", Role.BUREAU, "3204", null, null);
    static final CurrentUser LEADER = new CurrentUser(9403, "leader", "领导", Role.LEADER, "3204", null, null);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DashboardService dashboard;
    @Autowired
    LadderSnapshot snapshot;
    @Autowired
    ImportService importer;
    @Autowired
    EvaluationRuns runs;
    @Autowired
    MockMvc mvc;

    String district;
    String town;

    @BeforeEach
    void data() throws Exception {
        var fixture = DashboardFixtures.loaded(jdbc, importer, runs, snapshot);
        district = fixture.district();
        town = fixture.town();
    }

    CurrentUser townUser() {
        return new CurrentUser(9404, "town", "镇", Role.TOWN, town, null, null);
    }

    Set<String> all(CurrentUser user, String region, String figure, String tier, String reason, String change) {
        DashboardService.ListRequest q = dashboard.check(user, region, null, "2024", figure, tier, reason, change);
        Set<String> codes = new HashSet<>();
        long total = dashboard.enterprisesAll(user, q, e -> codes.add(e.creditCode() + "/" + e.detailEn()));
        assertThat(total).isEqualTo(codes.size());
        return codes;
    }

    /**
     * A list's pages, one after another, are the whole list in credit-code order (byte order, as the snapshot's copied
     * code is indexed), with the total the stored counts give; a reserve pool lists qualified, undetermined and near
     * members in that order.
     */
    @Test
    void pagesFollowOneAnotherInCreditCodeOrderWithTheStoredTotal() {
        for (String figure : List.of("HOLDING", "POOL")) {
            DashboardService.ListRequest q = dashboard.check(CITY, null, null, "2024", figure, "TSME", null, null);
            List<DashboardService.Listed> all = new ArrayList<>();
            dashboard.enterprisesAll(CITY, q, all::add);
            assertThat(all).as(figure).hasSizeGreaterThan(14);
            DashboardService.Listing first = dashboard.enterprises(CITY, q, 1, 7);
            assertThat(first.page().totalItems()).isEqualTo(all.size());
            List<DashboardService.Listed> paged = new ArrayList<>();
            for (int page = 1; page <= first.page().totalPages(); page++) {
                paged.addAll(dashboard.enterprises(CITY, q, page, 7).page().items());
            }
            assertThat(paged).as(figure).isEqualTo(all);
            if (figure.equals("HOLDING")) {
                assertThat(all).extracting(DashboardService.Listed::creditCode).isSorted();
            } else {
                java.util.Map<String, Integer> rank = new java.util.HashMap<>();
                for (Reason r : Reason.values()) {
                    DashboardService.ListRequest byReason = dashboard.check(CITY, null, null, "2024", figure, "TSME", r.name(), null);
                    dashboard.enterprisesAll(CITY, byReason, e -> rank.put(e.creditCode(), r.ordinal()));
                }
                assertThat(rank).as("each member under one reason").hasSize(all.size());
                assertThat(all).extracting(e -> rank.get(e.creditCode()) + "/" + e.creditCode())
                        .as("qualified first, then undetermined, then near, each by credit code").isSorted();
            }
        }
    }

    /** The MIIT ladder's funnel: per tier, the enterprises officially at it or above, its upper rungs included. */
    @Test
    void theMiitFunnelCountsEachRungAndAbove() {
        DashboardService.Dashboard city = dashboard.dashboard(ADMIN, "3204", 2024);
        int innovative = city.tier(Tier.INNOVATIVE_SME).officialTop(), specialised = city.tier(Tier.SPECIALISED_SME).officialTop(),
                giant = city.tier(Tier.LITTLE_GIANT).officialTop();
        assertThat(city.miitFunnel()).extracting(DashboardService.FunnelStep::tier)
                .containsExactly(Tier.INNOVATIVE_SME, Tier.SPECIALISED_SME, Tier.LITTLE_GIANT);
        assertThat(city.miitFunnel()).extracting(DashboardService.FunnelStep::atOrAbove)
                .containsExactly(innovative + specialised + giant, specialised + giant, giant);
        assertThat(specialised).as("专精特新 held in the generated data").isPositive();
        assertThat(giant).as("小巨人 held (the fixture's hand-made certificate at least)").isPositive();
        assertThat(city.funnel()).extracting(DashboardService.FunnelStep::tier).containsExactlyElementsOf(Tier.of(Tier.Ladder.GROWTH));
    }

    @Test
    void aTownUsersFiguresAreTheTownsFiguresWithExactlyItsEnterprises() {
        CurrentUser townUser = townUser();
        DashboardService.Dashboard mine = dashboard.dashboard(townUser, null, 2024);
        DashboardService.Dashboard admins = dashboard.dashboard(ADMIN, town, 2024);
        assertThat(mine.region()).isEqualTo(town);
        assertThat(mine.tiers()).isEqualTo(admins.tiers());
        assertThat(mine.previous()).isEqualTo(admins.previous());
        assertThat(mine.changes()).isEqualTo(admins.changes());
        assertThat(mine.trend()).isEqualTo(admins.trend());
        assertThat(mine.funnel()).isEqualTo(admins.funnel());
        assertThat(mine.miitFunnel()).isEqualTo(admins.miitFunnel());
        assertThat(mine.children()).as("a town is a leaf").isEmpty();
        assertThat(mine.tier(Tier.TSME).holding() + mine.tier(Tier.HNTE).holding()).as("the town has data").isPositive();
        Set<String> townCodes = new HashSet<>(jdbc.sql("SELECT credit_code FROM enterprise WHERE region_code = ?").param(town)
                .query(String.class).list());
        int lists = 0;
        for (Figure f : List.of(Figure.OFFICIAL, Figure.HOLDING, Figure.ELIGIBLE, Figure.QUALIFIED, Figure.LAPSED, Figure.POOL)) {
            for (Tier t : f == Figure.POOL ? Tier.withRuleset() : List.of(Tier.values())) {
                Set<String> seen = all(townUser, null, f.name(), t.name(), null, null);
                assertThat(seen).as(f + " " + t).isEqualTo(all(ADMIN, town, f.name(), t.name(), null, null));
                assertThat(seen).hasSize(DashboardService.value(mine.tier(t), f));
                assertThat(seen).allSatisfy(s -> assertThat(townCodes).contains(s.substring(0, 18)));
                lists++;
            }
        }
        for (Reason r : Reason.values()) {
            assertThat(all(townUser, null, "POOL", "HNTE", r.name(), null)).hasSize(mine.tier(Tier.HNTE).poolByReason().get(r));
        }
        for (Change c : Change.values()) {
            Set<String> seen = all(townUser, null, "CHANGE", null, null, c.name());
            assertThat(seen).isEqualTo(all(ADMIN, town, "CHANGE", null, null, c.name())).hasSize(mine.changes().get(c));
            assertThat(seen).allSatisfy(s -> assertThat(townCodes).contains(s.substring(0, 18)));
        }
        assertThat(lists).as("every tier, and a pool for every tier (the MIIT upper rungs included)").isEqualTo(5 * 9 + 9);
        // another region is refused, naming the parameter, the value and the rule
        assertThatThrownBy(() -> dashboard.dashboard(townUser, district, 2024)).isInstanceOfSatisfying(BadParameterException.class,
                e -> assertThat(e.parameter()).isEqualTo("region"));
        assertThatThrownBy(() -> dashboard.check(townUser, "3204", null, "2024", "HOLDING", "HNTE", null, null))
                .isInstanceOf(BadParameterException.class);
    }

    @Test
    void childrenAddUpToTheirParentAndHoldOnlyTheirEnterprises() {
        for (String region : new String[] {"3204", district}) {
            DashboardService.Dashboard d = dashboard.dashboard(CITY, region, 2024);
            assertThat(d.children()).isNotEmpty();
            assertThat(d.children()).allSatisfy(c -> assertThat(c.code()).satisfiesAnyOf(
                    code -> assertThat(code).startsWith(region), code -> assertThat(code).isEmpty()));
            for (Tier t : Tier.values()) {
                for (Figure f : List.of(Figure.OFFICIAL, Figure.HOLDING, Figure.ELIGIBLE, Figure.QUALIFIED, Figure.LAPSED, Figure.POOL)) {
                    assertThat(d.children().stream().mapToInt(c -> c.value(f, t)).sum()).as(region + " " + f + " " + t)
                            .isEqualTo(DashboardService.value(d.tier(t), f));
                }
            }
            for (Change c : Change.values()) {
                assertThat(d.children().stream().mapToInt(ch -> ch.changes().get(c)).sum()).isEqualTo(d.changes().get(c));
            }
        }
        // a town's figures from the district's children table are the town's own, with the town's enterprises only
        DashboardService.Dashboard d = dashboard.dashboard(CITY, district, 2024);
        DashboardService.Child child = d.children().stream().filter(c -> c.code().equals(town)).findFirst().orElseThrow();
        assertThat(child.tiers()).isEqualTo(dashboard.dashboard(townUser(), null, 2024).tiers());
        Set<String> fromDistrict = new HashSet<>();
        for (String s : all(CITY, district, "HOLDING", "TSME", null, null)) fromDistrict.add(s.substring(0, 18));
        Set<String> fromTown = new HashSet<>();
        for (String s : all(townUser(), null, "HOLDING", "TSME", null, null)) fromTown.add(s.substring(0, 18));
        assertThat(fromDistrict).containsAll(fromTown);
        List<String> others = new ArrayList<>(fromDistrict);
        others.removeAll(fromTown);
        assertThat(jdbc.sql("SELECT count(*) FROM enterprise WHERE credit_code IN (:c) AND region_code = :t")
                .param("c", others.isEmpty() ? List.of("-") : others).param("t", town).query(Long.class).single())
                .as("the district's other enterprises are not the town's").isZero();
    }

    @Test
    void pagesExportsRefreshAndApi() throws Exception {
        String page = mvc.perform(get("/dashboard").param("region", "3204").param("year", "2024").with(user(AppUserDetails.of(LEADER))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"fig-HOLDING-HNTE\"").contains("id=\"children-table\"").contains("id=\"chart-funnel\"")
                .contains("id=\"chart-funnel-miit\"").contains("数据截至").doesNotContain("id=\"refresh\"");
        // the points capability's distribution of the same region and year (the fixture's runs stored points)
        assertThat(page).contains("id=\"points-distribution\"").contains("id=\"points-distribution-chart\"")
                .contains("/points?region=3204&amp;year=2024");
        String en = mvc.perform(get("/dashboard").param("year", "2024").param("lang", "en").with(user(AppUserDetails.of(CITY))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(en).contains("Enterprises per tier").contains("id=\"refresh\"").contains("Data as of");
        String list = mvc.perform(get("/dashboard/enterprises").param("region", district).param("year", "2024")
                .param("figure", "HOLDING").param("tier", "TSME").with(user(AppUserDetails.of(LEADER))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("id=\"enterprise-list\"").contains("data-credit-code=");
        String bad = mvc.perform(get("/dashboard").param("region", "3205").with(user(AppUserDetails.of(CITY))))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(bad).contains("region").contains("3205");

        byte[] xlsx = mvc.perform(get("/dashboard/export.xlsx").param("table", "children").param("region", "3204").param("year", "2024")
                .with(user(AppUserDetails.of(LEADER)))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        DashboardService.Dashboard d = dashboard.dashboard(LEADER, "3204", 2024);
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertThat(rows.get(0).getCellText(0)).isEqualTo("区划代码");
            assertThat(rows).hasSize(d.children().size() + 1);
            assertThat(rows.subList(1, rows.size())).extracting(r -> r.getCellText(0))
                    .containsExactlyElementsOf(d.children().stream().map(DashboardService.Child::code).toList());
        }
        for (String table : List.of("tiers", "targets", "changes", "trend")) {
            mvc.perform(get("/dashboard/export.xlsx").param("table", table).param("year", "2024").with(user(AppUserDetails.of(LEADER))))
                    .andExpect(status().isOk());
        }
        byte[] listXlsx = mvc.perform(get("/dashboard/enterprises.xlsx").param("region", district).param("year", "2024")
                .param("figure", "POOL").param("tier", "HNTE").with(user(AppUserDetails.of(LEADER))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(listXlsx))) {
            assertThat(wb.getFirstSheet().read()).hasSize(dashboard.dashboard(CITY, district, 2024).tier(Tier.HNTE).pool() + 1);
        }

        mvc.perform(post("/dashboard/refresh").param("year", "2024").with(csrf()).with(user(AppUserDetails.of(LEADER))))
                .andExpect(status().isForbidden());
        long before = jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'ladder.snapshot.refresh'").query(Long.class).single();
        mvc.perform(post("/dashboard/refresh").param("year", "2024").param("region", district).with(csrf())
                .with(user(AppUserDetails.of(CITY)))).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'ladder.snapshot.refresh'").query(Long.class).single())
                .isEqualTo(before + 1);
        assertThat(dashboard.dashboard(CITY, district, 2024).tiers()).as("a refresh recomputes the same figures")
                .isEqualTo(dashboard.dashboard(CITY, district, 2024).tiers());

        JsonNode api = JSON.readTree(mvc.perform(get("/api/v1/dashboard").param("year", "2024").with(user(AppUserDetails.of(townUser()))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(api.path("region").asString()).isEqualTo(town);
        assertThat(api.path("tiers").get(Tier.HNTE.ordinal()).path("holding").asInt())
                .isEqualTo(dashboard.dashboard(ADMIN, town, 2024).tier(Tier.HNTE).holding());
        JsonNode problem = JSON.readTree(mvc.perform(get("/api/v1/dashboard").param("region", district).with(user(AppUserDetails.of(townUser()))))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString());
        assertThat(problem.path("parameter").asString()).isEqualTo("region");
        assertThat(problem.path("value").asString()).isEqualTo(district);
        assertThat(problem.path("rule").asString()).contains("outside your data scope");
        JsonNode listed = JSON.readTree(mvc.perform(get("/api/v1/dashboard/enterprises").param("year", "2024").param("figure", "CHANGE")
                .with(user(AppUserDetails.of(townUser())))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(listed.path("page").path("totalItems").asInt()).isEqualTo(
                dashboard.dashboard(ADMIN, town, 2024).changes().values().stream().mapToInt(Integer::intValue).sum());
        CurrentUser enterprise = new CurrentUser(9405, "ent", "企业", Role.ENTERPRISE, null, 1L, null);
        mvc.perform(get("/api/v1/dashboard").with(user(AppUserDetails.of(enterprise)))).andExpect(status().isForbidden());
    }
}
