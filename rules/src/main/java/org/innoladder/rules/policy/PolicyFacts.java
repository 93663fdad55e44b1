package org.innoladder.rules.policy;

import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.Population;
import org.innoladder.rules.cel.FactSchema;
import org.innoladder.rules.cel.StringPool;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * A population with its policy context: the {@link Population}'s fact columns plus one column per
 * {@link PolicyContext} name, filled by the caller (the app from its tables, tests from case files). A context
 * value never set is unknown (NaN).
 */
public final class PolicyFacts {
    private final Population population;
    private final double[][] context = new double[PolicyContext.FRAME_SLOTS - FactSchema.SLOTS][];
    private Map<String, Integer> index;

    private PolicyFacts(Population population) {
        this.population = population;
    }

    public static PolicyFacts of(Population population) {
        return new PolicyFacts(population);
    }

    /** The enterprises with a row for {@code year} (see {@link Population#of(Collection, int)}). */
    public static PolicyFacts of(Collection<FactRow> rows, int year) {
        return new PolicyFacts(Population.of(rows, year));
    }

    /**
     * A copy sharing the population and the context columns, whose columns can then be replaced ({@link #setColumn})
     * without touching this one: the sandbox swaps in re-evaluated ruleset outcomes on a shared cached population.
     * Replace whole columns of a copy; {@link #set} on it would write into the shared arrays.
     */
    public PolicyFacts copy() {
        PolicyFacts c = new PolicyFacts(population);
        System.arraycopy(context, 0, c.context, 0, context.length);
        return c;
    }

    public Population population() { return population; }

    public int size() { return population.size(); }

    public int year() { return population.year(); }

    /** The row of a credit code, or -1. */
    public synchronized int indexOf(String creditCode) {
        if (index == null) {
            index = new HashMap<>(population.size() * 2);
            for (int i = 0; i < population.size(); i++) index.put(population.creditCode(i), i);
        }
        return index.getOrDefault(creditCode, -1);
    }

    private double[] column(String name) {
        int s = PolicyContext.slotOf(name);
        if (s < 0) throw new IllegalArgumentException("no context fact " + name);
        int k = s - FactSchema.SLOTS;
        if (context[k] == null) {
            double[] a = new double[population.size()];
            Arrays.fill(a, Double.NaN);
            context[k] = a;
        }
        return context[k];
    }

    /** Sets a context value of row i: a number, a Boolean, a String, or null for unknown. */
    public void set(String name, int i, Object value) {
        double v;
        if (value == null) v = Double.NaN;
        else if (value instanceof Boolean b) v = b ? 1 : 0;
        else if (value instanceof Number n) v = n.doubleValue();
        else if (value instanceof String s) v = PolicyContext.isText(name) ? StringPool.code(s)
                : PolicyContext.isBool(name) ? (Boolean.parseBoolean(s) ? 1 : 0) : Double.parseDouble(s);
        else throw new IllegalArgumentException("not a context value: " + value);
        column(name)[i] = v;
    }

    /** Sets a whole context column at once (length = size(); NaN for unknown, text as StringPool codes). */
    public void setColumn(String name, double[] values) {
        if (values.length != size()) throw new IllegalArgumentException("column length " + values.length + " != " + size());
        int s = PolicyContext.slotOf(name);
        if (s < 0) throw new IllegalArgumentException("no context fact " + name);
        context[s - FactSchema.SLOTS] = values;
    }

    /** A frame over every row with the used slots materialised. */
    double[][] frame(int[] used) {
        int[] facts = Arrays.stream(used).filter(s -> s < FactSchema.SLOTS).toArray();
        double[][] pf = population.frame(facts);
        double[][] f = new double[PolicyContext.FRAME_SLOTS][];
        System.arraycopy(pf, 0, f, 0, FactSchema.SLOTS);
        for (int s : used) {
            if (s >= FactSchema.SLOTS) f[s] = column(PolicyContext.nameOf(s));
        }
        return f;
    }
}
