package org.innoladder.policy.internal;

import org.innoladder.rules.policy.Policy;
import org.innoladder.rules.policy.PolicyBatch;
import org.innoladder.rules.policy.PolicyContext;
import org.innoladder.rules.policy.PolicyFacts;
import org.innoladder.rules.policy.PolicyWhatIf;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.identity.Role;
import org.innoladder.web.BadParameterException;
import org.innoladder.rules.BatchResult;
import org.innoladder.rules.Outcome;
import org.innoladder.rules.Ruleset;
import org.innoladder.rules.Rulesets;
import org.springframework.stereotype.Service;

/**
 * The what-if sandbox (政策沙盘): the latest version of a policy with changed parameters against the current
 * population of a region and year, without publishing or storing anything. BUREAU and ADMIN use it, LEADER may
 * look; the population is the caller's scope.
 */
@Service
public class PolicySandbox {
    private final PolicyCatalogue catalogue;
    private final PolicyPopulations populations;

    public PolicySandbox(PolicyCatalogue catalogue, PolicyPopulations populations) {
        this.catalogue = catalogue;
        this.populations = populations;
    }

    /** An enterprise that gains or loses eligibility, with its amounts before and after (null when not eligible). */
    public record Entry(long enterpriseId, String creditCode, String name, String regionCode, BigDecimal before,
                        BigDecimal after) {
    }

    /** The answer: counts, totals and budget, who gained and who lost, and how long it took. */
    public record Answer(PolicyCatalogue.Detail policy, String regionCode, int year, Map<String, Double> changed,
                         RulesetChange ruleset, int population, PolicyWhatIf whatIf, List<Entry> gained, List<Entry> lost,
                         long millis) {
    }

    /**
     * A ruleset re-evaluated with changed thresholds so that the policy's {@code eval.<id>} sees the new outcomes;
     * both sides are evaluated afresh (not the stored results), so the comparison is like with like.
     */
    public record RulesetChange(String ref, Map<String, Double> changed, long qualifiedBefore, long qualifiedAfter) {
    }

    public static boolean mayUse(CurrentUser user) {
        return user.role() == Role.ADMIN || user.role() == Role.BUREAU || user.role() == Role.LEADER;
    }

    /**
     * Parses the form's parameter values ({@code name → text}); blank or unchanged values are left out. A value that
     * is not a number, or a name the policy does not have, is refused naming the parameter.
     */
    public static Map<String, Double> parse(Policy policy, Map<String, String> form) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : form.entrySet()) {
            String text = e.getValue() == null ? "" : e.getValue().strip().replace(",", "").replace("_", "");
            if (text.isEmpty()) continue;
            Policy.Parameter p = policy.parameters().get(e.getKey());
            if (p == null || !p.numeric()) {
                throw new BadParameterException("p." + e.getKey(), text, "该政策没有此数值参数", "the policy has no such numeric parameter");
            }
            double v = number("p." + e.getKey(), text);
            if (v != (Double) p.value()) out.put(e.getKey(), v);
        }
        return out;
    }

    /** A finite number typed into the form, or a refusal naming the field. */
    private static double number(String field, String text) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException x) {
            throw new BadParameterException(field, text, "须为数字", "must be a number");
        }
        if (!Double.isFinite(v)) throw new BadParameterException(field, text, "须为有限数字", "must be a finite number");
        return v;
    }

    public Answer compute(CurrentUser user, long policyId, String region, String year, Map<String, String> form) {
        return compute(user, policyId, region, year, form, null, Map.of());
    }

    /** Ruleset ids a sandbox may re-evaluate: those whose outcome policies read as {@code eval.<id>}. */
    public static List<String> rulesets() {
        return List.of(PolicyContext.RULESETS);
    }

    /** The built-in ruleset of an id offered by {@link #rulesets()}, or a refusal naming the field. */
    public static Ruleset ruleset(String id) {
        if (!rulesets().contains(id)) {
            throw new BadParameterException("ruleset", id, "须为 " + String.join("、", rulesets()) + " 之一",
                    "must be one of " + String.join(", ", rulesets()));
        }
        return Rulesets.get(id);
    }

    /** Parses a ruleset's changed thresholds ({@code name → text}; blank or unchanged left out). */
    static Map<String, Double> parseRuleset(Ruleset rs, java.time.LocalDate date, Map<String, String> form) {
        Map<String, Double> current = rs.numericParameters(date);
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : form.entrySet()) {
            String text = e.getValue() == null ? "" : e.getValue().strip().replace(",", "").replace("_", "");
            if (text.isEmpty()) continue;
            if (!current.containsKey(e.getKey())) {
                throw new BadParameterException("r." + e.getKey(), text, "规则集 " + rs.info().ref() + " 没有此数值参数",
                        "ruleset " + rs.info().ref() + " has no such numeric parameter");
            }
            double v = number("r." + e.getKey(), text);
            if (v != current.get(e.getKey())) out.put(e.getKey(), v);
        }
        return out;
    }

    public Answer compute(CurrentUser user, long policyId, String region, String year, Map<String, String> form,
                          String rulesetId, Map<String, String> rulesetForm) {
        if (!mayUse(user)) throw new org.springframework.security.access.AccessDeniedException("sandbox: BUREAU, ADMIN, LEADER");
        long started = System.nanoTime();
        PolicyCatalogue.Detail detail = catalogue.find(user, policyId);
        Policy before = detail.latest().policy();
        Map<String, Double> changed = parse(before, form);
        Policy after = before.withParameters(changed);
        String r = region == null || region.isBlank()
                ? (user.scope() instanceof DataScope.RegionSubtree s ? s.regionCode() : detail.summary().regionCode())
                : region.strip();
        PolicyScope.requireReadable(user, r, "region");
        int y = PolicyMatching.year(year);
        PolicyPopulations.Loaded pop = populations.cached(user, r, y);
        PolicyWhatIf w;
        RulesetChange rc = null;
        if (rulesetId != null && !rulesetId.isBlank()) {
            Ruleset rs = ruleset(rulesetId.strip());
            Map<String, Double> rchanged = parseRuleset(rs, java.time.LocalDate.of(y, 12, 31), rulesetForm);
            BatchResult rb = rs.evaluate(pop.facts().population()), ra = rs.withParameters(rchanged).evaluate(pop.facts().population());
            PolicyFacts fb = pop.facts().copy(), fa = pop.facts().copy();
            fb.setColumn("eval." + rs.id(), outcomes(rb));
            fa.setColumn("eval." + rs.id(), outcomes(ra));
            w = PolicyWhatIf.compare(before, fb, after, fa);
            rc = new RulesetChange(rs.info().ref(), rchanged, rb.count(Outcome.QUALIFIED), ra.count(Outcome.QUALIFIED));
        } else {
            w = PolicyWhatIf.compare(before, after, pop.facts());
        }
        return new Answer(detail, r, y, changed, rc, pop.facts().size(), w, entries(pop, w, w.gained()), entries(pop, w, w.lost()),
                (System.nanoTime() - started) / 1_000_000);
    }

    private static double[] outcomes(BatchResult b) {
        double[] out = new double[b.size()];
        for (int i = 0; i < out.length; i++) {
            Outcome o = b.outcome(i);
            out[i] = o == Outcome.QUALIFIED ? 1 : o == Outcome.NOT_QUALIFIED ? 0 : Double.NaN;
        }
        return out;
    }

    private static List<Entry> entries(PolicyPopulations.Loaded pop, PolicyWhatIf w, int[] rows) {
        List<Entry> out = new ArrayList<>(rows.length);
        for (int i : rows) {
            out.add(new Entry(pop.ids()[i], pop.facts().population().creditCode(i), pop.facts().population().name(i),
                    pop.regions()[i], amount(w.before(), i), amount(w.after(), i)));
        }
        return out;
    }

    private static BigDecimal amount(PolicyBatch b, int i) {
        return b.eligible(i) ? BigDecimal.valueOf(b.amount(i)).setScale(2, java.math.RoundingMode.HALF_UP) : null;
    }
}
