package org.innoladder.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.innoladder.rules.EvaluationResult.CriterionResult;
import org.innoladder.rules.EvaluationResult.Gap;
import org.innoladder.rules.facts.ColumnType;
import org.innoladder.rules.facts.FactRow;
import org.junit.jupiter.api.Test;

/**
 * {@code decode(encode(r))} equals {@code r} for every result the engine gives: every bundled ruleset's YAML cases
 * and generated populations (national and growth-tier generators, with unknown facts and missing years). The test
 * also requires that the results met every shape the layout has to carry, so that it cannot pass on easy data.
 */
class ResultCodecTest {
    /** What the round-tripped results covered, over all rulesets. */
    private final Set<String> seen = new TreeSet<>();
    private final EnumSet<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
    private long bytes, results;

    @Test
    void everyCaseOfEveryBundledRulesetRoundTrips() {
        for (CaseFile f : RulesetCasesTest.caseFiles()) {
            Ruleset rs = Rulesets.get(f.ruleset());
            for (CaseFile.Case c : f.cases()) {
                EvaluationResult r = rs.evaluate(c.rows(), c.year(), c.referenceDate());
                CompactResult compact = ResultCodec.encode(rs, r, c.referenceDate());
                assertThat(ResultCodec.decode(rs, r.creditCode(), r.name(), r.year(), c.referenceDate(), compact))
                        .as("%s case '%s'", f.file(), c.name()).isEqualTo(r);
                checkPartial(rs, r, compact);
            }
        }
    }

    @Test
    void generatedPopulationsOfEveryBundledRulesetRoundTrip() {
        int year = 2024;
        List<FactRow> national = new Synthetic(11, 0.08).population(1500, year);
        List<FactRow> growth = new GrowthSynthetic(12, 0.08).population(1500, year);
        List<FactRow> cents = withCents(new Synthetic(13, 0.05).population(300, year));
        for (Ruleset rs : Rulesets.all()) {
            for (List<FactRow> rows : List.of(national, growth, cents)) {
                for (EvaluationResult r : rs.evaluate(Population.of(rows, year)).results()) roundTrip(rs, r);
            }
        }
        assertThat(outcomes).containsExactlyInAnyOrder(Outcome.values());
        assertThat(seen).as("shapes the layout must carry").contains("null value", "false", "true", "whole number",
                "fraction", "text value", "score range value", "derived score value", "threshold from facts",
                "unknown threshold", "gap", "fractional gap", "open expert range", "several bands", "no score", "status UNKNOWN");
        System.out.printf("%,d results round-tripped, %.1f bytes of detail each on average%n", results, (double) bytes / results);
    }

    /** The same histories with amounts in yuan and fen, so that gaps are fractional too. */
    private static List<FactRow> withCents(List<FactRow> rows) {
        return rows.stream().map(row -> {
            FactRow.Builder b = FactRow.builder();
            row.asMap().forEach((c, v) -> b.set(c, v instanceof BigDecimal d && c.type() == ColumnType.MONEY
                    ? d.add(new BigDecimal("0.37")) : v));
            return b.build();
        }).toList();
    }

    private void roundTrip(Ruleset rs, EvaluationResult r) {
        CompactResult compact = ResultCodec.encode(rs, r);
        EvaluationResult back = ResultCodec.decode(rs, r.creditCode(), r.name(), r.year(), compact);
        assertThat(back).as("%s of %s", rs.info().ref(), r.creditCode()).isEqualTo(r);
        checkPartial(rs, r, compact);
        note(rs, r);
        bytes += compact.detail().length;
        results++;
    }

    private static void checkPartial(Ruleset rs, EvaluationResult r, CompactResult compact) {
        assertThat(ResultCodec.statuses(rs, compact.detail())).containsExactly(r.criteria().stream()
                .map(CriterionResult::status).toArray(Status[]::new));
        assertThat(ResultCodec.gaps(rs, compact.detail())).isEqualTo(r.gaps());
    }

    private void note(Ruleset rs, EvaluationResult r) {
        outcomes.add(r.outcome());
        if (r.score() == null) seen.add("no score");
        for (int c = 0; c < r.criteria().size(); c++) {
            CriterionResult cr = r.criteria().get(c);
            Object v = cr.value();
            if (cr.status() == Status.UNKNOWN) seen.add("status UNKNOWN");
            if (v == null) seen.add("null value");
            if (Boolean.FALSE.equals(v)) seen.add("false");
            if (Boolean.TRUE.equals(v)) seen.add("true");
            if (v instanceof Double d) seen.add(d == Math.rint(d) ? "whole number" : "fraction");
            if (v instanceof String s) seen.add(s.matches("\\d+-\\d+") ? "score range value" : "text value");
            if (rs.criteria.get(c).isScore() && v instanceof Double) seen.add("derived score value");
            if (rs.criteria.get(c).threshold() != null && cr.threshold() == null) seen.add("unknown threshold");
            if (rs.criteria.get(c).threshold() != null && cr.threshold() != null
                    && !cr.threshold().equals(rs.plan(LocalDate.of(r.year(), 12, 31)).plainThresholds[c])) {
                seen.add("threshold from facts");
            }
        }
        for (Gap g : r.gaps()) {
            seen.add("gap");
            if (g.required().scale() > 0) seen.add("fractional gap");
        }
        r.items().forEach(i -> {
            if ("expert".equals(i.band())) seen.add("open expert range");
            if (i.band() != null && i.band().contains("|")) seen.add("several bands");
        });
    }

    @Test
    void aResultOfAnotherVersionOrWithChangedPartsIsRefused() {
        Ruleset hnte = Rulesets.get("hnte@2016"), tsme = Rulesets.get("tsme@2017");
        EvaluationResult r = hnte.evaluate(new Synthetic(3, 0).population(1, 2023), 2023);
        assertThatThrownBy(() -> ResultCodec.encode(tsme, r)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a result of tsme@2017");

        List<CriterionResult> renamed = new ArrayList<>(r.criteria());
        CriterionResult first = renamed.get(0);
        renamed.set(0, new CriterionResult(first.id(), first.status(), first.value(), first.threshold(), "another clause"));
        assertThatThrownBy(() -> ResultCodec.encode(hnte, with(r, renamed, r.gaps()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("criterion " + first.id());

        Gap foreign = new Gap("registered_365_days", "rd_expense", BigDecimal.ONE, BigDecimal.TEN, BigDecimal.valueOf(9));
        assertThatThrownBy(() -> ResultCodec.encode(hnte, with(r, r.criteria(), List.of(foreign))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not of a lever of a failed criterion");
    }

    @Test
    void aDamagedDetailIsRefusedRatherThanMisread() {
        Ruleset hnte = Rulesets.get("hnte@2016");
        EvaluationResult r = hnte.evaluate(new Synthetic(5, 0).population(1, 2023), 2023);
        CompactResult c = ResultCodec.encode(hnte, r);
        byte[] cut = Arrays.copyOf(c.detail(), c.detail().length - 1);
        assertThatThrownBy(() -> ResultCodec.decode(hnte, r.creditCode(), r.name(), 2023, new CompactResult(r.outcome(), r.score(), cut)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends early");
        byte[] longer = Arrays.copyOf(c.detail(), c.detail().length + 1);
        assertThatThrownBy(() -> ResultCodec.decode(hnte, r.creditCode(), r.name(), 2023, new CompactResult(r.outcome(), r.score(), longer)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("left over");
        byte[] other = c.detail().clone();
        other[0] = 9;
        assertThatThrownBy(() -> ResultCodec.statuses(hnte, other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format");
    }

    private static EvaluationResult with(EvaluationResult r, List<CriterionResult> criteria, List<Gap> gaps) {
        return new EvaluationResult(r.creditCode(), r.name(), r.ruleset(), r.version(), r.year(), r.outcome(), r.score(),
                criteria, r.items(), gaps);
    }
}
