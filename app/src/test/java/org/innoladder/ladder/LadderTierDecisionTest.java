package org.innoladder.ladder;

import org.innoladder.rules.ladder.Tier;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.innoladder.ladder.TierDecision.Evaluated;
import org.innoladder.ladder.TierDecision.Gap;
import org.innoladder.ladder.TierDecision.Held;
import org.innoladder.ladder.TierDecision.Reason;
import org.innoladder.ladder.TierDecision.Standing;
import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.EvaluationResult;
import org.innoladder.rules.Outcome;
import org.innoladder.rules.Ruleset;
import org.innoladder.rules.Rulesets;
import org.innoladder.rules.Status;
import org.junit.jupiter.api.Test;

class LadderTierDecisionTest {
    static final double RATIO = 0.2;

    static Held held(Tier t, String issued, String expires) {
        return new Held(t.name(), t.name() + "-1", LocalDate.parse(issued), expires == null ? null : LocalDate.parse(expires));
    }

    /** Without the decision tree: every criterion with a gap failed. */
    static Evaluated eval(Tier t, Outcome o, Gap... gaps) {
        Map<String, Status> criteria = new LinkedHashMap<>();
        for (Gap g : gaps) criteria.put(g.criterion(), Status.FAIL);
        return new Evaluated(t, t.rulesetId().orElseThrow() + "@x", o, criteria, List.of(gaps), null);
    }

    static Gap gap(String criterion, String lever, double current, double required) {
        return new Gap(criterion, lever, BigDecimal.valueOf(current), BigDecimal.valueOf(required),
                BigDecimal.valueOf(required - current));
    }

    @Test
    void tierOrderIsTheDeclaredLadder() {
        assertThat(Tier.of(Tier.Ladder.GROWTH)).containsExactly(Tier.TSME, Tier.HNTE, Tier.GAZELLE, Tier.SEED_UNICORN,
                Tier.POTENTIAL_UNICORN, Tier.UNICORN);
        assertThat(Tier.of(Tier.Ladder.MIIT)).containsExactly(Tier.INNOVATIVE_SME, Tier.SPECIALISED_SME, Tier.LITTLE_GIANT);
        assertThat(Tier.HNTE.rank()).isEqualTo(2);
        assertThat(Tier.LITTLE_GIANT.rank()).isEqualTo(3);
        assertThat(Tier.UNICORN.atOrAbove(Tier.HNTE)).isTrue();
        assertThat(Tier.LITTLE_GIANT.atOrAbove(Tier.HNTE)).isFalse();
        assertThat(Tier.withRuleset()).as("every tier has a ruleset, the MIIT upper rungs included").containsExactly(Tier.values());
        assertThat(Tier.LITTLE_GIANT.rulesetId()).contains("little_giant");
    }

    @Test
    void validityIsOnThirtyFirstDecember() {
        Held h = held(Tier.HNTE, "2021-11-30", "2024-11-29");
        assertThat(h.validIn(2021)).isTrue();
        assertThat(h.validIn(2023)).isTrue();
        assertThat(h.validIn(2024)).as("lapsed during 2024").isFalse();
        assertThat(h.lapsedIn(2024)).isTrue();
        assertThat(h.lapsedIn(2023)).isFalse();
        assertThat(held(Tier.HNTE, "2021-01-01", "2024-12-31").validIn(2024)).as("expiring on the last day still counts").isTrue();
        assertThat(held(Tier.HNTE, "2021-01-01", "2024-12-30").validIn(2024)).isFalse();
        assertThat(held(Tier.HNTE, "2025-01-01", null).validIn(2024)).as("issued after the year").isFalse();
        assertThat(held(Tier.HNTE, "2024-12-31", null).validIn(2024)).as("issued on the last day").isTrue();
        assertThat(held(Tier.TSME, "2010-05-01", null).validIn(2030)).as("no expiry").isTrue();
    }

    @Test
    void highestValidRecognitionIsTheOfficialTierPerLadder() {
        Standing s = TierDecision.decide(2024, List.of(held(Tier.TSME, "2024-03-01", "2024-12-31"),
                held(Tier.HNTE, "2022-10-01", "2025-09-30"), held(Tier.GAZELLE, "2020-01-01", "2023-12-31"),
                held(Tier.SPECIALISED_SME, "2023-01-01", "2026-01-01"), held(Tier.INNOVATIVE_SME, "2022-01-01", "2025-01-01")),
                List.of(), RATIO);
        assertThat(s.officialTier(Tier.Ladder.GROWTH)).contains(Tier.HNTE);
        assertThat(s.official().get(Tier.Ladder.GROWTH).recognition().certificateNo()).isEqualTo("HNTE-1");
        assertThat(s.officialTier(Tier.Ladder.MIIT)).contains(Tier.SPECIALISED_SME);
        assertThat(s.held()).containsExactlyInAnyOrder(Tier.TSME, Tier.HNTE, Tier.SPECIALISED_SME, Tier.INNOVATIVE_SME);
        assertThat(s.lapsed()).as("the gazelle title ended on 2023-12-31, before 2024").isEmpty();
    }

    @Test
    void eligibleIsTheHighestQualifiedBesideTheOfficial() {
        Standing s = TierDecision.decide(2024, List.of(held(Tier.TSME, "2024-03-01", "2024-12-31")),
                List.of(eval(Tier.TSME, Outcome.QUALIFIED), eval(Tier.HNTE, Outcome.QUALIFIED),
                        eval(Tier.GAZELLE, Outcome.UNDETERMINED), eval(Tier.UNICORN, Outcome.NOT_QUALIFIED),
                        eval(Tier.INNOVATIVE_SME, Outcome.NOT_QUALIFIED)), RATIO);
        assertThat(s.officialTier(Tier.Ladder.GROWTH)).contains(Tier.TSME);
        assertThat(s.eligibleTier(Tier.Ladder.GROWTH)).contains(Tier.HNTE);
        assertThat(s.eligible().get(Tier.Ladder.GROWTH).rulesetRef()).isEqualTo("hnte@x");
        assertThat(s.eligibleTier(Tier.Ladder.MIIT)).isEmpty();
        assertThat(s.officialTier(Tier.Ladder.MIIT)).isEmpty();
        // pools: not TSME (recognised), HNTE qualified, GAZELLE undetermined, UNICORN not near (no gaps)
        assertThat(s.pools()).extracting(TierDecision.Membership::tier).containsExactly(Tier.HNTE, Tier.GAZELLE);
        assertThat(s.pool(Tier.HNTE).orElseThrow().reason()).isEqualTo(Reason.QUALIFIED);
        assertThat(s.pool(Tier.GAZELLE).orElseThrow().reason()).isEqualTo(Reason.UNDETERMINED);
    }

    @Test
    void undeterminedEntersAPoolOnlyFromTheRungBelow() {
        List<Evaluated> unknownValuation = List.of(eval(Tier.TSME, Outcome.UNDETERMINED), eval(Tier.HNTE, Outcome.QUALIFIED),
                eval(Tier.SEED_UNICORN, Outcome.UNDETERMINED), eval(Tier.POTENTIAL_UNICORN, Outcome.UNDETERMINED),
                eval(Tier.UNICORN, Outcome.UNDETERMINED), eval(Tier.INNOVATIVE_SME, Outcome.UNDETERMINED));
        Standing hnte = TierDecision.decide(2024, List.of(), unknownValuation, RATIO);
        // the lowest tier of each ladder admits anyone undetermined; above it only the tier below or higher does
        assertThat(hnte.pools()).extracting(TierDecision.Membership::tier)
                .containsExactly(Tier.TSME, Tier.HNTE, Tier.INNOVATIVE_SME);

        Standing gazelle = TierDecision.decide(2024, List.of(held(Tier.GAZELLE, "2023-01-01", "2025-12-31")),
                unknownValuation, RATIO);
        assertThat(gazelle.pools()).extracting(TierDecision.Membership::tier)
                .containsExactly(Tier.SEED_UNICORN, Tier.INNOVATIVE_SME);

        Standing potential = TierDecision.decide(2024, List.of(), List.of(eval(Tier.POTENTIAL_UNICORN, Outcome.QUALIFIED),
                eval(Tier.UNICORN, Outcome.UNDETERMINED)), RATIO);
        assertThat(potential.pool(Tier.UNICORN).orElseThrow().reason()).isEqualTo(Reason.UNDETERMINED);
    }

    @Test
    void recognisedAboveMeansNotInTheLowerPool() {
        Standing s = TierDecision.decide(2024, List.of(held(Tier.GAZELLE, "2023-01-01", "2025-12-31")),
                List.of(eval(Tier.HNTE, Outcome.QUALIFIED), eval(Tier.INNOVATIVE_SME, Outcome.QUALIFIED)), RATIO);
        assertThat(s.pool(Tier.HNTE)).isEmpty();
        assertThat(s.pool(Tier.INNOVATIVE_SME)).as("another ladder").isPresent();
    }

    @Test
    void nearMeansEveryFailedCriterionWithinTheRatio() {
        Gap revenue = gap("size_revenue", "sales_revenue", 850, 1000);      // 15%
        Gap rdAlt = gap("rd_ratio", "rd_expense", 50, 100);                 // 50% by one lever
        Gap rdBest = gap("rd_ratio", "sales_revenue", 900, 1000);           // 10% by another
        Standing near = TierDecision.decide(2024, List.of(), List.of(eval(Tier.HNTE, Outcome.NOT_QUALIFIED, revenue, rdAlt, rdBest)), RATIO);
        TierDecision.Membership m = near.pool(Tier.HNTE).orElseThrow();
        assertThat(m.reason()).isEqualTo(Reason.NEAR);
        assertThat(m.gaps()).containsExactly(revenue, rdBest);
        assertThat(m.reasonZh()).startsWith("接近：").contains("size_revenue：销售收入需增加");
        assertThat(m.reasonEn()).contains("rd_ratio: Sales revenue must increase");

        Gap far = gap("tech_staff", "tech_staff", 5, 10);                   // 50%
        assertThat(TierDecision.decide(2024, List.of(), List.of(eval(Tier.HNTE, Outcome.NOT_QUALIFIED, revenue, far)), RATIO)
                .pool(Tier.HNTE)).as("one criterion too far").isEmpty();
        assertThat(TierDecision.decide(2024, List.of(), List.of(eval(Tier.HNTE, Outcome.NOT_QUALIFIED, revenue, far)), 0.5)
                .pool(Tier.HNTE)).as("a wider ratio admits it").isPresent();
        assertThat(TierDecision.decide(2024, List.of(), List.of(eval(Tier.HNTE, Outcome.NOT_QUALIFIED, revenue)), 0.15)
                .pool(Tier.HNTE)).as("exactly at the ratio").isPresent();
        assertThat(TierDecision.decide(2024, List.of(), List.of(eval(Tier.HNTE, Outcome.NOT_QUALIFIED, revenue)), 0.149)
                .pool(Tier.HNTE)).isEmpty();
        assertThat(TierDecision.decide(2024, List.of(), List.of(eval(Tier.HNTE, Outcome.NOT_QUALIFIED,
                gap("tech_staff_nonzero", "tech_staff", 0, 0.0) )), RATIO).pool(Tier.HNTE))
                .as("zero change to a zero requirement is within any ratio").isPresent();
        assertThat(TierDecision.decide(2024, List.of(), List.of(eval(Tier.HNTE, Outcome.NOT_QUALIFIED,
                new Gap("c", "l", BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ONE.negate()))), 10).pool(Tier.HNTE))
                .as("a change against a zero requirement is never near").isEmpty();
        assertThat(TierDecision.decide(2024, List.of(), List.of(eval(Tier.HNTE, Outcome.NOT_QUALIFIED)), 10).pool(Tier.HNTE))
                .as("no lever can pass it").isEmpty();
    }

    @Test
    void expiredRecognitionPutsAQualifiedEnterpriseBackInThePool() {
        List<Held> hnte = List.of(held(Tier.TSME, "2024-04-01", "2024-12-31"), held(Tier.HNTE, "2021-11-30", "2024-11-29"));
        List<Evaluated> evals = List.of(eval(Tier.HNTE, Outcome.QUALIFIED));
        Standing y2023 = TierDecision.decide(2023, hnte, evals, RATIO);
        assertThat(y2023.officialTier(Tier.Ladder.GROWTH)).contains(Tier.HNTE);
        assertThat(y2023.pool(Tier.HNTE)).isEmpty();
        Standing y2024 = TierDecision.decide(2024, hnte, evals, RATIO);
        assertThat(y2024.officialTier(Tier.Ladder.GROWTH)).contains(Tier.TSME);
        assertThat(y2024.lapsed()).extracting(Held::kind).containsExactly("HNTE");
        TierDecision.Membership m = y2024.pool(Tier.HNTE).orElseThrow();
        assertThat(m.lapsed()).isTrue();
        assertThat(m.reasonZh()).contains("到期");
    }

    @Test
    void transitionKinds() {
        TierDecision.Official hnteTo2024 = new TierDecision.Official(Tier.HNTE, held(Tier.HNTE, "2021-11-30", "2024-11-29"));
        TierDecision.Official hnteOpen = new TierDecision.Official(Tier.HNTE, held(Tier.HNTE, "2021-11-30", null));
        assertThat(LadderService.change(null, Tier.TSME, 2024)).isEqualTo(LadderService.Change.NEW);
        assertThat(LadderService.change(null, null, 2024)).isNull();
        assertThat(LadderService.change(hnteOpen, Tier.GAZELLE, 2024)).isEqualTo(LadderService.Change.CLIMBED);
        assertThat(LadderService.change(hnteOpen, Tier.HNTE, 2024)).isNull();
        assertThat(LadderService.change(hnteTo2024, Tier.TSME, 2024)).isEqualTo(LadderService.Change.EXPIRED);
        assertThat(LadderService.change(hnteTo2024, null, 2024)).isEqualTo(LadderService.Change.EXPIRED);
        assertThat(LadderService.change(hnteOpen, null, 2024)).isEqualTo(LadderService.Change.FELL);
    }

    @Test
    void nearUsesTheDecisionTreeSoAFailedAlternativeRouteDoesNotExclude() {
        Ruleset tsme = Rulesets.get("tsme");
        Map<String, Status> statuses = new LinkedHashMap<>();
        for (String c : tsme.criterionIds()) statuses.put(c, c.startsWith("direct_") || c.equals("score_pass") ? Status.FAIL : Status.PASS);
        Gap score = gap("score_pass", "rd_expense", 95, 100);
        Evaluated routeFailed = new Evaluated(Tier.TSME, "tsme@2017", Outcome.NOT_QUALIFIED, statuses, List.of(score), tsme::decide);
        assertThat(TierDecision.decide(2024, List.of(), List.of(routeFailed), RATIO).pool(Tier.TSME))
                .as("the failed direct routes are alternatives").isPresent();

        Map<String, Status> notResident = new LinkedHashMap<>(statuses);
        notResident.put("resident", Status.FAIL);
        Evaluated hardFail = new Evaluated(Tier.TSME, "tsme@2017", Outcome.NOT_QUALIFIED, notResident, List.of(score), tsme::decide);
        assertThat(TierDecision.decide(2024, List.of(), List.of(hardFail), RATIO).pool(Tier.TSME))
                .as("a failed criterion no lever can pass keeps it out").isEmpty();
        Evaluated strict = new Evaluated(Tier.TSME, "tsme@2017", Outcome.NOT_QUALIFIED, statuses, List.of(score), null);
        assertThat(TierDecision.decide(2024, List.of(), List.of(strict), RATIO).pool(Tier.TSME))
                .as("without the tree every failed criterion must be near").isEmpty();
    }

    @Test
    void storedResultOfTheRealEngineRoundTrips() {
        Ruleset gazelle = Rulesets.get("gazelle@yancheng-2022");
        long[] revenue = {10_000_000, 15_000_000, 17_000_000, 18_000_000, 19_000_000}; // Y-4 .. Y: multiple 1.9 < 2.0736
        List<FactRow> history = new java.util.ArrayList<>();
        for (int k = 0; k < revenue.length; k++) {
            history.add(FactRow.builder().set(Column.CREDIT_CODE, "91110108551385082Q").set(Column.NAME, "测试瞪羚有限公司")
                    .set(Column.FOUNDED_ON, LocalDate.of(2015, 3, 1)).set(Column.YEAR, 2019 + k)
                    .set(Column.SALES_REVENUE, BigDecimal.valueOf(revenue[k])).build());
        }
        EvaluationResult r = gazelle.evaluate(history, 2023);
        assertThat(r.outcome()).isEqualTo(Outcome.NOT_QUALIFIED);
        byte[] detail = org.innoladder.rules.ResultCodec.encode(gazelle, r).detail();
        List<Gap> gaps = LadderService.gaps("gazelle@yancheng-2022", detail);
        Map<String, Status> criteria = LadderService.criteria("gazelle@yancheng-2022", detail);
        assertThat(criteria).containsEntry("revenue_cagr", Status.FAIL).containsEntry("base_revenue", Status.PASS);
        assertThat(gazelle.decide(criteria)).as("the tree on the stored statuses gives the stored outcome").isEqualTo(r.outcome());
        assertThat(gaps).extracting(Gap::criterion).containsExactly("revenue_cagr");
        assertThat(gaps.get(0).required()).isEqualByComparingTo("20736001");     // 10,000,000 × 1.2^4, strictly above
        assertThat(gaps.get(0).relative()).isBetween(0.08, 0.09);               // 1,736,001 / 20,736,001
        Evaluated e = new Evaluated(Tier.GAZELLE, "gazelle@yancheng-2022", r.outcome(), criteria, gaps,
                org.innoladder.rules.Rulesets.decision("gazelle@yancheng-2022"));
        assertThat(TierDecision.decide(2023, List.of(), List.of(e), 0.1).pool(Tier.GAZELLE)).isPresent();
        assertThat(TierDecision.decide(2023, List.of(), List.of(e), 0.05).pool(Tier.GAZELLE)).isEmpty();
        assertThat(org.innoladder.rules.Rulesets.decision("gazelle@nowhere-1999")).isNull();
    }
}
