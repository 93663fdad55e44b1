package org.innoladder.rules.policy;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every example policy's {@code *.tests.yaml}: each case through the explained single-enterprise path and
 * the batch path, which must agree on outcome and amount.
 */
class PolicyCasesTest {

    static List<PolicyCaseFile> files() {
        return Policies.exampleFiles().stream().map(f -> PolicyCaseFile.read(f.replace(".yaml", ".tests.yaml"))).toList();
    }

    @Test
    void aboutTenExamplesEachMarkedAndCitingItsKindOfSource() {
        assertThat(Policies.examples()).hasSizeGreaterThanOrEqualTo(10);
        for (Policy p : Policies.examples()) {
            assertThat(p.example()).as(p.code()).isTrue();
            assertThat(p.source()).as(p.code()).startsWith("示例：").contains("文号为示例虚构");
            assertThat(p.documentNo()).as(p.code()).contains("示例");
        }
        assertThat(Policies.examples()).anyMatch(p -> p.mode() == Policy.Mode.APPLICATION);
    }

    @Test
    void everyExampleCoversEligibleNotEligibleAndUnknownAndNearWhenItHasLevers() {
        for (PolicyCaseFile f : files()) {
            Policy p = Policies.example(f.policy());
            Set<PolicyOutcome> seen = EnumSet.noneOf(PolicyOutcome.class);
            for (PolicyCaseFile.Case c : f.cases()) seen.add(PolicyOutcome.valueOf((String) c.expect().get("outcome")));
            Set<PolicyOutcome> needed = EnumSet.of(PolicyOutcome.ELIGIBLE, PolicyOutcome.NOT_ELIGIBLE, PolicyOutcome.UNDETERMINED);
            if (p.criteria().stream().anyMatch(c -> !c.levers().isEmpty())) needed.add(PolicyOutcome.NEAR);
            assertThat(seen).as(f.file()).containsAll(needed);
        }
    }

    @TestFactory
    List<DynamicNode> cases() {
        List<DynamicNode> out = new ArrayList<>();
        for (PolicyCaseFile f : files()) {
            Policy p = Policies.example(f.policy());
            List<DynamicNode> tests = new ArrayList<>();
            for (PolicyCaseFile.Case c : f.cases()) tests.add(DynamicTest.dynamicTest(c.name(), () -> check(f.file(), p, c)));
            out.add(DynamicContainer.dynamicContainer(f.file(), tests));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static void check(String file, Policy p, PolicyCaseFile.Case c) {
        String where = file + " case '" + c.name() + "'";
        PolicyResult r = p.evaluate(c.rows(), c.year(), c.context());
        String got = " — got " + r;
        PolicyFacts facts = PolicyFacts.of(c.rows(), c.year());
        c.context().forEach((k, v) -> facts.set(k, 0, v));
        PolicyBatch batch = p.evaluate(facts, true);
        assertThat(batch.outcome(0)).as(where + ": batch outcome" + got).isEqualTo(r.outcome());
        Map<String, Object> expect = c.expect();
        assertThat(r.outcome()).as(where + got).isEqualTo(PolicyOutcome.valueOf((String) expect.get("outcome")));
        if (expect.containsKey("amount")) {
            BigDecimal want = new BigDecimal(((String) expect.get("amount")).replace("_", ""));
            assertThat(r.amount()).as(where + ": amount" + got).isEqualByComparingTo(want);
            assertThat(batch.amount(0)).as(where + ": batch amount").isEqualTo(want.doubleValue());
        }
        if (expect.containsKey("gaps")) {
            List<String> want = new ArrayList<>();
            for (Object g : (List<Object>) expect.get("gaps")) {
                Map<String, Object> m = (Map<String, Object>) g;
                want.add(m.get("criterion") + "/" + m.get("lever") + "/" + new BigDecimal(((String) m.get("required")).replace("_", "")).stripTrailingZeros().toPlainString());
            }
            List<String> have = r.gaps().stream().map(g -> g.criterion() + "/" + g.lever() + "/" + g.required().stripTrailingZeros().toPlainString()).toList();
            assertThat(have).as(where + ": gaps" + got).containsExactlyInAnyOrderElementsOf(want);
        }
        if (expect.containsKey("unknown")) {
            assertThat(r.unknown()).as(where + ": unknown facts" + got).containsExactlyInAnyOrderElementsOf((List<String>) expect.get("unknown"));
        }
        if (expect.containsKey("explanation")) {
            assertThat(r.explanationZh()).as(where + ": explanation" + got).isEqualTo(expect.get("explanation"));
        }
    }
}
