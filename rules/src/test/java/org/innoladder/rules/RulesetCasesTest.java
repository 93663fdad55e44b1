package org.innoladder.rules;

import org.innoladder.rules.EvaluationResult.Gap;
import org.innoladder.rules.EvaluationResult.ItemResult;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Runs every built-in ruleset's {@code *.tests.yaml} through the compiled, interpreted and batch paths. */
class RulesetCasesTest {

    static List<CaseFile> caseFiles() {
        return Rulesets.files().stream().map(f -> CaseFile.read(f.replace(".yaml", ".tests.yaml"))).toList();
    }

    @Test
    void everyRulesetHasAtLeast25Cases() {
        for (CaseFile f : caseFiles()) {
            assertThat(f.cases()).as(f.file()).hasSizeGreaterThanOrEqualTo(25);
        }
    }

    @TestFactory
    List<DynamicNode> cases() {
        List<DynamicNode> out = new ArrayList<>();
        for (CaseFile f : caseFiles()) {
            Ruleset rs = Rulesets.get(f.ruleset());
            List<DynamicNode> tests = new ArrayList<>();
            for (CaseFile.Case c : f.cases()) {
                tests.add(DynamicTest.dynamicTest(c.name(), () -> check(f.file(), rs, c)));
            }
            out.add(DynamicContainer.dynamicContainer(f.file(), tests));
        }
        return out;
    }

    static void check(String file, Ruleset rs, CaseFile.Case c) {
        String where = file + " case '" + c.name() + "'";
        EvaluationResult compiled = rs.evaluate(c.rows(), c.year(), c.referenceDate());
        EvaluationResult interpreted = rs.evaluateInterpreted(c.rows(), c.year(), c.referenceDate());
        assertThat(compiled).as(where + ": compiled and interpreted results differ").isEqualTo(interpreted);
        BatchResult batch = rs.evaluate(Population.of(c.rows(), c.year(), c.referenceDate()));
        assertThat(batch.outcome(0)).as(where + ": batch outcome").isEqualTo(compiled.outcome());
        assertThat(batch.result(0)).as(where + ": batch result").isEqualTo(compiled);

        Map<String, Object> expect = c.expect();
        String explain = " — got " + compiled.toJson();
        if (expect.containsKey("outcome")) {
            assertThat(compiled.outcome().name()).as(where + ": outcome" + explain).isEqualTo(expect.get("outcome"));
        }
        if (expect.containsKey("score")) {
            int[] range = range(expect.get("score"));
            assertThat(compiled.score()).as(where + ": score" + explain).isEqualTo(new EvaluationResult.ScoreRange(range[0], range[1]));
        }
        if (expect.containsKey("failing")) {
            assertThat(new TreeSet<>(compiled.criteria(Status.FAIL))).as(where + ": failing criteria" + explain)
                    .isEqualTo(new TreeSet<>(strings(expect.get("failing"))));
        }
        if (expect.containsKey("unknown")) {
            assertThat(new TreeSet<>(compiled.criteria(Status.UNKNOWN))).as(where + ": unknown criteria" + explain)
                    .isEqualTo(new TreeSet<>(strings(expect.get("unknown"))));
        }
        if (expect.containsKey("items")) {
            Map<String, Object> items = CaseFile.asMap(expect.get("items"));
            for (Map.Entry<String, Object> e : items.entrySet()) {
                ItemResult it = compiled.items().stream().filter(i -> i.id().equals(e.getKey())).findFirst()
                        .orElseThrow(() -> new AssertionError(where + ": no item " + e.getKey()));
                int[] range = range(e.getValue());
                assertThat(new int[]{it.min(), it.max()}).as(where + ": item " + e.getKey() + explain).containsExactly(range);
            }
        }
        if (expect.containsKey("gaps")) {
            Set<String> expected = new TreeSet<>();
            for (Object o : (List<?>) expect.get("gaps")) {
                Map<String, Object> g = CaseFile.asMap(o);
                expected.add(g.get("criterion") + " " + g.get("lever") + " " + new BigDecimal(((String) g.get("required")).replace("_", "")).stripTrailingZeros().toPlainString());
            }
            Set<String> actual = new TreeSet<>();
            for (Gap g : compiled.gaps()) {
                actual.add(g.criterion() + " " + g.lever() + " " + g.required().stripTrailingZeros().toPlainString());
            }
            assertThat(actual).as(where + ": gaps" + explain).isEqualTo(expected);
        }
        if (expect.isEmpty()) fail(where + ": expects nothing");
    }

    private static int[] range(Object o) {
        if (o instanceof List<?> l) return new int[]{Integer.parseInt((String) l.get(0)), Integer.parseInt((String) l.get(1))};
        int v = Integer.parseInt((String) o);
        return new int[]{v, v};
    }

    private static List<String> strings(Object o) {
        return o == null ? List.of() : ((List<?>) o).stream().map(String::valueOf).toList();
    }
}
