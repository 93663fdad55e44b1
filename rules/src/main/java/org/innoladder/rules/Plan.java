package org.innoladder.rules;

import org.innoladder.rules.cel.CelToJava;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A ruleset's expressions compiled to Java closures for one set of parameter values (parameters are
 * date-keyed, so each distinct set in force gets its own plan, built once and cached).
 */
final class Plan {
    final Map<String, Object> parameters;
    /** Compiled node per expression index: a BoolNode or a NumNode. */
    final Object[] nodes;
    /** Frame slots the expressions read, so a population materialises only those columns. */
    final int[] usedSlots;

    Plan(Map<String, Object> parameters, List<Model.Formula> formulas, List<Model.Expr> exprs) {
        this.parameters = parameters;
        this.nodes = new Object[exprs.size()];
        TreeSet<Integer> used = new TreeSet<>();
        Map<String, Object> compiledFormulas = new java.util.HashMap<>();
        for (Model.Formula f : formulas) {
            Object node = new CelToJava(f.expr().ast(), parameters, compiledFormulas, used).compile();
            compiledFormulas.put(f.name(), node);
            nodes[f.expr().index()] = node;
        }
        for (Model.Expr x : exprs) {
            if (nodes[x.index()] == null) {
                nodes[x.index()] = new CelToJava(x.ast(), parameters, compiledFormulas, used).compile();
            }
        }
        this.usedSlots = used.stream().mapToInt(Integer::intValue).toArray();
    }

    @SuppressWarnings("unchecked")
    List<Model.Band> bands(String parameter) {
        return (List<Model.Band>) parameters.get(parameter);
    }

    double number(String parameter) {
        return (Double) parameters.get(parameter);
    }
}
