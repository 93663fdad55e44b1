package org.innoladder.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import org.innoladder.rules.cel.CelToJava;
import org.innoladder.rules.cel.CelToVector;
import org.innoladder.rules.cel.FactSchema;
import org.innoladder.rules.cel.VecProgram;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A ruleset's expressions compiled for one set of parameter values (parameters are date-keyed, so each
 * distinct set in force gets its own plan, built once and cached): to Java closures per expression for
 * single rows (explanations, gap search), and to one column-at-a-time {@link Batch} program for populations.
 */
final class Plan {
    final Map<String, Object> parameters;
    /** Compiled node per expression index: a BoolNode or a NumNode. */
    final Object[] nodes;
    /** Band table per score part (flat index), null for parts that are not band lookups. */
    final BandTable[] tables;
    /** Score threshold per criterion, NaN for condition criteria. */
    final double[] atLeast;
    /** The batch program: outcome and score range per row. */
    final Batch batch;
    /** Every slot an explanation reads: what any expression uses, and the levers' columns (gap search). */
    final int[] detailSlots;
    /** Per criterion, the threshold an explanation shows when no fact changes it ({@link ResultCodec}); built on first use. */
    volatile Object[] plainThresholds;

    Plan(Map<String, Object> parameters, List<Model.Formula> formulas, List<Model.Expr> exprs,
         List<Model.Item> items, List<Model.Criterion> criteria, Model.Decision decision) {
        List<Model.Part> parts = items.stream().flatMap(i -> i.parts().stream()).toList();
        this.parameters = parameters;
        this.nodes = new Object[exprs.size()];
        TreeSet<Integer> used = new TreeSet<>(); // the batch program tracks the slots a population must build
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
        tables = new BandTable[parts.size()];
        for (int p = 0; p < tables.length; p++) {
            String param = parts.get(p).bandsParam();
            if (param != null) tables[p] = new BandTable(bands(param));
        }
        atLeast = new double[criteria.size()];
        for (int c = 0; c < atLeast.length; c++) {
            atLeast[c] = criteria.get(c).isScore() ? number(criteria.get(c).atLeast()) : Double.NaN;
        }
        batch = new Batch(this, formulas, items, criteria, decision);
        for (Model.Criterion c : criteria) {
            for (Model.Lever l : c.levers()) used.add(FactSchema.slot(0, l.column()));
        }
        detailSlots = used.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Everything a batch keeps (outcome, score range) as one {@link VecProgram}: the expressions the scores
     * and the decision need, band lookups, item sums and caps, score thresholds, and the decision tree as
     * three-valued and/or over criterion columns. Display-only expressions and lever limits are left out.
     *
     * <p>Unlike the row-at-a-time decision, which stops at the first decisive criterion, the program
     * computes every criterion the decision names; in three-valued logic without side effects the
     * result is the same.
     */
    static final class Batch {
        final VecProgram program;
        /** Registers: the decision (truth value 1, ½ or 0) and the total score range; -1 without scores. */
        final int decision, totalLo, totalHi;

        Batch(Plan plan, List<Model.Formula> formulas, List<Model.Item> items, List<Model.Criterion> criteria,
              Model.Decision tree) {
            VecProgram.Builder b = new VecProgram.Builder();
            Map<String, CelAbstractSyntaxTree> asts = new HashMap<>();
            for (Model.Formula f : formulas) asts.put(f.name(), f.expr().ast());
            CelToVector cel = new CelToVector(b, plan.parameters, asts);
            int p = 0;
            int[][] item = new int[items.size()][];
            int[] itemPairs = new int[2 * items.size()];
            for (int k = 0; k < items.size(); k++) {
                Model.Item it = items.get(k);
                int[] pairs = new int[2 * it.parts().size()];
                for (int q = 0; q < it.parts().size(); q++, p++) {
                    int[] range = part(b, cel, plan.tables[p], it.parts().get(q));
                    pairs[2 * q] = range[0];
                    pairs[2 * q + 1] = range[1];
                }
                item[k] = b.combine(pairs, it.best(), it.max());
                itemPairs[2 * k] = item[k][0];
                itemPairs[2 * k + 1] = item[k][1];
            }
            int[] total = items.isEmpty() ? null : b.combine(itemPairs, false, Double.POSITIVE_INFINITY);
            List<String> itemIds = items.stream().map(Model.Item::id).toList();
            int[] status = new int[criteria.size()];
            for (int c = 0; c < status.length; c++) {
                Model.Criterion cr = criteria.get(c);
                if (!cr.isScore()) {
                    status[c] = cel.compile(cr.condition().ast());
                } else {
                    int[] of = cr.scoreOf().equals("total") ? total : item[itemIds.indexOf(cr.scoreOf())];
                    status[c] = b.atLeast(of[0], of[1], plan.atLeast[c]);
                }
            }
            decision = decide(b, tree, status);
            totalLo = total == null ? -1 : total[0];
            totalHi = total == null ? -1 : total[1];
            b.keep(decision);
            if (total != null) b.keep(total);
            program = b.build();
        }

        /** A score part's [lo, hi] registers. */
        private static int[] part(VecProgram.Builder b, CelToVector cel, BandTable table, Model.Part part) {
            if (part.range() != null) {
                return b.range(cel.compile(part.value().ast()), part.range()[0], part.range()[1]);
            }
            if (table != null) {
                return b.bands(cel.compile(part.value().ast()), table.min, table.strict, table.lo, table.hi);
            }
            List<Model.Case> cases = part.cases();
            int[] when = new int[cases.size()], lo = new int[cases.size()], hi = new int[cases.size()];
            for (int k = 0; k < when.length; k++) {
                Model.Case c = cases.get(k);
                when[k] = c.when() == null ? b.constant(1) : cel.compile(c.when().ast());
                lo[k] = c.lo();
                hi[k] = c.hi();
            }
            return b.cases(when, lo, hi);
        }

        /** The decision tree over criterion status registers, as n-ary three-valued and/or. */
        private static int decide(VecProgram.Builder b, Model.Decision d, int[] status) {
            if (d instanceof Model.Ref ref) return status[ref.criterion()];
            boolean all = d instanceof Model.All;
            List<Model.Decision> of = all ? ((Model.All) d).of() : ((Model.Any) d).of();
            List<Integer> operands = new ArrayList<>();
            for (Model.Decision x : of) operands.add(decide(b, x, status));
            int[] regs = operands.stream().mapToInt(Integer::intValue).toArray();
            return all ? b.and(regs) : b.or(regs);
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
        final double[] min;
        final boolean[] strict;
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
