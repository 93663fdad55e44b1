package org.innoladder.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.innoladder.identity.DataScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The transitions page read from the changes stored at refresh ({@code ladder_transition}) shows what joining the two
 * years' standings shows: the same counts and the same pages, one after another, for everything, the city, a
 * district and a town, and a region filter inside a scope. A refresh of the earlier year alone (of a few enterprises,
 * or of a region) also replaces the later year's changes.
 */
@SpringBootTest(properties = "innoladder.test.context=dashboard")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class StoredTransitionsTest {
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LadderService ladder;
    @Autowired
    LadderSnapshot snapshot;
    @Autowired
    org.innoladder.importer.ImportService importer;
    @Autowired
    org.innoladder.evaluation.EvaluationRuns runs;
    DashboardFixture fixture;

    @BeforeEach
    void data() throws Exception {
        fixture = new DashboardFixture(jdbc, importer, runs, snapshot);
        fixture.ensureLoaded();
    }

    @Test
    void storedChangesListWhatTheJoinedStandingsList() {
        int compared = 0;
        for (int to : new int[] {2023, 2024}) compared += compareEverywhere(to);
        assertThat(compared).as("transitions compared").isGreaterThan(100);
    }

    @Test
    void refreshingTheEarlierYearReplacesTheLaterYearsChanges() {
        long id = jdbc.sql("""
                SELECT min(a.enterprise_id) FROM ladder_standing a JOIN ladder_standing b ON b.enterprise_id = a.enterprise_id
                WHERE a.year = 2023 AND b.year = 2024 AND a.growth_official IS NULL AND b.growth_official IS NULL
                  AND a.town_code IS NOT NULL""").query(Long.class).single();
        String town = jdbc.sql("SELECT town_code FROM enterprise WHERE id = ?").param(id).query(String.class).single();
        // a certificate held through 2023 only: an official tier in 2023 that has expired in 2024
        jdbc.sql("""
                INSERT INTO recognition (enterprise_id, kind, certificate_no, issued_on, expires_on, source)
                VALUES (?, 'UNICORN', 'ST-1', DATE '2023-03-01', DATE '2023-12-31', 'test')""").param(id).update();
        try {
            snapshot.refresh(2023, LadderSnapshot.Target.enterprises(List.of(id)), "test");
            assertThat(changeOf(id)).isEqualTo("EXPIRED");
            compareEverywhere(2024);
        } finally {
            jdbc.sql("DELETE FROM recognition WHERE enterprise_id = ? AND certificate_no = 'ST-1'").param(id).update();
            snapshot.refresh(2023, LadderSnapshot.Target.region(town), "test");
        }
        assertThat(changeOf(id)).isNull();
        compareEverywhere(2024);
    }

    private String changeOf(long id) {
        return jdbc.sql("SELECT change FROM ladder_transition WHERE year = 2024 AND enterprise_id = ? AND ladder = 'GROWTH'")
                .param(id).query(String.class).optional().orElse(null);
    }

    private int compareEverywhere(int to) {
        String district = fixture.district();
        String town = fixture.town();
        int compared = 0;
        List<Object[]> cases = List.of(new Object[] {new DataScope.All(), null}, new Object[] {new DataScope.All(), district},
                new Object[] {new DataScope.RegionSubtree("3204"), null}, new Object[] {new DataScope.RegionSubtree("3204"), town},
                new Object[] {new DataScope.RegionSubtree(district), null}, new Object[] {new DataScope.RegionSubtree(district), town},
                new Object[] {new DataScope.RegionSubtree(town), null});
        for (Object[] c : cases) {
            DataScope scope = (DataScope) c[0];
            String region = (String) c[1];
            String r = region != null ? region : scope instanceof DataScope.RegionSubtree s ? s.regionCode() : null;
            assertThat(ladder.storedTransitionsServe(scope, to - 1, to)).isTrue();
            List<LadderService.Transition> stored = new ArrayList<>();
            List<LadderService.Transition> joined = new ArrayList<>();
            for (int page = 1; ; page++) {
                LadderService.Transitions a = ladder.storedTransitions(scope, r, to, page, 7);
                LadderService.Transitions b = ladder.joinedTransitions(scope, r, to - 1, to, page, 7);
                String what = scope + " " + region + " " + to + " page " + page;
                assertThat(a.counts()).as(what).isEqualTo(b.counts());
                assertThat(a.page().items()).as(what).isEqualTo(b.page().items());
                assertThat(a.page().totalItems()).as(what).isEqualTo(b.page().totalItems());
                stored.addAll(a.page().items());
                joined.addAll(b.page().items());
                if (a.page().items().isEmpty()) break;
            }
            assertThat(stored).isEqualTo(joined);
            compared += stored.size();
        }
        return compared;
    }
}
