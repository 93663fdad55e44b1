package org.innoladder.ladder;

import org.innoladder.rules.ladder.Tier;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.identity.Role;
import org.innoladder.ladder.TierDecision.Standing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The set-based snapshot against its specification: on generated data (imported through the importer, evaluated by
 * real evaluation runs under every ladder ruleset, plus hand-made expired, lapsed and renewed certificates) every
 * enterprise's snapshot row and pool memberships equal {@link TierDecision}'s decision, at two gap ratios, and the
 * summaries equal the Java-decided ones in several scopes.
 */
@SpringBootTest(properties = "innoladder.test.context=dashboard")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class LadderSnapshotTest {
    static final CurrentUser ADMIN = new CurrentUser(9301, "admin", "管理员", Role.ADMIN, null, null, null);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    LadderService ladder;
    @Autowired
    LadderSnapshot snapshot;
    @Autowired
    org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate named;
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

    record Row(String growthOfficial, LocalDate growthExpires, String miitOfficial, LocalDate miitExpires,
               String growthEligible, String miitEligible, int held, int qualified, int lapsed) {
    }

    record Member(String tier, String reason, boolean lapsed) {
    }

    static int mask(Set<Tier> tiers) {
        int m = 0;
        for (Tier t : tiers) m |= 1 << t.ordinal();
        return m;
    }

    static Row decided(Standing s) {
        TierDecision.Official g = s.official().get(Tier.Ladder.GROWTH), m = s.official().get(Tier.Ladder.MIIT);
        Set<Tier> lapsed = EnumSet.noneOf(Tier.class);
        s.lapsed().forEach(h -> h.tier().ifPresent(lapsed::add));
        return new Row(g == null ? null : g.tier().name(), g == null ? null : g.recognition().expiresOn(),
                m == null ? null : m.tier().name(), m == null ? null : m.recognition().expiresOn(),
                s.eligibleTier(Tier.Ladder.GROWTH).map(Enum::name).orElse(null),
                s.eligibleTier(Tier.Ladder.MIIT).map(Enum::name).orElse(null),
                mask(s.held()), mask(s.qualified()), mask(lapsed));
    }

    @Test
    void everyEnterpriseEqualsTierDecision() {
        int checkedYears = 0;
        for (int year : List.of(2022, 2023, 2024)) {
            Map<Long, Row> stored = new HashMap<>();
            jdbc.sql("""
                    SELECT enterprise_id, growth_official, growth_official_expires, miit_official, miit_official_expires,
                           growth_eligible, miit_eligible, held_mask, qualified_mask, lapsed_mask
                    FROM ladder_standing WHERE year = ?""").param(year).query(rs -> {
                stored.put(rs.getLong(1), new Row(rs.getString(2), date(rs.getDate(3)), rs.getString(4), date(rs.getDate(5)),
                        rs.getString(6), rs.getString(7), rs.getInt(8), rs.getInt(9), rs.getInt(10)));
            });
            for (double ratio : new double[] {0.2, 0.5}) {
                Map<Long, Set<Member>> pool = new HashMap<>();
                jdbc.sql("""
                        SELECT enterprise_id, tier, reason, lapsed FROM ladder_pool
                        WHERE year = ? AND (reason <> 'NEAR' OR near_ratio <= ?)""").params(year, ratio).query(rs -> {
                    pool.computeIfAbsent(rs.getLong(1), k -> new TreeSetMembers()).add(
                            new Member(rs.getString(2), rs.getString(3), rs.getBoolean(4)));
                });
                List<LadderService.Placed> placed = ladder.place(new DataScope.All(), null, year, ratio);
                assertThat(stored.keySet()).as("enterprises with a standing in " + year)
                        .containsExactlyInAnyOrderElementsOf(placed.stream().map(p -> p.enterprise().id()).toList());
                for (LadderService.Placed p : placed) {
                    long id = p.enterprise().id();
                    assertThat(stored.get(id)).as(p.enterprise().creditCode() + " in " + year).isEqualTo(decided(p.standing()));
                    Set<Member> expected = new TreeSetMembers();
                    p.standing().pools().forEach(m -> expected.add(new Member(m.tier().name(), m.reason().name(), m.lapsed())));
                    assertThat(pool.getOrDefault(id, Set.of())).as("pools of " + p.enterprise().creditCode() + " in " + year
                            + " at ratio " + ratio).isEqualTo(expected);
                }
            }
            checkedYears++;
        }
        assertThat(checkedYears).isEqualTo(3);
    }

    /** The generated data and the hand-made certificates cover what the definitions single out. */
    @Test
    void theDataCoversExpiryLapsesRenewalsAndEveryReason() {
        assertThat(jdbc.sql("SELECT count(*) FROM ladder_standing WHERE year = 2024 AND lapsed_mask <> 0").query(Long.class).single())
                .as("recognitions that lapsed during 2024").isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM ladder_pool WHERE year = 2024 AND lapsed").query(Long.class).single())
                .as("pool members whose certificate lapsed").isPositive();
        assertThat(jdbc.sql("SELECT DISTINCT reason FROM ladder_pool WHERE year = 2024").query(String.class).list())
                .containsExactlyInAnyOrder("QUALIFIED", "UNDETERMINED", "NEAR");
        assertThat(jdbc.sql("SELECT count(DISTINCT tier) FROM ladder_pool WHERE year = 2024").query(Long.class).single())
                .as("pools of several tiers").isGreaterThanOrEqualTo(3);
        // the MIIT upper rungs: evaluated, with reserve pools, and an undetermined member always stands on the rung below
        // (their rulesets cannot see the lower title, so the ladder checks it)
        assertThat(jdbc.sql("SELECT DISTINCT tier FROM ladder_pool WHERE year = 2024 AND tier IN ('SPECIALISED_SME', 'LITTLE_GIANT')")
                .query(String.class).list()).as("pools of the MIIT upper rungs").containsExactlyInAnyOrder("SPECIALISED_SME", "LITTLE_GIANT");
        assertThat(jdbc.sql("SELECT count(*) FROM ladder_pool WHERE year = 2024 AND tier = 'SPECIALISED_SME' AND reason = 'UNDETERMINED'")
                .query(Long.class).single()).as("undetermined 专精特新 candidates").isPositive();
        for (String[] rung : new String[][] {{"SPECIALISED_SME", "INNOVATIVE_SME"}, {"LITTLE_GIANT", "SPECIALISED_SME"}}) {
            Tier lower = Tier.valueOf(rung[1]);
            int below = Tier.of(lower.ladder()).stream().filter(t -> t.atOrAbove(lower)).mapToInt(t -> 1 << t.ordinal()).reduce(0, (a, b) -> a | b);
            assertThat(jdbc.sql("""
                    SELECT count(*) FROM ladder_pool p JOIN ladder_standing s ON s.enterprise_id = p.enterprise_id AND s.year = p.year
                    WHERE p.tier = ? AND p.reason = 'UNDETERMINED'
                      AND (s.held_mask & ?) = 0 AND (s.qualified_mask & ?) = 0""").params(rung[0], below, below)
                    .query(Long.class).single()).as("undetermined %s members off the rung below", rung[0]).isZero();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM evaluation_result WHERE outcome = 'NOT_QUALIFIED' AND near_ratio IS NULL")
                .query(Long.class).single()).as("every NOT_QUALIFIED result has its near ratio").isZero();
        LadderService.Transitions t = ladder.transitions(ADMIN, null, 2023, 2024, 1, 10);
        assertThat(t.counts().values().stream().filter(n -> n > 0).count()).as("several kinds of change " + t.counts())
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void summariesAndTransitionsEqualTheDecidedOnes() {
        for (String region : new String[] {null, "3204", fixture.district(), fixture.town()}) {
            for (int year : List.of(2023, 2024)) {
                LadderService.Summary fromSnapshot = ladder.summary(ADMIN, region, year);
                LadderService.Summary decided = LadderService.summarise(region, year,
                        ladder.place(new DataScope.All(), region, year, ladder.reserveMaxGapRatio()), ladder.reserveMaxGapRatio());
                assertThat(fromSnapshot.tiers()).as(region + " " + year).isEqualTo(decided.tiers());
                // the per-region counts the dashboard sums equal the standings they were counted from
                LadderService fromStandings = new LadderService(named, ladder.reserveMaxGapRatio(), true, false);
                for (int length : new int[] {0, 6, 9}) {
                    assertThat(ladder.figures(new DataScope.All(), region, year, length, ladder.reserveMaxGapRatio()))
                            .isEqualTo(fromStandings.figures(new DataScope.All(), region, year, length, ladder.reserveMaxGapRatio()));
                    assertThat(ladder.changeCounts(new DataScope.All(), LadderService.prefix(region), year, length))
                            .isEqualTo(fromStandings.changeCounts(new DataScope.All(), LadderService.prefix(region), year, length));
                }
                assertThat(ladder.trend(new DataScope.All(), LadderService.prefix(region)))
                        .isEqualTo(fromStandings.trend(new DataScope.All(), LadderService.prefix(region)));
            }
            List<LadderService.Transition> all = new ArrayList<>();
            LadderService.Transitions first = ladder.transitions(ADMIN, region, 2023, 2024, 1, LadderService.MAX_PAGE_SIZE);
            for (int page = 1; page <= Math.max(1, first.page().totalPages()); page++) {
                all.addAll(ladder.transitions(ADMIN, region, 2023, 2024, page, LadderService.MAX_PAGE_SIZE).page().items());
            }
            assertThat(all).as("transitions in " + region).isEqualTo(ladder.transitionsDecided(new DataScope.All(), region, 2023, 2024));
            assertThat(LadderService.counts(all)).isEqualTo(first.counts());
        }
    }

    static LocalDate date(java.sql.Date d) {
        return d == null ? null : d.toLocalDate();
    }

    /** Members in a stable order, so failures print readably. */
    static final class TreeSetMembers extends TreeSet<Member> {
        TreeSetMembers() {
            super((a, b) -> (a.tier() + a.reason() + a.lapsed()).compareTo(b.tier() + b.reason() + b.lapsed()));
        }
    }
}
