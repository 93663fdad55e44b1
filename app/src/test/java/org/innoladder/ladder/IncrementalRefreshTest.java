package org.innoladder.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A refresh of named enterprises moves the stored counts by what those enterprises contributed before and after,
 * instead of recounting their regions: after certificates are withdrawn and granted, results change outcome and
 * enterprises move town, refreshing only them leaves standings, pools and every count (standings, pools by reason,
 * changes into the year and into the next) exactly as a full refresh of every year computes them. Runs in a
 * transaction that is rolled back, so the shared dashboard data stays as it was.
 */
@SpringBootTest(properties = "innoladder.test.context=dashboard")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class IncrementalRefreshTest {
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LadderSnapshot snapshot;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    org.innoladder.importer.ImportService importer;
    @Autowired
    org.innoladder.evaluation.EvaluationRuns runs;

    @BeforeEach
    void data() throws Exception {
        new DashboardFixture(jdbc, importer, runs, snapshot).ensureLoaded();
    }

    @Test
    void refreshingTheChangedEnterprisesEqualsAFullRefresh() {
        tx.executeWithoutResult(status -> {
            status.setRollbackOnly();
            List<Integer> years = snapshot.years();
            assertThat(years).hasSizeGreaterThanOrEqualTo(3);
            Map<String, List<String>> before = tables();
            List<Long> changed = jdbc.sql("SELECT id FROM enterprise ORDER BY credit_code").query(Long.class).list()
                    .stream().filter(id -> id % 23 == 0).toList();
            change(changed);

            for (int year : years) snapshot.refresh(year, LadderSnapshot.Target.enterprises(changed), "test-incremental");
            Map<String, List<String>> incremental = tables();
            for (int year : years) snapshot.refresh(year, LadderSnapshot.Target.all(), "test-full");
            Map<String, List<String>> full = tables();

            assertThat(incremental.get("counts")).as("the changes moved the counts").isNotEqualTo(before.get("counts"));
            assertThat(incremental.get("standings")).isEqualTo(full.get("standings"));
            assertThat(incremental.get("pools")).isEqualTo(full.get("pools"));
            assertThat(incremental.get("counts")).isEqualTo(full.get("counts"));
        });
    }

    @Test
    void movedEnterprisesTakeTheirCountsAlongAsAFullRefreshWould() {
        tx.executeWithoutResult(status -> {
            status.setRollbackOnly();
            List<Integer> years = snapshot.years();
            Map<String, List<String>> before = tables();
            List<Long> moved = jdbc.sql("SELECT id FROM enterprise ORDER BY credit_code").query(Long.class).list()
                    .stream().filter(id -> id % 17 == 0).toList();
            move(moved);

            assertThat(snapshot.syncRegions()).isGreaterThan(0);
            Map<String, List<String>> synced = tables();
            for (int year : years) snapshot.refresh(year, LadderSnapshot.Target.all(), "test-full");
            Map<String, List<String>> full = tables();

            assertThat(synced.get("counts")).as("the moves moved the counts").isNotEqualTo(before.get("counts"));
            assertThat(synced).isEqualTo(full);
        });
    }

    /** Certificates withdrawn and granted, outcomes turned round, enterprises moved to another town. */
    private void change(List<Long> ids) {
        assertThat(ids).hasSizeGreaterThan(40);
        List<Long> withdrawn = ids.subList(0, 10), granted = ids.subList(10, 20), flipped = ids.subList(20, 35),
                moved = ids.subList(35, 40);
        jdbc.sql("DELETE FROM recognition WHERE enterprise_id IN (:ids)").param("ids", withdrawn).update();
        for (long id : granted) {
            jdbc.sql("""
                    INSERT INTO recognition (enterprise_id, kind, certificate_no, issued_on, expires_on, source)
                    VALUES (?, ?, ?, ?, ?, 'test')""").params(id, id % 2 == 0 ? "HNTE" : "SPECIALISED_SME", "INC-" + id,
                    LocalDate.of(2023, 5, 1), LocalDate.of(2026, 4, 30)).update();
        }
        jdbc.sql("""
                UPDATE evaluation_result SET outcome = CASE outcome WHEN 'QUALIFIED' THEN 'NOT_QUALIFIED' ELSE 'QUALIFIED' END,
                       near_ratio = CASE outcome WHEN 'QUALIFIED' THEN 0.1 END
                WHERE enterprise_id IN (:ids) AND outcome <> 'UNDETERMINED'""").param("ids", flipped).update();
        move(moved);
    }

    /** To one of the two most populous towns. */
    private void move(List<Long> ids) {
        List<String> towns = jdbc.sql("""
                SELECT region_code FROM enterprise WHERE town_code IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 2""")
                .query(String.class).list();
        for (long id : ids) {
            jdbc.sql("UPDATE enterprise SET region_code = ? WHERE id = ?").params(towns.get((int) (id % 2)), id).update();
        }
    }

    private Map<String, List<String>> tables() {
        return Map.of(
                "standings", rows("""
                        SELECT concat_ws('|', year, enterprise_id, region_code, county_code, town_code, growth_official,
                               growth_official_expires, miit_official, miit_official_expires, growth_eligible, miit_eligible,
                               held_mask, qualified_mask, lapsed_mask) FROM ladder_standing"""),
                "pools", rows("""
                        SELECT concat_ws('|', year, tier, enterprise_id, reason, near_ratio, lapsed, ruleset_ref, region_code,
                               county_code, town_code) FROM ladder_pool"""),
                "counts", rows("""
                        SELECT concat_ws('|', year, region_code, county_code, town_code, tier, figure, n, ratio) FROM ladder_count"""));
    }

    private List<String> rows(String sql) {
        return jdbc.sql(sql + " ORDER BY 1").query(String.class).list();
    }
}
