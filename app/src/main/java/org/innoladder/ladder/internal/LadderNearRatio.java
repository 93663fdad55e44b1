package org.innoladder.ladder.internal;

import org.innoladder.ladder.Tier;
import org.innoladder.ladder.TierDecision;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.innoladder.evaluation.NearRatio;
import org.innoladder.rules.EvaluationResult;
import org.innoladder.rules.Outcome;
import org.innoladder.rules.Ruleset;
import org.innoladder.rules.Status;
import org.springframework.stereotype.Component;

/** The reserve-pool NEAR rule ({@link TierDecision#nearRatio}) applied to each NOT_QUALIFIED result as a run stores it. */
@Component
public class LadderNearRatio implements NearRatio {
    @Override
    public Double of(Ruleset ruleset, EvaluationResult result) {
        if (result.outcome() != Outcome.NOT_QUALIFIED) return null;
        Optional<Tier> tier = Tier.byRuleset(result.ruleset());
        if (tier.isEmpty()) return null;
        Map<String, Status> criteria = new LinkedHashMap<>();
        result.criteria().forEach(c -> criteria.put(c.id(), c.status()));
        TierDecision.Evaluated e = new TierDecision.Evaluated(tier.get(), result.ruleset() + "@" + result.version(),
                result.outcome(), criteria, result.gaps().stream()
                .map(g -> new TierDecision.Gap(g.criterion(), g.lever(), g.current(), g.required(), g.delta())).toList(),
                ruleset::decide);
        return TierDecision.nearRatio(e);
    }
}
