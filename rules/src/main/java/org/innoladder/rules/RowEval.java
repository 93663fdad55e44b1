package org.innoladder.rules;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelVariableResolver;
import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.ColumnType;
import org.innoladder.rules.cel.BoolNode;
import org.innoladder.rules.cel.FactSchema;
import org.innoladder.rules.cel.NumNode;
import org.innoladder.rules.cel.StringPool;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates a ruleset's expressions for one row, either through the compiled closures or through the CEL
 * interpreter. The engine's logic (bands, scores, decision, gaps) is written once against this.
 */
abstract class RowEval {
    final Plan plan;

    RowEval(Plan plan) {
        this.plan = plan;
    }

    /** {@link BoolNode#TRUE}, {@link BoolNode#FALSE} or {@link BoolNode#UNKNOWN}. */
    abstract int test(Model.Expr x);

    /** The number (or text code), NaN when unknown. */
    abstract double num(Model.Expr x);

    /** The value of a fact slot. */
    abstract double slot(int s);

    /** The same row with one fact changed (used by gap search). */
    abstract RowEval with(int slot, double value);

    /** A value for explanations: Double, Boolean, String or null. */
    Object display(Model.Expr x) {
        if (x == null) return null;
        switch (x.kind()) {
            case BOOL: {
                int t = test(x);
                return t < 0 ? null : t == BoolNode.TRUE;
            }
            case STRING:
                return StringPool.value(num(x));
            default: {
                double v = num(x);
                return Double.isNaN(v) ? null : v;
            }
        }
    }

    /** Compiled closures over a frame; {@link #at(int)} moves it along a batch without allocating. */
    static final class Compiled extends RowEval {
        private final double[][] frame;
        private int row;

        Compiled(Plan plan, double[][] frame, int row) {
            super(plan);
            this.frame = frame;
            this.row = row;
        }

        Compiled at(int i) {
            row = i;
            return this;
        }

        @Override
        int test(Model.Expr x) {
            return ((BoolNode) plan.nodes[x.index()]).eval(frame, row);
        }

        @Override
        double num(Model.Expr x) {
            return ((NumNode) plan.nodes[x.index()]).eval(frame, row);
        }

        @Override
        double slot(int s) {
            return frame[s] == null ? Double.NaN : frame[s][row];
        }

        /** The gap search's changed copy of a one-row frame, reused from probe to probe: see {@link #with}. */
        private Compiled probe;
        private int probeSlot = -1;

        /**
         * On a one-row frame (explanations) the returned row shares every column but the changed one and is reused:
         * it is valid until the next call, which is all the gap search needs and saves a frame copy per probe.
         */
        @Override
        RowEval with(int s, double value) {
            if (frame[s] != null && frame[s].length == 1) {
                if (probe == null) probe = new Compiled(plan, frame.clone(), 0);
                if (probeSlot != s) {
                    if (probeSlot >= 0) probe.frame[probeSlot] = frame[probeSlot];
                    probe.frame[s] = new double[1];
                    probeSlot = s;
                }
                probe.frame[s][0] = value;
                return probe;
            }
            double[][] copy = new double[frame.length][];
            for (int k = 0; k < frame.length; k++) {
                if (frame[k] != null) copy[k] = new double[]{frame[k][row]};
            }
            copy[s] = new double[]{value};
            return new Compiled(plan, copy, 0);
        }
    }

    /** The CEL runtime over an activation built from a one-row frame: the reference path. */
    static final class Interpreted extends RowEval {
        private final double[][] row;
        private final List<Model.Formula> formulas;
        private Map<String, Object> activation;
        /** Looks names up in the activation without the copy {@code eval(Map)} makes on every call. */
        private final CelVariableResolver resolver = name -> Optional.ofNullable(activation().get(name));

        Interpreted(Plan plan, List<Model.Formula> formulas, double[][] row) {
            super(plan);
            this.row = row;
            this.formulas = formulas;
        }

        private Map<String, Object> activation() {
            if (activation != null) return activation;
            Map<String, Object> a = new HashMap<>();
            for (int s : FactSchema.FACT_SLOTS) {
                double v = row[s][0];
                if (Double.isNaN(v)) continue;
                Column c = FactSchema.columnOf(s);
                Object value = c == null || FactSchema.isNumeric(c) ? (Object) v
                        : c.type() == ColumnType.BOOL ? (Object) (v != 0) : StringPool.value(v);
                a.put(FactSchema.nameOf(s), value);
            }
            double lookback = row[FactSchema.LOOKBACK_YEARS][0];
            for (Column c : Column.values()) {
                if (!FactSchema.isFact(c) || !FactSchema.isNumeric(c) || c.level() != Column.Level.YEAR) continue;
                if (Double.isNaN(lookback)) continue;
                double sum = 0;
                for (int o = 0; o < lookback && o < FactSchema.LOOKBACK; o++) sum += row[FactSchema.slot(o, c)][0];
                if (!Double.isNaN(sum)) a.put("sum3." + c.key(), sum);
            }
            for (Map.Entry<String, Object> p : plan.parameters.entrySet()) {
                if (p.getValue() instanceof Double || p.getValue() instanceof List<?> l && (l.isEmpty() || l.get(0) instanceof String)) {
                    a.put("p." + p.getKey(), p.getValue());
                }
            }
            activation = a;
            for (Model.Formula f : formulas) {
                Object v = eval(f.expr());
                if (v instanceof Double || v instanceof Boolean || v instanceof String) a.put("f." + f.name(), v);
            }
            return a;
        }

        private Object eval(Model.Expr x) {
            try {
                return x.program().eval(resolver);
            } catch (CelEvaluationException e) {
                return null;
            }
        }

        @Override
        int test(Model.Expr x) {
            Object v = eval(x);
            return v instanceof Boolean b ? (b ? BoolNode.TRUE : BoolNode.FALSE) : BoolNode.UNKNOWN;
        }

        @Override
        double num(Model.Expr x) {
            Object v = eval(x);
            if (v instanceof Double d) return d;
            if (v instanceof String s) return StringPool.code(s);
            return Double.NaN;
        }

        @Override
        double slot(int s) {
            return row[s][0];
        }

        @Override
        RowEval with(int s, double value) {
            double[][] copy = row.clone();
            copy[s] = new double[]{value};
            return new Interpreted(plan, formulas, copy);
        }
    }
}
