package org.innoladder.rules.cel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A whole ruleset's batch work as a straight-line program over column blocks: every instruction ({@link VecOp})
 * runs one tight loop over up to {@link #BLOCK} rows, reading and writing {@code double[]} registers.
 *
 * <p>Why this is fast: the per-row cost of the closure tree (one megamorphic virtual call per AST node per row,
 * three-valued ints converted back and forth) becomes one call per node per block; the loops themselves are
 * monomorphic array code that the JIT unrolls, without allocation or boxing. Identical sub-expressions are
 * computed once ({@link Builder} deduplicates instructions, so a formula used by three criteria, or the same
 * {@code e.ip_class1 >= 1.0} in a criterion and a score case, costs one loop). Registers are recycled by
 * liveness so that the working set of a block stays in cache.
 *
 * <p>Values: numbers as is, booleans 1/0, text as {@link StringPool} codes, NaN for unknown, exactly as in a
 * frame ({@link FactSchema}). Thread-safe; each task takes its buffers from {@link #acquire()}.
 */
public final class VecProgram {
    /** Rows per block: 8 KiB per register, so a block's live registers fit in the L2 cache. */
    public static final int BLOCK = 1024;

    private final VecOp[] ops;
    private final int physical;
    private final int[] physicalOf;
    private final int[] usedSlots;
    /** Idle buffers: at most one per concurrent batch task, reused across blocks and batches. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Worker> idle = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private VecProgram(VecOp[] ops, int physical, int[] physicalOf, int[] usedSlots) {
        this.ops = ops;
        this.physical = physical;
        this.physicalOf = physicalOf;
        this.usedSlots = usedSlots;
    }

    /** Frame slots the program reads. */
    public int[] usedSlots() {
        return usedSlots.clone();
    }

    /** Number of instructions (after deduplication). */
    public int size() {
        return ops.length;
    }

    /**
     * Register buffers for one task; give them back with {@link #release}. A pool rather than a thread-local
     * so that threads that evaluated once (a server's request threads) do not keep buffers for good.
     */
    public Worker acquire() {
        Worker w = idle.poll();
        return w != null ? w : new Worker(new double[physical][BLOCK]);
    }

    public void release(Worker w) {
        idle.offer(w);
    }

    /** Runs every instruction over rows {@code from .. from+len-1} of the frame ({@code len ≤ BLOCK}). */
    public void run(Worker w, double[][] frame, int from, int len) {
        double[][] r = w.registers;
        for (VecOp op : ops) op.run(r, frame, from, len);
    }

    /** Per-thread register buffers. */
    public static final class Worker {
        final double[][] registers;

        Worker(double[][] registers) {
            this.registers = registers;
        }
    }

    /** The values of an output register after {@link #run}: index 0 is row {@code from}. */
    public double[] output(Worker w, int register) {
        int p = physicalOf[register];
        if (p < 0) throw new IllegalArgumentException("register " + register + " was not kept as an output");
        return w.registers[p];
    }

    /**
     * Builds a program: instructions are added in dependency order (operands first) and deduplicated by
     * what they compute; constant operands are folded where the result is constant too.
     */
    public static final class Builder {
        private final List<VecOp> ops = new ArrayList<>();
        private final Map<String, Integer> byKey = new HashMap<>();
        private final Map<Integer, Double> constants = new HashMap<>();
        private final List<Integer> outputs = new ArrayList<>();
        private int registers;

        /** The register holding a constant. */
        public int constant(double v) {
            String key = "const " + Double.doubleToRawLongBits(v);
            Integer r = byKey.get(key);
            if (r != null) return r;
            int out = registers++;
            constants.put(out, v);
            byKey.put(key, out);
            ops.add(new VecOp.Fill(out, v));
            return out;
        }

        /** The constant a register holds, or null when it varies by row. */
        public Double constantOf(int register) {
            return constants.get(register);
        }

        /** The register holding a frame slot. */
        public int slot(int s) {
            return add("slot " + s, 1, outs -> new VecOp.Load(s, outs[0]))[0];
        }

        /**
         * Adds an instruction unless an identical one (same {@code key}) exists; returns its output registers.
         *
         * @param key     what the instruction computes, including its operand registers
         * @param outputs number of output registers
         * @param make    builds the instruction for the given output registers
         */
        public int[] add(String key, int outputs, java.util.function.Function<int[], VecOp> make) {
            Integer first = byKey.get(key);
            int[] outs = new int[outputs];
            if (first != null) {
                for (int k = 0; k < outputs; k++) outs[k] = first + k;
                return outs;
            }
            for (int k = 0; k < outputs; k++) outs[k] = registers++;
            byKey.put(key, outs[0]);
            ops.add(make.apply(outs));
            return outs;
        }

        /** Kleene and of condition registers (truth values 0, ½, 1); constant operands are folded. */
        public int and(int... operands) {
            return logic(true, operands);
        }

        /** Kleene or of condition registers; constant operands are folded. */
        public int or(int... operands) {
            return logic(false, operands);
        }

        private int logic(boolean and, int[] operands) {
            double decisive = and ? 0 : 1;
            java.util.TreeSet<Integer> rest = new java.util.TreeSet<>(); // sorted: x&&y and y&&x are one instruction
            for (int r : operands) {
                Double k = constantOf(r);
                if (k != null && k == decisive) return constant(decisive);
                if (k != null && k == 1 - decisive) continue; // the neutral constant
                rest.add(r);
            }
            if (rest.isEmpty()) return constant(1 - decisive);
            if (rest.size() == 1) return rest.first();
            int[] in = rest.stream().mapToInt(Integer::intValue).toArray();
            return add((and ? "and " : "or ") + Arrays.toString(in), 1,
                    o -> and ? new VecOp.And(in, o[0]) : new VecOp.Or(in, o[0]))[0];
        }

        /** An expert-judged part: [lo, hi] registers. */
        public int[] range(int value, int min, int max) {
            return add("range " + value + " " + min + " " + max, 2, o -> new VecOp.Range(value, min, max, o[0], o[1]));
        }

        /** A band-table lookup: [lo, hi] registers. */
        public int[] bands(int value, double[] min, boolean[] strict, int[] lo, int[] hi) {
            return add("bands " + value + " " + Arrays.toString(min) + Arrays.toString(strict) + Arrays.toString(lo)
                    + Arrays.toString(hi), 2, o -> new VecOp.Bands(value, min, strict, lo, hi, o[0], o[1]));
        }

        /** Conditional cases, first that holds: [lo, hi] registers. */
        public int[] cases(int[] when, int[] lo, int[] hi) {
            return add("cases " + Arrays.toString(when) + Arrays.toString(lo) + Arrays.toString(hi), 2,
                    o -> new VecOp.Cases(when.clone(), lo, hi, o[0], o[1]));
        }

        /** Sum (or best) of [lo, hi] pairs capped at {@code cap}: [lo, hi] registers. */
        public int[] combine(int[] pairs, boolean best, double cap) {
            return add("combine " + Arrays.toString(pairs) + " " + best + " " + cap, 2,
                    o -> new VecOp.Combine(pairs.clone(), best, cap, o[0], o[1]));
        }

        /** Score threshold status (1/0/NaN) of a [lo, hi] pair. */
        public int atLeast(int lo, int hi, double threshold) {
            return add("atleast " + lo + " " + hi + " " + threshold, 1, o -> new VecOp.AtLeast(lo, hi, threshold, o[0]))[0];
        }

        /** Marks registers that must survive the whole block (what the caller reads after {@link #run}). */
        public void keep(int... registers) {
            for (int r : registers) outputs.add(r);
        }

        /**
         * Allocates physical buffers: a register's buffer is reused once its last reader has run. Inputs
         * are freed only after the instruction's own outputs are assigned, so no instruction writes a buffer
         * it still reads.
         */
        public VecProgram build() {
            int n = ops.size();
            // Backwards from the outputs: an instruction nobody needs (a branch folded away) is dropped.
            boolean[] needed = new boolean[registers];
            for (int r : outputs) needed[r] = true;
            boolean[] live = new boolean[n];
            for (int i = n - 1; i >= 0; i--) {
                for (int r : ops.get(i).out) live[i] |= needed[r];
                if (live[i]) for (int r : ops.get(i).in) needed[r] = true;
            }
            int[] lastUse = new int[registers];
            Arrays.fill(lastUse, -1);
            for (int i = 0; i < n; i++) if (live[i]) for (int r : ops.get(i).in) lastUse[r] = i;
            for (int r : outputs) lastUse[r] = n;
            int[] physicalOf = new int[registers];
            Arrays.fill(physicalOf, -1);
            ArrayDeque<Integer> free = new ArrayDeque<>();
            TreeSet<Integer> slots = new TreeSet<>();
            int physical = 0;
            List<VecOp> kept = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                VecOp op = ops.get(i);
                if (!live[i]) continue;
                if (op instanceof VecOp.Load load) slots.add(load.slot);
                int[] out = new int[op.out.length];
                for (int k = 0; k < out.length; k++) {
                    int p = free.isEmpty() ? physical++ : free.pop();
                    physicalOf[op.out[k]] = p;
                    out[k] = p;
                }
                int[] in = new int[op.in.length];
                for (int k = 0; k < in.length; k++) in[k] = physicalOf[op.in[k]];
                for (int r : op.in) {
                    if (lastUse[r] == i && physicalOf[r] >= 0) {
                        free.push(physicalOf[r]);
                        lastUse[r] = -2; // freed once even when read twice
                    }
                }
                for (int k = 0; k < out.length; k++) {
                    // An output nobody reads: its buffer is free again after this instruction.
                    if (lastUse[op.out[k]] < 0) free.push(out[k]);
                }
                kept.add(op.relocate(in, out));
            }
            for (int r = 0; r < registers; r++) {
                if (!outputs.contains(r)) physicalOf[r] = -1;
            }
            return new VecProgram(kept.toArray(VecOp[]::new), physical, physicalOf,
                    slots.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
