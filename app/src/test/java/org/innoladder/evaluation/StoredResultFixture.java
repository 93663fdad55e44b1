package org.innoladder.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.innoladder.rules.EvaluationResult;
import org.innoladder.rules.EvaluationResult.CriterionResult;
import org.innoladder.rules.EvaluationResult.Gap;
import org.innoladder.rules.ResultCodec;
import org.innoladder.rules.Ruleset;
import org.innoladder.rules.Rulesets;
import org.innoladder.rules.Status;
import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.CreditCode;
import org.innoladder.rules.facts.FactRow;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stored results for test fixtures that set criterion statuses and gaps by hand: the {@code evaluation_result.detail}
 * a run would store for an enterprise whose facts are unknown, with the named criteria and those of the gaps failed and
 * every other criterion passed.
 */
public final class StoredResultFixture {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StoredResultFixture() {
    }

    /**
     * @param gapsJson gaps as the API shows them: {@code [{"criterion":…,"lever":…,"current":…,"required":…,"delta":…}]}
     */
    public static byte[] detail(String ref, int year, String gapsJson, String... alsoFailing) {
        Ruleset ruleset = Rulesets.get(ref);
        List<String> ids = ruleset.criterionIds();
        List<Gap> gaps = new ArrayList<>();
        for (JsonNode g : JSON.readTree(gapsJson)) {
            gaps.add(new Gap(g.path("criterion").asString(), g.path("lever").asString(), g.path("current").decimalValue(),
                    g.path("required").decimalValue(), g.path("delta").decimalValue()));
        }
        gaps.sort(Comparator.comparingInt(g -> ids.indexOf(g.criterion())));
        Set<String> failing = new HashSet<>(List.of(alsoFailing));
        gaps.forEach(g -> failing.add(g.criterion()));
        FactRow unknown = FactRow.builder().set(Column.CREDIT_CODE, CreditCode.complete("9132040077000000"))
                .set(Column.NAME, "fixture").set(Column.YEAR, year).build();
        EvaluationResult base = ruleset.evaluate(List.of(unknown), year);
        List<CriterionResult> criteria = base.criteria().stream().map(c -> new CriterionResult(c.id(),
                failing.contains(c.id()) ? Status.FAIL : Status.PASS, c.value(), c.threshold(), c.reference())).toList();
        EvaluationResult result = new EvaluationResult(base.creditCode(), base.name(), base.ruleset(), base.version(), year,
                base.outcome(), base.score(), criteria, base.items(), gaps);
        return ResultCodec.encode(ruleset, result).detail();
    }
}
