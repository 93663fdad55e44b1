package org.innoladder.assessment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The ranking by hand: a scheme of two indicators (60 on M1, 40 on HNTE recognitions), cap 120%, five towns — two
 * tied at 80, one over-fulfilling M1 (capped) and failing HNTE, one without an HNTE target, one with a target of 0 —
 * under both rules for missing targets; then the shipped example scheme and a scheme file that breaks the rules.
 */
class TownRankingTest {
    static final Scheme.Indicator M1 = new Scheme.Indicator("m1", "指标一", "one", "M1", null, new BigDecimal("60"));
    static final Scheme.Indicator HNTE = new Scheme.Indicator("hnte", "高企", "HNTE", "RECOGNISED_TOTAL", "HNTE", new BigDecimal("40"));
    static final List<TownRanking.Town> TOWNS = List.of(new TownRanking.Town("T1", "甲镇"), new TownRanking.Town("T2", "乙镇"),
            new TownRanking.Town("T3", "丙镇"), new TownRanking.Town("T4", "丁镇"), new TownRanking.Town("T5", "戊镇"));
    static final List<TownRanking.Figure> FIGURES = List.of(
            f("T1", "M1", null, 10, 10), f("T1", "RECOGNISED_TOTAL", "HNTE", 4, 2),      // 60 + 20 = 80
            f("T2", "M1", null, 10, 15), f("T2", "RECOGNISED_TOTAL", "HNTE", 5, 0),      // 150% capped at 120%: 72 + 0 = 72
            f("T3", "M1", null, 5, 5), f("T3", "RECOGNISED_TOTAL", "HNTE", 10, 5),       // 60 + 20 = 80, tied with T1
            f("T4", "M1", null, 10, 9), f("T4", "RECOGNISED_TOTAL", "TSME", 3, 3),       // 54; HNTE missing (a TSME target is not one)
            f("T5", "M1", null, 0, 4), f("X9", "M1", null, 1, 1));                       // a target of 0 is none; X9 is no town here

    static TownRanking.Figure f(String town, String metric, String tier, long target, long actual) {
        return new TownRanking.Figure(town, metric, tier, target, actual, "enterprises");
    }

    static Scheme scheme(Scheme.Missing missing) {
        return new Scheme("test", "测试", "test", true, "测试依据", LocalDate.of(2020, 1, 1), null, new BigDecimal("1.2"), missing, List.of(M1, HNTE));
    }

    static String summary(TownRanking.Result r) {
        return r.town().code() + " " + (r.rank() == null ? "-" : r.rank()) + " " + (r.score() == null ? "missing" : r.score().toPlainString());
    }

    @Test
    void tiesShareARankAndATownLackingATargetIsShownButNotRanked() {
        List<TownRanking.Result> r = TownRanking.rank(scheme(Scheme.Missing.UNRANKED), TOWNS, FIGURES);
        assertThat(r).extracting(TownRankingTest::summary)
                .containsExactly("T1 1 80.00", "T3 1 80.00", "T2 3 72.00", "T4 - missing", "T5 - missing");
        TownRanking.Result t2 = r.get(2);
        assertThat(t2.lines().get(0).rate()).isEqualByComparingTo("1.2");
        assertThat(t2.lines().get(0).points()).isEqualByComparingTo("72");
        assertThat(t2.lines().get(1).rate()).isEqualByComparingTo("0");
        assertThat(t2.lines().get(1).missing()).as("a real 0 is not missing").isFalse();
        // T4: its M1 points are shown; the HNTE indicator is missing — no target, no actual, no rate, no points, never 0
        TownRanking.Result t4 = r.get(3);
        assertThat(t4.lines().get(0).points()).isEqualByComparingTo("54");
        TownRanking.Line hnte = t4.lines().get(1);
        assertThat(hnte.missing()).isTrue();
        assertThat(hnte.target()).isNull();
        assertThat(hnte.actual()).isNull();
        assertThat(hnte.points()).isNull();
        assertThat(t4.missing()).isEqualTo(1);
        // T5: a target of 0 cannot be completed: missing, shown with its target; and no HNTE target either
        assertThat(r.get(4).lines().get(0).target()).isZero();
        assertThat(r.get(4).lines().get(0).missing()).isTrue();
        assertThat(r.get(4).missing()).isEqualTo(2);
    }

    @Test
    void renormalisingRanksATownOnTheWeightsItHas() {
        List<TownRanking.Result> r = TownRanking.rank(scheme(Scheme.Missing.RENORMALISE), TOWNS, FIGURES);
        // T4: 54 points of the 60 it has targets for → 90 of 100
        assertThat(r).extracting(TownRankingTest::summary)
                .containsExactly("T4 1 90.00", "T1 2 80.00", "T3 2 80.00", "T2 4 72.00", "T5 - missing");
    }

    @Test
    void theShippedSchemeIsAnExampleWithItsCitationAndWeightsSummingTo100() {
        Schemes schemes = new Schemes();
        Scheme s = schemes.on(LocalDate.of(2024, 12, 31)).orElseThrow();
        assertThat(s.id()).isEqualTo("town-example");
        assertThat(s.example()).isTrue();
        assertThat(s.citation()).contains("如皋", "年终考核", "No official");
        assertThat(s.totalWeight()).isEqualByComparingTo("100");
        assertThat(s.cap()).isEqualByComparingTo("1.2");
        assertThat(s.missing()).isEqualTo(Scheme.Missing.UNRANKED);
        assertThat(s.effectiveFrom()).isEqualTo(LocalDate.of(2020, 1, 1));
        assertThat(s.indicators()).extracting(Scheme.Indicator::metric)
                .containsExactly("RECOGNISED_TOTAL", "RECOGNISED_TOTAL", "INVESTMENT_SIGNED", "INVESTMENT_LANDED", "TECH_CONTRACT_OUTFLOW");
        assertThat(schemes.on(LocalDate.of(2019, 12, 31))).isEmpty();
    }

    @Test
    void aSchemeBreakingTheRulesIsRefusedNamingTheFileAndTheRule() {
        String base = """
                id: bad
                name_zh: 坏方案
                name_en: bad
                effective_from: 2024-01-01
                cap: 1.2
                missing: unranked
                """;
        String indicator = "indicators:\n  - {id: a, name_zh: 甲, name_en: a, metric: M1, weight: %s}\n";
        assertThatThrownBy(() -> Schemes.parse(in(base + indicator.formatted("10")), "bad.yaml"))
                .hasMessageContaining("bad.yaml").hasMessageContaining("lacks citation");
        assertThatThrownBy(() -> Schemes.parse(in(base + "citation: 依据\n" + indicator.formatted("0")), "bad.yaml"))
                .hasMessageContaining("weight not above 0");
        assertThatThrownBy(() -> Schemes.parse(in(base.replace("cap: 1.2", "cap: 0.9") + "citation: 依据\n" + indicator.formatted("10")), "bad.yaml"))
                .hasMessageContaining("below 100%");
        assertThatThrownBy(() -> Schemes.parse(in(base + "citation: 依据\nindicators: []\n"), "bad.yaml")).hasMessageContaining("no indicators");
        Scheme ok = Schemes.parse(in(base + "citation: 依据\n" + indicator.formatted("10")), "ok.yaml");
        assertThat(ok.effectiveFrom()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(ok.example()).isFalse();
    }

    static ByteArrayInputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
