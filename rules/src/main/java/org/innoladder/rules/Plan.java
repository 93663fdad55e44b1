package org.innoladder.rules;

import org.innoladder.rules.cel.CelToJava;

import java.util.HashMap;
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
    /** Band table per score part (flat index), null for parts that are not band lookups. */
    final BandTable[] tables;
    /** Score threshold per criterion, NaN for condition criteria. */
    final double[] atLeast;

    Plan(Map<String, Object> parameters, List<Model.Formula> formulas, List<Model.Expr> exprs,
         List<Model.Part> parts, List<Model.Criterion> criteria) {
        this.parameters = parameters;
        this.nodes = new Object[exprs.size()];
        TreeSet<Integer> used = new TreeSet<>();
        Map<String, Object> compiledFormulas = new HashMap<>();
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
        tables = new BandTable[parts.size()];
        for (int p = 0; p < tables.length; p++) {
            String param = parts.get(p).bandsParam();
            if (param != null) tables[p] = new BandTable(bands(param));
        }
        atLeast = new double[criteria.size()];
        for (int c = 0; c < atLeast.length; c++) {
            atLeast[c] = criteria.get(c).isScore() ? number(criteria.get(c).atLeast()) : Double.NaN;
        }
    }

    /**
     * A band-table parameter laid out for the per-row lookup. Inclusive boundaries allow a relative 1e-12 so
     * that a rate computed through several divisions (growth) is not pushed just below a boundary it meets
     * exactly ("含": the boundary takes the higher band).
     */
    static final class BandTable {
        private static final double TOLERANCE = 1e-12;
        final List<Model.Band> bands;
        private final double[] min;
        private final boolean[] strict;
        final int[] lo, hi;

        BandTable(List<Model.Band> bands) {
            this.bands = bands;
            int n = bands.size();
            min = new double[n];
            strict = new boolean[n];
            lo = new int[n];
            hi = new int[n];
            for (int k = 0; k < n; k++) {
                Model.Band b = bands.get(k);
                strict[k] = b.strict();
                min[k] = b.otherwise() ? Double.NEGATIVE_INFINITY
                        : b.strict() ? b.min() : b.min() - TOLERANCE * Math.max(1, Math.abs(b.min()));
                lo[k] = b.lo();
                hi[k] = b.hi();
            }
        }

        /** Index of the first band the (known) value falls in; the last band catches everything. */
        int find(double v) {
            int last = min.length - 1;
            for (int k = 0; k < last; k++) {
                if (strict[k] ? v > min[k] : v >= min[k]) return k;
            }
            return last;
        }
    }

    @SuppressWarnings("unchecked")
    List<Model.Band> bands(String parameter) {
        return (List<Model.Band>) parameters.get(parameter);
    }

    double number(String parameter) {
        return (Double) parameters.get(parameter);
    }
}
