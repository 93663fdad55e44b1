package org.innoladder.award;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.innoladder.award.domain.AwardStatus;
import org.innoladder.award.internal.AwardQueries;
import org.innoladder.identity.DataScope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The case list filtered by the case's copy of its enterprise's region (V181) shows what the list joining every
 * case with its enterprise shows: the same counts per step, the same pages one after another (rows and order), the
 * same towns, for a city, a district and a town, with and without a town filter, and after an enterprise moves.
 */
@SpringBootTest(properties = "innoladder.test.context=award")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class AwardCaseRegionTest {
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AwardQueries queries;

    @Test
    void theCopiedRegionListsWhatTheEnterprisesRegionLists() {
        AwardFixtures fx = new AwardFixtures(jdbc);
        AwardFixtures.Policy p = fx.policy("AUTOMATIC", new BigDecimal("100000000"), AwardFixtures.CITY);
        List<AwardFixtures.Enterprise> enterprises = new ArrayList<>();
        String[] regions = {AwardFixtures.HUTANG, AwardFixtures.HUTANG, AwardFixtures.NIUTANG, AwardFixtures.WUJIN, AwardFixtures.XINBEI};
        AwardStatus[] statuses = {AwardStatus.MATCHED, AwardStatus.TOWN_REVIEWED, AwardStatus.BUDGET_WAIT};
        for (int i = 0; i < 15; i++) {
            AwardFixtures.Enterprise e = fx.enterprise(regions[i % regions.length]);
            enterprises.add(e);
            long id = fx.caseIn(p, e, 2024, new BigDecimal(100_000 + 1_000 * i), statuses[i % statuses.length], null, null);
            // some cases share their step's start: the list breaks the tie by id
            jdbc.sql("UPDATE award_case SET status_since = TIMESTAMPTZ '2024-05-01 09:00+08' + make_interval(hours => ?) WHERE id = ?")
                    .params(i % 4, id).update();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM award_case c JOIN enterprise e ON e.id = c.enterprise_id"
                + " WHERE c.policy_id = ? AND c.region_code = e.region_code").params(p.id()).query(Long.class).single()).isEqualTo(15);
        compareAll(p);

        // an enterprise moves town: its case follows it
        AwardFixtures.Enterprise moving = enterprises.get(0);
        jdbc.sql("UPDATE enterprise SET region_code = ? WHERE id = ?").params(AwardFixtures.NIUTANG, moving.id()).update();
        assertThat(jdbc.sql("SELECT town_code FROM award_case WHERE enterprise_id = ?").params(moving.id()).query(String.class).single())
                .isEqualTo(AwardFixtures.NIUTANG);
        compareAll(p);
    }

    private void compareAll(AwardFixtures.Policy p) {
        List<DataScope> scopes = List.of(new DataScope.All(), new DataScope.RegionSubtree(AwardFixtures.CITY),
                new DataScope.RegionSubtree(AwardFixtures.WUJIN), new DataScope.RegionSubtree(AwardFixtures.HUTANG),
                new DataScope.RegionSubtree(AwardFixtures.NIUTANG), new DataScope.RegionSubtree(AwardFixtures.XINBEI));
        int nonEmpty = 0;
        for (DataScope scope : scopes) {
            assertThat(queries.townsCopied(scope)).as("towns of " + scope).isEqualTo(queries.townsJoined(scope));
            for (String town : Arrays.asList(null, AwardFixtures.WUJIN, AwardFixtures.HUTANG)) {
                for (String status : Arrays.asList(null, "MATCHED", "BUDGET_WAIT")) {
                    for (String policy : Arrays.asList(null, String.valueOf(p.id()))) {
                        AwardQueries.Filter f = AwardQueries.Filter.of(status, town, null, null, policy, null);
                        List<Long> copiedIds = new ArrayList<>();
                        List<Long> joinedIds = new ArrayList<>();
                        for (int page = 1; ; page++) {
                            AwardQueries.ListWithCounts copied = queries.listWithCounts(scope, true, f, page, 4);
                            AwardQueries.ListWithCounts joined = queries.listWithCounts(scope, false, f, page, 4);
                            String what = scope + " town " + town + " status " + status + " policy " + policy + " page " + page;
                            assertThat(copied.counts()).as(what).isEqualTo(joined.counts());
                            assertThat(copied.page().items()).as(what).isEqualTo(joined.page().items());
                            assertThat(copied.page().totalItems()).as(what).isEqualTo(joined.page().totalItems());
                            copied.page().items().forEach(c -> copiedIds.add(c.id()));
                            joined.page().items().forEach(c -> joinedIds.add(c.id()));
                            if (copied.page().items().isEmpty()) {
                                assertThat(copiedIds).as(what).hasSize((int) copied.page().totalItems());
                                break;
                            }
                        }
                        assertThat(copiedIds).isEqualTo(joinedIds);
                        if (!copiedIds.isEmpty()) nonEmpty++;
                    }
                }
            }
        }
        assertThat(nonEmpty).isGreaterThan(20);
    }
}
