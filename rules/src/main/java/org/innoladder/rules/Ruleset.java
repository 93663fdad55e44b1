package org.innoladder.rules;

import org.innoladder.rules.facts.ColumnType;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.EvaluationResult.CriterionResult;
import org.innoladder.rules.EvaluationResult.Gap;
import org.innoladder.rules.EvaluationResult.ItemResult;
import org.innoladder.rules.EvaluationResult.ScoreRange;
import org.innoladder.rules.cel.BoolNode;
import org.innoladder.rules.cel.FactSchema;
import org.innoladder.rules.cel.VecProgram;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * A loaded, type-checked ruleset version. Thread-safe and immutable; evaluate single enterprises with
 * {@link #evaluate(List, int)} or whole populations with {@link #evaluate(Population)}.
 */
public final class Ruleset {
    final RulesetInfo info;
    final List<Model.Parameter> parameters;
    final List<Model.Formula> formulas;
    final List<Model.Expr> exprs;
    final List<Model.Criterion> criteria;
    final List<Model.Item> items;
    /** Plans by the parameter values they fold in: dates with the same values share one. */
    private final Map<Map<String, Object>, Plan> plans = new ConcurrentHashMap<>();
    private final Map<LocalDate, Plan> plansByDate = new ConcurrentHashMap<>();
    /** Every score part in item order; a part's position here is its index in {@link State}. */
    final List<Model.Part> parts;
    /** Per criterion: the item index its score threshold applies to, {@link #TOTAL}, or {@link #NO_SCORE}. */
    final int[] scoreOf;
    private final DecisionFn decide;
    private final Model.Decision decision;
    static final int TOTAL = -1, NO_SCORE = -2;
    /** Numeric parameter values replacing the dated ones (what-if questions); empty for a ruleset as loaded. */
    private final Map<String, Object> overrides;
    private final RulesetText text;

    Ruleset(RulesetInfo info, List<Model.Parameter> parameters, List<Model.Formula> formulas, List<Model.Expr> exprs,
            List<Model.Criterion> criteria, List<Model.Item> items, Model.Decision decision, RulesetText text) {
        this(info, parameters, formulas, exprs, criteria, items, decision, text, Map.of());
    }

    private Ruleset(RulesetInfo info, List<Model.Parameter> parameters, List<Model.Formula> formulas, List<Model.Expr> exprs,
                    List<Model.Criterion> criteria, List<Model.Item> items, Model.Decision decision, RulesetText text,
                    Map<String, Object> overrides) {
        this.overrides = Map.copyOf(overrides);
        this.text = text;
        this.info = info;
        this.parameters = parameters;
        this.formulas = formulas;
        this.exprs = exprs;
        this.criteria = criteria;
        this.items = items;
        this.parts = items.stream().flatMap(i -> i.parts().stream()).toList();
        this.scoreOf = new int[criteria.size()];
        for (int c = 0; c < scoreOf.length; c++) {
            String of = criteria.get(c).scoreOf();
            scoreOf[c] = of == null ? NO_SCORE : of.equals("total") ? TOTAL : itemIds().indexOf(of);
        }
        this.decision = decision;
        this.decide = compile(decision);
    }

    /**
     * The decision tree applied to given criterion statuses, in the same three-valued logic as an evaluation;
     * an id not in the map is UNKNOWN. Lets a caller ask what-if questions on a stored result, e.g. whether
     * passing the criteria whose gaps are small would qualify the enterprise.
     */
    public Outcome decide(Map<String, Status> statuses) {
        int d = decide(decision, statuses);
        return d == BoolNode.TRUE ? Outcome.QUALIFIED : d == BoolNode.FALSE ? Outcome.NOT_QUALIFIED : Outcome.UNDETERMINED;
    }

    private int decide(Model.Decision d, Map<String, Status> statuses) {
        if (d instanceof Model.Ref ref) {
            Status st = statuses.getOrDefault(criteria.get(ref.criterion()).id(), Status.UNKNOWN);
            return st == Status.PASS ? BoolNode.TRUE : st == Status.FAIL ? BoolNode.FALSE : BoolNode.UNKNOWN;
        }
        boolean all = d instanceof Model.All;
        int decisive = all ? BoolNode.FALSE : BoolNode.TRUE;
        boolean unknown = false;
        for (Model.Decision x : all ? ((Model.All) d).of() : ((Model.Any) d).of()) {
            int v = decide(x, statuses);
            if (v == decisive) return v;
            if (v == BoolNode.UNKNOWN) unknown = true;
        }
        return unknown ? BoolNode.UNKNOWN : all ? BoolNode.TRUE : BoolNode.FALSE;
    }

    /** Loads and type-checks a ruleset from YAML; {@code file} names it in error messages. */
    public static Ruleset load(String file, InputStream in) {
        return RulesetLoader.load(file, in);
    }

    public RulesetInfo info() { return info; }

    /** Labels, units and citations of the criteria, score items, parameters and formulas. */
    public RulesetText text() { return text; }

    public String id() { return info.id(); }

    public String version() { return info.version(); }

    /** The parameters with their clauses, dated values and project-default marks. */
    public List<ParameterInfo> parameters() {
        return parameters.stream().map(ParameterInfo::of).toList();
    }

    /** Criterion ids in ruleset order. */
    public List<String> criterionIds() {
        return criteria.stream().map(Model.Criterion::id).toList();
    }

    /** Score item ids in ruleset order. */
    public List<String> itemIds() {
        return items.stream().map(Model.Item::id).toList();
    }

    /** Parameter values in force at a date (numbers, string lists, band tables), overrides applied. */
    Map<String, Object> parametersAt(LocalDate date) {
        Map<String, Object> values = new HashMap<>();
        for (Model.Parameter p : parameters) values.put(p.name(), overrides.getOrDefault(p.name(), p.at(date)));
        return values;
    }

    /** The numeric parameters in force at a date (overrides applied), in file order: what a what-if form can change. */
    public Map<String, Double> numericParameters(LocalDate date) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (Model.Parameter p : parameters) {
            if (overrides.getOrDefault(p.name(), p.at(date)) instanceof Double d) out.put(p.name(), d);
        }
        return out;
    }

    /**
     * The same ruleset with some numeric parameters replaced at every date (the policy sandbox asks what a changed
     * threshold would do); unknown or non-numeric names are refused. The ruleset as loaded is unchanged.
     */
    public Ruleset withParameters(Map<String, Double> changed) {
        Map<String, Object> merged = new HashMap<>(overrides);
        for (Map.Entry<String, Double> e : changed.entrySet()) {
            Model.Parameter p = parameters.stream().filter(x -> x.name().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no parameter '" + e.getKey() + "' in " + info.ref()));
            if (!(p.values().get(0).value() instanceof Double)) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' of " + info.ref() + " is not a number");
            }
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' needs a finite number");
            }
            merged.put(e.getKey(), e.getValue());
        }
        return new Ruleset(info, parameters, formulas, exprs, criteria, items, decision, text, merged);
    }

    Plan plan(LocalDate date) {
        return plansByDate.computeIfAbsent(date, d -> plans.computeIfAbsent(parametersAt(d),
                values -> new Plan(values, formulas, exprs, items, criteria, decision)));
    }

    // ---- single enterprise ------------------------------------------------------------------------------

    /**
     * Evaluates one enterprise for year Y through the compiled path.
     *
     * @param history rows of one credit code (any years; Y−2..Y are used, Y must be present)
     */
    public EvaluationResult evaluate(List<FactRow> history, int year) {
        return evaluate(history, year, LocalDate.of(year, 12, 31));
    }

    /** As {@link #evaluate(List, int)} with ages measured at {@code referenceDate} (e.g. the application date). */
    public EvaluationResult evaluate(List<FactRow> history, int year, LocalDate referenceDate) {
        return detail(single(history, year, referenceDate), 0, false);
    }

    /** Evaluates one enterprise through the CEL interpreter: the reference the compiled path is checked against. */
    public EvaluationResult evaluateInterpreted(List<FactRow> history, int year, LocalDate referenceDate) {
        return detail(single(history, year, referenceDate), 0, true);
    }

    private static Population single(List<FactRow> history, int year, LocalDate referenceDate) {
        if (history.stream().map(FactRow::creditCode).distinct().count() > 1) {
            throw new IllegalArgumentException("history mixes enterprises; pass the rows of one credit code");
        }
        Population p = Population.of(history, year, referenceDate);
        if (p.size() != 1) throw new IllegalArgumentException("no row for year " + year);
        return p;
    }

    /** Materialises, in one parallel pass, every column explanations of the population read. */
    void prepareDetail(Population pop) {
        pop.frame(plan(pop.referenceDate()).detailSlots);
    }

    /** The full result (explanation and gaps) for row i of a population. */
    EvaluationResult detail(Population pop, int i, boolean interpreted) {
        Plan plan = plan(pop.referenceDate());
        RowEval r = interpreted ? new RowEval.Interpreted(plan, formulas, pop.row(i))
                : new RowEval.Compiled(plan, pop.row(i, plan.detailSlots), 0);
        State s = new State(this);
        run(r, s, true);
        List<CriterionResult> crit = new ArrayList<>(criteria.size());
        for (int c = 0; c < criteria.size(); c++) {
            Model.Criterion cr = criteria.get(c);
            Object value, threshold;
            if (cr.isScore()) {
                value = scoreValue(c, s);
                threshold = plan.atLeast[c];
            } else {
                // Without a value expression the condition's own truth value is what explains the status.
                value = r.display(cr.value() != null ? cr.value() : cr.condition());
                threshold = r.display(cr.threshold());
            }
            crit.add(new CriterionResult(cr.id(), Status.values()[s.status[c]], value, threshold, cr.reference()));
        }
        List<Gap> gaps = new ArrayList<>();
        State scratch = new State(this);
        for (int c = 0; c < criteria.size(); c++) {
            if (s.status[c] != Status.FAIL.ordinal()) continue;
            for (Model.Lever lever : criteria.get(c).levers()) {
                Gap g = gap(r, c, lever, scratch);
                if (g != null) gaps.add(g);
            }
        }
        ScoreRange score = items.isEmpty() ? null : new ScoreRange(s.totalLo, s.totalHi);
        return new EvaluationResult(pop.creditCode(i), pop.name(i), id(), version(), pop.year(),
                Outcome.values()[s.outcome], score, crit, itemResults(plan, s), gaps);
    }

    /** A score criterion's value: the score it tests, a number when known, "lo-hi" when a range. */
    Object scoreValue(int c, State s) {
        int lo = s.scoreLo(scoreOf[c]), hi = s.scoreHi(scoreOf[c]);
        return lo == hi ? (Object) (double) lo : lo + "-" + hi;
    }

    /** The score items of a result: each item, then each part of an item with several, with band labels and points. */
    List<ItemResult> itemResults(Plan plan, State s) {
        List<ItemResult> its = new ArrayList<>();
        int p = 0;
        for (int k = 0; k < items.size(); k++) {
            Model.Item it = items.get(k);
            List<String> labels = new ArrayList<>();
            int first = p;
            for (Model.Part part : it.parts()) {
                labels.add(s.label(plan, part, p));
                p++;
            }
            String band = it.parts().size() == 1 ? labels.get(0) : null;
            its.add(new ItemResult(it.id(), band, s.itemLo[k], s.itemHi[k]));
            if (it.parts().size() > 1) {
                for (int q = 0; q < it.parts().size(); q++) {
                    its.add(new ItemResult(it.id() + "." + it.parts().get(q).id(), labels.get(q),
                            s.partLo[first + q], s.partHi[first + q]));
                }
            }
        }
        return its;
    }

    // ---- batch --------------------------------------------------------------------------------------------

    /**
     * Evaluates a whole population on all cores: the ruleset's batch program runs block by block over the
     * population's columns (see {@link Plan.Batch}).
     */
    public BatchResult evaluate(Population pop) {
        return batch(pop, false);
    }

    /** The same through the CEL interpreter, row by row; for cross-checks and benchmarks only. */
    public BatchResult evaluateInterpreted(Population pop) {
        return batch(pop, true);
    }

    private BatchResult batch(Population pop, boolean interpreted) {
        Plan plan = plan(pop.referenceDate());
        int n = pop.size();
        byte[] outcome = new byte[n];
        int[] lo = new int[n], hi = new int[n];
        int chunks = (n + CHUNK - 1) / CHUNK;
        if (interpreted) {
            IntStream.range(0, chunks).parallel().forEach(k -> {
                State s = new State(this);
                for (int i = k * CHUNK, end = Math.min(n, i + CHUNK); i < end; i++) {
                    run(new RowEval.Interpreted(plan, formulas, pop.row(i)), s, false);
                    outcome[i] = (byte) s.outcome;
                    lo[i] = s.totalLo;
                    hi[i] = s.totalHi;
                }
            });
        } else {
            Plan.Batch batch = plan.batch;
            VecProgram program = batch.program;
            double[][] frame = pop.frame(program.usedSlots());
            boolean scores = batch.totalLo >= 0;
            IntStream.range(0, chunks).parallel().forEach(k -> {
                VecProgram.Worker w = program.acquire();
                for (int from = k * CHUNK, end = Math.min(n, from + CHUNK); from < end; from += VecProgram.BLOCK) {
                    int len = Math.min(VecProgram.BLOCK, end - from);
                    program.run(w, frame, from, len);
                    double[] d = program.output(w, batch.decision);
                    for (int j = 0; j < len; j++) {
                        double v = d[j];
                        outcome[from + j] = v == 1 ? QUALIFIED : v == 0 ? NOT_QUALIFIED : UNDETERMINED; // ½: unknown
                    }
                    if (scores) {
                        double[] l = program.output(w, batch.totalLo), h = program.output(w, batch.totalHi);
                        for (int j = 0; j < len; j++) {
                            lo[from + j] = (int) l[j];
                            hi[from + j] = (int) h[j];
                        }
                    }
                }
                program.release(w);
            });
        }
        return new BatchResult(this, pop, outcome, items.isEmpty() ? null : lo, items.isEmpty() ? null : hi);
    }

    /** Rows per parallel task: enough tasks to balance the cores, few enough to keep overhead negligible. */
    private static final int CHUNK = 4 * VecProgram.BLOCK;
    private static final byte QUALIFIED = (byte) Outcome.QUALIFIED.ordinal(),
            NOT_QUALIFIED = (byte) Outcome.NOT_QUALIFIED.ordinal(), UNDETERMINED = (byte) Outcome.UNDETERMINED.ordinal();

    // ---- the engine --------------------------------------------------------------------------------------

    /** Per-row working state, reused across the rows of a batch chunk. */
    static final class State {
        final byte[] status;
        final int[] partLo, partHi;
        final long[] partMask;
        final int[] itemLo, itemHi;
        int totalLo, totalHi, outcome;

        State(Ruleset rs) {
            status = new byte[rs.criteria.size()];
            int parts = rs.parts.size();
            partLo = new int[parts];
            partHi = new int[parts];
            partMask = new long[parts];
            itemLo = new int[rs.items.size()];
            itemHi = new int[rs.items.size()];
        }

        int scoreLo(int of) {
            return of == TOTAL ? totalLo : itemLo[of];
        }

        int scoreHi(int of) {
            return of == TOTAL ? totalHi : itemHi[of];
        }

        /** Band label(s) a part may be in; several joined by "|" when unknown facts leave it open. */
        String label(Plan plan, Model.Part part, int p) {
            if (part.range() != null) return partMask[p] == 0 ? "expert" : "given";
            if (Long.bitCount(partMask[p]) == 1) {
                // the usual case, one band: its label as it is
                int b = Long.numberOfTrailingZeros(partMask[p]);
                return part.bandsParam() != null ? plan.tables[p].bands.get(b).label() : part.cases().get(b).label();
            }
            List<String> labels = new ArrayList<>();
            if (part.bandsParam() != null) {
                List<Model.Band> bands = plan.tables[p].bands;
                for (int b = 0; b < bands.size(); b++) if ((partMask[p] & (1L << b)) != 0) labels.add(bands.get(b).label());
            } else {
                for (int b = 0; b < part.cases().size(); b++) if ((partMask[p] & (1L << b)) != 0) labels.add(part.cases().get(b).label());
            }
            return String.join("|", labels);
        }
    }

    /** Scores, criterion statuses and the decision for one row. */
    /**
     * Scores, criterion statuses and the decision for one row. Without {@code explain} only the criteria the
     * decision needs are evaluated (it stops at the first decisive one), which is all a batch keeps.
     */
    void run(RowEval r, State s, boolean explain) {
        scores(r, s);
        if (explain) {
            for (int c = 0; c < criteria.size(); c++) s.status[c] = (byte) status(c, r, s).ordinal();
        } else {
            Arrays.fill(s.status, NOT_EVALUATED);
        }
        int d = decide.eval(r, s);
        s.outcome = d == BoolNode.TRUE ? Outcome.QUALIFIED.ordinal()
                : d == BoolNode.FALSE ? Outcome.NOT_QUALIFIED.ordinal() : Outcome.UNDETERMINED.ordinal();
    }

    private void scores(RowEval r, State s) {
        for (int p = 0; p < parts.size(); p++) part(r, parts.get(p), s, p);
        combine(s);
    }

    /** Item and total score ranges from the parts' ranges: the best part or the sum, capped at the item's maximum. */
    void combine(State s) {
        int p = 0;
        s.totalLo = s.totalHi = 0;
        for (int k = 0; k < items.size(); k++) {
            Model.Item it = items.get(k);
            int lo = 0, hi = 0;
            for (int q = 0; q < it.parts().size(); q++) {
                if (it.best()) {
                    lo = Math.max(lo, s.partLo[p]);
                    hi = Math.max(hi, s.partHi[p]);
                } else {
                    lo += s.partLo[p];
                    hi += s.partHi[p];
                }
                p++;
            }
            s.itemLo[k] = Math.min(lo, it.max());
            s.itemHi[k] = Math.min(hi, it.max());
            s.totalLo += s.itemLo[k];
            s.totalHi += s.itemHi[k];
        }
    }

    private void part(RowEval r, Model.Part part, State s, int p) {
        if (part.range() != null) {
            double v = r.num(part.value());
            if (Double.isNaN(v)) {
                s.partLo[p] = part.range()[0];
                s.partHi[p] = part.range()[1];
                s.partMask[p] = 0;
            } else {
                int x = (int) Math.max(part.range()[0], Math.min(part.range()[1], Math.round(v)));
                s.partLo[p] = s.partHi[p] = x;
                s.partMask[p] = 1;
            }
            return;
        }
        long mask = 0;
        int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE;
        if (part.bandsParam() != null) {
            Plan.BandTable table = r.plan.tables[p];
            double v = r.num(part.value());
            if (Double.isNaN(v)) {
                for (int b = 0; b < table.lo.length; b++) {
                    mask |= 1L << b;
                    lo = Math.min(lo, table.lo[b]);
                    hi = Math.max(hi, table.hi[b]);
                }
            } else {
                int b = table.find(v);
                mask = 1L << b;
                lo = table.lo[b];
                hi = table.hi[b];
            }
        } else {
            List<Model.Case> cases = part.cases();
            for (int b = 0; b < cases.size(); b++) {
                Model.Case c = cases.get(b);
                int t = c.when() == null ? BoolNode.TRUE : r.test(c.when());
                if (t == BoolNode.FALSE) continue;
                mask |= 1L << b;
                lo = Math.min(lo, c.lo());
                hi = Math.max(hi, c.hi());
                if (t == BoolNode.TRUE) break;
            }
        }
        s.partMask[p] = mask;
        s.partLo[p] = lo;
        s.partHi[p] = hi;
    }

    private Status status(int c, RowEval r, State s) {
        if (scoreOf[c] != NO_SCORE) {
            double t = r.plan.atLeast[c];
            if (s.scoreLo(scoreOf[c]) >= t) return Status.PASS;
            return s.scoreHi(scoreOf[c]) < t ? Status.FAIL : Status.UNKNOWN;
        }
        int t = r.test(criteria.get(c).condition());
        return t == BoolNode.TRUE ? Status.PASS : t == BoolNode.FALSE ? Status.FAIL : Status.UNKNOWN;
    }

    private static final byte NOT_EVALUATED = -1;

    /** The decision tree over criterion statuses, in three-valued logic; evaluates a status on first need. */
    @FunctionalInterface
    private interface DecisionFn {
        int eval(RowEval r, State s);
    }

    private DecisionFn compile(Model.Decision d) {
        if (d instanceof Model.Ref ref) {
            int c = ref.criterion();
            byte pass = (byte) Status.PASS.ordinal(), fail = (byte) Status.FAIL.ordinal();
            return (r, s) -> {
                byte st = s.status[c];
                if (st == NOT_EVALUATED) s.status[c] = st = (byte) status(c, r, s).ordinal();
                return st == pass ? BoolNode.TRUE : st == fail ? BoolNode.FALSE : BoolNode.UNKNOWN;
            };
        }
        boolean all = d instanceof Model.All;
        DecisionFn[] of = (all ? ((Model.All) d).of() : ((Model.Any) d).of()).stream().map(this::compile)
                .toArray(DecisionFn[]::new);
        int decisive = all ? BoolNode.FALSE : BoolNode.TRUE;
        int otherwise = all ? BoolNode.TRUE : BoolNode.FALSE;
        return (r, s) -> {
            boolean unknown = false;
            for (DecisionFn x : of) {
                int v = x.eval(r, s);
                if (v == decisive) return v;
                if (v == BoolNode.UNKNOWN) unknown = true;
            }
            return unknown ? BoolNode.UNKNOWN : otherwise;
        };
    }

    // ---- gap analysis ------------------------------------------------------------------------------------

    /** Beyond these a lever is declared unable to pass the criterion: no count or amount is that large. */
    private static final double MAX_COUNT = 1e7, MAX_MONEY = 1e13;

    /**
     * The smallest change of one lever (whole steps from the current value) that makes criterion c pass,
     * found by exponential then binary search on the re-evaluated criterion; null when the lever's
     * current value is unknown or no value within range passes.
     */
    private Gap gap(RowEval r, int c, Model.Lever lever, State scratch) {
        int slot = FactSchema.slot(0, lever.column());
        double current = r.slot(slot);
        if (Double.isNaN(current)) return null;
        double bound = lever.increase()
                ? (lever.column().type() == ColumnType.INT ? MAX_COUNT : MAX_MONEY) : 0;
        if (lever.limit() != null) {
            double declared = r.num(lever.limit());
            if (Double.isNaN(declared)) return null;
            bound = lever.increase() ? Math.min(bound, declared) : Math.max(bound, declared);
        }
        double limit = lever.increase() ? bound - current : current - bound;
        long maxSteps = (long) Math.floor(limit / lever.step());
        long pass = LeverSearch.smallest(maxSteps, steps -> passes(r, c, lever, current, steps, scratch));
        if (pass < 0) return null;
        double required = value(current, lever, pass);
        BigDecimal cur = decimal(current), req = decimal(required);
        return new Gap(criteria.get(c).id(), lever.id(), cur, req, req.subtract(cur));
    }

    static double value(double current, Model.Lever lever, long steps) {
        return lever.increase() ? current + steps * lever.step() : current - steps * lever.step();
    }

    /** Whether criterion c passes with the lever moved; {@code s} is scratch state, overwritten. */
    private boolean passes(RowEval r, int c, Model.Lever lever, double current, long steps, State s) {
        RowEval changed = r.with(FactSchema.slot(0, lever.column()), value(current, lever, steps));
        if (scoreOf[c] != NO_SCORE) scores(changed, s);
        return status(c, changed, s) == Status.PASS;
    }

    static BigDecimal decimal(double v) {
        BigDecimal d = BigDecimal.valueOf(v).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    @Override
    public String toString() {
        return "Ruleset[" + info.ref() + "]";
    }
}
