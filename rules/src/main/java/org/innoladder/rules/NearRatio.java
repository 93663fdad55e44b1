package org.innoladder.rules;

import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How near a NOT_QUALIFIED result is to leaving NOT_QUALIFIED: a property of the result and its ruleset, computed
 * once where the result is made and stored beside it (the ladder's reserve pools compare it with their configured
 * ratio). Plain functions: no state, no I/O.
 *
 * <p><b>Near at ratio r</b>: each failed criterion whose smallest gap has a relative size |delta| / |required| ≤ r
 * is assumed passed, the ruleset's decision tree is applied again, and the result is near when no known failure
 * remains decisive (QUALIFIED, or UNDETERMINED where facts are missing). So a failed alternative route (a
 * direct-recognition route, say) does not keep a result out, while a failed hard criterion without a lever
 * (residence, age) does. Without the decision tree or the criterion statuses, every failed criterion must have a
 * near gap.
 */
public final class NearRatio {
    private NearRatio() {
    }

    /** The near ratio of a result under the ruleset that made it ({@link #of(Outcome, Map, List, Function)}). */
    public static double of(Ruleset ruleset, EvaluationResult result) {
        if (result.outcome() != Outcome.NOT_QUALIFIED) return Double.POSITIVE_INFINITY;
        Map<String, Status> criteria = new LinkedHashMap<>();
        result.criteria().forEach(c -> criteria.put(c.id(), c.status()));
        return of(result.outcome(), criteria, result.gaps(), ruleset == null ? null : ruleset::decide);
    }

    /**
     * The smallest ratio at which the result is near. Between two consecutive relative gap sizes the set of criteria
     * assumed passed does not change, so only those sizes need checking; and because decision trees are all-of/any-of
     * over criteria (passing one more never turns an outcome back to NOT_QUALIFIED) near holds for every ratio from
     * the returned one on. {@code +Infinity} when no ratio makes the result near, and for every other outcome.
     *
     * @param decision the ruleset's decision tree over criterion statuses, or null when the ruleset is not available
     */
    public static double of(Outcome outcome, Map<String, Status> criteria, List<EvaluationResult.Gap> gaps,
                            Function<Map<String, Status>, Outcome> decision) {
        if (outcome != Outcome.NOT_QUALIFIED) return Double.POSITIVE_INFINITY;
        double[] sizes = gaps.stream().mapToDouble(NearRatio::relative).filter(Double::isFinite).sorted().distinct().toArray();
        for (double r : sizes) {
            if (nearGaps(criteria, gaps, decision, r).isPresent()) return r;
        }
        return Double.POSITIVE_INFINITY;
    }

    /**
     * The gaps that make the result near at {@code maxRatio} (the smallest per criterion, largest first), or empty
     * when it is not near at that ratio.
     */
    public static Optional<List<EvaluationResult.Gap>> nearGaps(Map<String, Status> criteria, List<EvaluationResult.Gap> gaps,
                                                                Function<Map<String, Status>, Outcome> decision,
                                                                double maxRatio) {
        Map<String, EvaluationResult.Gap> best = new LinkedHashMap<>();
        for (EvaluationResult.Gap g : gaps) {
            best.merge(g.criterion(), g, (a, b) -> relative(b) < relative(a) ? b : a);
        }
        best.values().removeIf(g -> !(relative(g) <= maxRatio));
        if (best.isEmpty()) return Optional.empty();
        boolean near;
        if (decision != null && !criteria.isEmpty()) {
            Map<String, Status> assumed = new LinkedHashMap<>(criteria);
            best.keySet().forEach(c -> assumed.put(c, Status.PASS));
            near = decision.apply(assumed) != Outcome.NOT_QUALIFIED;
        } else {
            Set<String> failed = criteria.entrySet().stream().filter(c -> c.getValue() == Status.FAIL)
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            failed.addAll(gaps.stream().map(EvaluationResult.Gap::criterion).toList());
            near = best.keySet().containsAll(failed);
        }
        if (!near) return Optional.empty();
        List<EvaluationResult.Gap> out = new ArrayList<>(best.values());
        out.sort(Comparator.comparingDouble(NearRatio::relative).reversed());
        return Optional.of(List.copyOf(out));
    }

    /** |delta| / |required|; infinite when the requirement is zero and something must still change. */
    public static double relative(EvaluationResult.Gap g) {
        if (g.delta() == null || g.required() == null) return Double.POSITIVE_INFINITY;
        if (g.delta().signum() == 0) return 0;
        if (g.required().signum() == 0) return Double.POSITIVE_INFINITY;
        return g.delta().abs().divide(g.required().abs(), MathContext.DECIMAL64).doubleValue();
    }
}
