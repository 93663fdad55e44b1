package org.innoladder.rules.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.ColumnType;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.GapSentence;
import org.innoladder.rules.Label;
import org.innoladder.rules.Unit;
import org.innoladder.rules.LeverSearch;
import org.innoladder.rules.cel.BoolNode;
import org.innoladder.rules.cel.CelToJava;
import org.innoladder.rules.cel.FactSchema;
import org.innoladder.rules.cel.NumNode;
import org.innoladder.rules.cel.StringPool;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A policy (政策): what it is (code, title, issuer, document, clause, period, target group, mode, budget, contact,
 * handbook), its parameters, its eligibility as named criteria combined by a decision tree, and its award
 * formula; type-checked when loaded and compiled to closures ({@link CelToJava}) over a {@link PolicyFacts}
 * frame, with the parameters folded in. {@link #withParameters} recompiles with changed parameter values (the
 * what-if sandbox) without touching the definition.
 *
 * <p>Three-valued like rulesets: an unknown fact makes what needs it unknown; an eligible enterprise whose
 * amount is unknown is UNDETERMINED.
 */
public final class Policy {
    public enum Mode { AUTOMATIC, APPLICATION }

    public record Text(String zh, String en) {
    }

    /**
     * A parameter: a number (amounts in yuan, rates, thresholds) or a list of texts, with its label, unit (a
     * {@link Unit} code) and note. Versions stored before labels were required may lack label and unit.
     */
    public record Parameter(String name, Object value, String unit, String note, Label label) {
        public boolean numeric() { return value instanceof Double; }

        /** The unit, NONE when unknown. */
        public Unit kind() { return Unit.parse(unit).orElse(Unit.NONE); }
    }

    /** What a formula's result is called and measured in. */
    public record Named(Label label, Unit unit) {
    }

    /** A named eligibility criterion: a CEL condition and the text that says it held (or not). */
    public record Criterion(String id, Text text, String condition, List<String> levers) {
    }

    /** What gap analysis may change for NEAR: a numeric year-Y column, in whole steps, up to an optional limit. */
    public record Lever(String id, Column column, boolean increase, double step, String limit) {
    }

    sealed interface Decision permits Ref, All, Any {
    }

    record Ref(int criterion) implements Decision {
    }

    record All(List<Decision> of) implements Decision {
    }

    record Any(List<Decision> of) implements Decision {
    }

    /** The checked source of one policy; built by {@link PolicyLoader}. */
    record Definition(String code, Text title, String issuer, String documentNo, String clause, LocalDate periodStart,
                      LocalDate periodEnd, String targetGroup, Mode mode, BigDecimal budget, String contact,
                      String handbook, boolean example, String source, double nearRatio,
                      Map<String, Parameter> parameters, Map<String, String> formulas, Map<String, Lever> levers,
                      List<Criterion> criteria, Decision decision, String award, String yaml,
                      Map<String, CelAbstractSyntaxTree> formulaAsts, List<CelAbstractSyntaxTree> conditionAsts,
                      Map<String, CelAbstractSyntaxTree> limitAsts, CelAbstractSyntaxTree awardAst,
                      Map<String, Named> formulaText) {
    }

    private final Definition d;
    private final Map<String, Parameter> parameters;
    // compiled for the current parameter values
    private final BoolNode[] conditions;
    private final int[][] conditionSlots;
    private final NumNode award;
    private final int[] awardSlots;
    private final Map<String, NumNode> limits = new HashMap<>();
    private final int[] used;

    Policy(Definition d, Map<String, Parameter> parameters) {
        this.d = d;
        this.parameters = Map.copyOf(parameters);
        Map<String, Object> values = new HashMap<>();
        parameters.values().forEach(p -> values.put(p.name(), p.value()));
        Map<String, Object> formulas = new HashMap<>();
        Set<Integer> all = new TreeSet<>();
        // Each formula's slots are remembered so an expression using it reports them as read.
        Map<String, Set<Integer>> formulaSlots = new HashMap<>();
        for (Map.Entry<String, CelAbstractSyntaxTree> f : d.formulaAsts().entrySet()) {
            Set<Integer> s = new TreeSet<>();
            formulas.put(f.getKey(), new CelToJava(f.getValue(), values, formulas, s, PolicyContext.slots()).compile());
            for (String other : formulaSlots.keySet()) {
                if (d.formulas().get(f.getKey()).contains(other)) s.addAll(formulaSlots.get(other));
            }
            formulaSlots.put(f.getKey(), s);
        }
        conditions = new BoolNode[d.criteria().size()];
        conditionSlots = new int[conditions.length][];
        for (int c = 0; c < conditions.length; c++) {
            Set<Integer> s = new TreeSet<>();
            conditions[c] = (BoolNode) new CelToJava(d.conditionAsts().get(c), values, formulas, s, PolicyContext.slots()).compile();
            addFormulaSlots(d.criteria().get(c).condition(), formulaSlots, s);
            conditionSlots[c] = s.stream().mapToInt(Integer::intValue).toArray();
            all.addAll(s);
        }
        Set<Integer> as = new TreeSet<>();
        award = (NumNode) new CelToJava(d.awardAst(), values, formulas, as, PolicyContext.slots()).compile();
        addFormulaSlots(d.award(), formulaSlots, as);
        awardSlots = as.stream().mapToInt(Integer::intValue).toArray();
        all.addAll(as);
        for (Map.Entry<String, CelAbstractSyntaxTree> l : d.limitAsts().entrySet()) {
            limits.put(l.getKey(), (NumNode) new CelToJava(l.getValue(), values, formulas, all, PolicyContext.slots()).compile());
            addFormulaSlots(d.levers().get(l.getKey()).limit(), formulaSlots, all);
        }
        for (Lever l : d.levers().values()) all.add(FactSchema.slot(0, l.column()));
        used = all.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void addFormulaSlots(String source, Map<String, Set<Integer>> formulaSlots, Set<Integer> into) {
        for (Map.Entry<String, Set<Integer>> e : formulaSlots.entrySet()) {
            if (source.matches("(?s).*\\b" + e.getKey() + "\\b.*")) into.addAll(e.getValue());
        }
    }

    // ---- loading -----------------------------------------------------------------------------------------

    /** Loads and type-checks a policy; throws {@link PolicyLoadException} naming file, field and position. */
    public static Policy load(String file, InputStream yaml) {
        return PolicyLoader.load(file, yaml);
    }

    public static Policy load(String file, String yaml) {
        return load(file, new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Loads a version stored earlier: type-checked like {@link #load}, but parameters and formulas saved before labels
     * and units were required still load (they show their names).
     */
    public static Policy loadStored(String file, String yaml) {
        return PolicyLoader.load(file, new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), false);
    }

    /**
     * The same policy with some numeric parameters changed (the sandbox): recompiled, the definition text left
     * as it was. Unknown names or non-numeric parameters are refused.
     */
    public Policy withParameters(Map<String, Double> changed) {
        Map<String, Parameter> ps = new LinkedHashMap<>(parameters());
        for (Map.Entry<String, Double> e : changed.entrySet()) {
            Parameter p = ps.get(e.getKey());
            if (p == null) throw new IllegalArgumentException("no parameter '" + e.getKey() + "'");
            if (!p.numeric()) throw new IllegalArgumentException("parameter '" + e.getKey() + "' is not a number");
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' needs a finite number");
            }
            ps.put(e.getKey(), new Parameter(p.name(), e.getValue(), p.unit(), p.note(), p.label()));
        }
        return new Policy(d, ps);
    }

    // ---- what it is --------------------------------------------------------------------------------------

    public String code() { return d.code(); }

    public Text title() { return d.title(); }

    public String issuer() { return d.issuer(); }

    public String documentNo() { return d.documentNo(); }

    public String clause() { return d.clause(); }

    public LocalDate periodStart() { return d.periodStart(); }

    public LocalDate periodEnd() { return d.periodEnd(); }

    public String targetGroup() { return d.targetGroup(); }

    public Mode mode() { return d.mode(); }

    public BigDecimal budget() { return d.budget(); }

    public String contact() { return d.contact(); }

    public String handbook() { return d.handbook(); }

    public boolean example() { return d.example(); }

    /** The kind of source document the policy is modelled on (examples) or cites. */
    public String source() { return d.source(); }

    /** The largest relative gap (|change| / required value) that still counts as NEAR. */
    public double nearRatio() { return d.nearRatio(); }

    /** Parameters in file order, with the values this instance was compiled with. */
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (String name : d.parameters().keySet()) out.put(name, parameters.get(name));
        return out;
    }

    public Map<String, String> formulas() { return d.formulas(); }

    /** Labels and units of the formulas that have them (all of them in definitions saved since labels are required). */
    public Map<String, Named> formulaText() { return d.formulaText(); }

    public List<Criterion> criteria() { return d.criteria(); }

    public String award() { return d.award(); }

    /** The YAML text this policy was loaded from. */
    public String yaml() { return d.yaml(); }

    /** Every context or fact name the eligibility and award read, for the stored "facts used". */
    public List<String> readNames() {
        return IntStream.of(used).mapToObj(PolicyContext::nameOf).toList();
    }

    // ---- evaluation --------------------------------------------------------------------------------------

    /** Outcome and amount of every enterprise of a population, on all cores. */
    public PolicyBatch evaluate(PolicyFacts facts, boolean withNear) {
        double[][] f = facts.frame(used);
        int n = facts.size();
        byte[] outcome = new byte[n];
        double[] amount = new double[n];
        int chunk = 4096;
        IntStream.range(0, (n + chunk - 1) / chunk).parallel().forEach(k -> {
            int[] st = new int[conditions.length];
            for (int i = k * chunk, end = Math.min(n, i + chunk); i < end; i++) {
                PolicyOutcome o = outcome(f, i, st, withNear);
                outcome[i] = (byte) o.ordinal();
                amount[i] = o == PolicyOutcome.ELIGIBLE ? amount(f, i) : Double.NaN;
            }
        });
        return new PolicyBatch(this, facts, f, outcome, amount);
    }

    private PolicyOutcome outcome(double[][] f, int i, int[] st, boolean withNear) {
        for (int c = 0; c < conditions.length; c++) st[c] = conditions[c].eval(f, i);
        int dec = decide(d.decision(), st);
        if (dec == BoolNode.TRUE) {
            return Double.isNaN(award.eval(f, i)) ? PolicyOutcome.UNDETERMINED : PolicyOutcome.ELIGIBLE;
        }
        if (dec == BoolNode.UNKNOWN) return PolicyOutcome.UNDETERMINED;
        if (withNear && !d.levers().isEmpty() && !nearGaps(f, i, st).isEmpty()) return PolicyOutcome.NEAR;
        return PolicyOutcome.NOT_ELIGIBLE;
    }

    private double amount(double[][] f, int i) {
        double a = award.eval(f, i);
        if (Double.isNaN(a)) return Double.NaN;
        return Math.max(0, Math.round(a * 100) / 100.0);
    }

    static int decide(Decision dn, int[] st) {
        if (dn instanceof Ref r) return st[r.criterion()];
        boolean all = dn instanceof All;
        List<Decision> of = all ? ((All) dn).of() : ((Any) dn).of();
        int decisive = all ? BoolNode.FALSE : BoolNode.TRUE;
        boolean unknown = false;
        for (Decision x : of) {
            int v = decide(x, st);
            if (v == decisive) return v;
            if (v == BoolNode.UNKNOWN) unknown = true;
        }
        return unknown ? BoolNode.UNKNOWN : all ? BoolNode.TRUE : BoolNode.FALSE;
    }

    /**
     * NEAR: each failed criterion whose smallest lever gap is within {@link #nearRatio()} is assumed to hold;
     * when the decision then no longer fails, those gaps are what is missing. Empty when not near.
     */
    private List<PolicyResult.Gap> nearGaps(double[][] f, int i, int[] st) {
        double[][] row = null;
        int[] assumed = st.clone();
        List<PolicyResult.Gap> gaps = new ArrayList<>();
        for (int c = 0; c < conditions.length; c++) {
            if (st[c] != BoolNode.FALSE || d.criteria().get(c).levers().isEmpty()) continue;
            if (row == null) row = row(f, i);
            PolicyResult.Gap best = null;
            double bestRel = Double.POSITIVE_INFINITY;
            for (String lv : d.criteria().get(c).levers()) {
                PolicyResult.Gap g = gap(row, c, d.levers().get(lv));
                if (g == null) continue;
                double rel = g.required().signum() == 0 ? Double.POSITIVE_INFINITY
                        : g.delta().abs().doubleValue() / g.required().abs().doubleValue();
                if (rel < bestRel) {
                    bestRel = rel;
                    best = g;
                }
            }
            if (best != null && bestRel <= d.nearRatio()) {
                assumed[c] = BoolNode.TRUE;
                gaps.add(best);
            }
        }
        if (gaps.isEmpty() || decide(d.decision(), assumed) == BoolNode.FALSE) return List.of();
        return gaps;
    }

    /** A one-row copy of row i (used slots only), which gap search may change. */
    private double[][] row(double[][] f, int i) {
        double[][] r = new double[PolicyContext.FRAME_SLOTS][];
        for (int s : used) r[s] = new double[]{f[s][i]};
        return r;
    }

    private static final double MAX_COUNT = 1e7, MAX_MONEY = 1e13;

    private PolicyResult.Gap gap(double[][] row, int c, Lever lever) {
        int slot = FactSchema.slot(0, lever.column());
        double current = row[slot][0];
        if (Double.isNaN(current)) return null;
        double bound = lever.increase() ? (lever.column().type() == ColumnType.INT ? MAX_COUNT : MAX_MONEY) : 0;
        if (lever.limit() != null) {
            double declared = limits.get(lever.id()).eval(row, 0);
            if (Double.isNaN(declared)) return null;
            bound = lever.increase() ? Math.min(bound, declared) : Math.max(bound, declared);
        }
        double room = lever.increase() ? bound - current : current - bound;
        long maxSteps = (long) Math.floor(room / lever.step());
        BoolNode cond = conditions[c];
        long steps;
        try {
            steps = LeverSearch.smallest(maxSteps, k -> {
                row[slot][0] = lever.increase() ? current + k * lever.step() : current - k * lever.step();
                return cond.eval(row, 0) == BoolNode.TRUE;
            });
        } finally {
            row[slot][0] = current;
        }
        if (steps < 0) return null;
        double required = lever.increase() ? current + steps * lever.step() : current - steps * lever.step();
        BigDecimal cur = decimal(current), req = decimal(required);
        String column = lever.column().key();
        return new PolicyResult.Gap(d.criteria().get(c).id(), lever.id(), column, cur, req, req.subtract(cur),
                GapSentence.of(column, cur, req, false), GapSentence.of(column, cur, req, true));
    }

    private static BigDecimal decimal(double v) {
        BigDecimal x = BigDecimal.valueOf(v).stripTrailingZeros();
        return x.scale() < 0 ? x.setScale(0) : x;
    }

    /** One enterprise of a population, explained. */
    public PolicyResult explain(PolicyFacts facts, int i) {
        return explain(facts, facts.frame(used), i);
    }

    /** The same over a frame already built for the population (a batch's), so explaining many rows builds it once. */
    PolicyResult explain(PolicyFacts facts, double[][] f, int i) {
        int[] st = new int[conditions.length];
        PolicyOutcome o = outcome(f, i, st, true);
        int year = facts.year();
        List<PolicyResult.Criterion> crit = new ArrayList<>();
        for (int c = 0; c < conditions.length; c++) {
            Criterion cr = d.criteria().get(c);
            String status = st[c] == BoolNode.TRUE ? "PASS" : st[c] == BoolNode.FALSE ? "FAIL" : "UNKNOWN";
            crit.add(new PolicyResult.Criterion(cr.id(), status, fill(cr.text().zh(), year), fill(cr.text().en(), year)));
        }
        List<PolicyResult.Gap> gaps = o == PolicyOutcome.NEAR ? nearGaps(f, i, st) : List.of();
        Set<String> unknown = new LinkedHashSet<>();
        if (o == PolicyOutcome.UNDETERMINED) {
            for (int c = 0; c < conditions.length; c++) {
                if (st[c] != BoolNode.UNKNOWN) continue;
                for (int s : conditionSlots[c]) if (Double.isNaN(f[s][i])) unknown.add(PolicyContext.nameOf(s));
            }
            if (unknown.isEmpty()) {
                for (int s : awardSlots) if (Double.isNaN(f[s][i])) unknown.add(PolicyContext.nameOf(s));
            }
        }
        Map<String, Object> used = new LinkedHashMap<>();
        for (int s : this.used) used.put(PolicyContext.nameOf(s), display(s, f[s][i]));
        BigDecimal amount = o == PolicyOutcome.ELIGIBLE ? BigDecimal.valueOf(amount(f, i)).setScale(2, RoundingMode.HALF_UP) : null;
        String zh, en;
        List<PolicyResult.Criterion> passed = crit.stream().filter(c -> c.status().equals("PASS")).toList();
        List<PolicyResult.Criterion> failed = crit.stream().filter(c -> c.status().equals("FAIL")).toList();
        switch (o) {
            case ELIGIBLE -> {
                zh = "符合：" + join(passed, true) + "；奖励 " + yuanZh(amount);
                en = "Meets: " + join(passed, false) + "; award " + yuanEn(amount);
            }
            case NEAR -> {
                zh = "接近：" + gaps.stream().map(g -> fill(textOf(g.criterion(), true), year) + "——" + g.zh())
                        .collect(Collectors.joining("；"));
                en = "Near: " + gaps.stream().map(g -> fill(textOf(g.criterion(), false), year) + " — " + g.en())
                        .collect(Collectors.joining("; "));
            }
            case UNDETERMINED -> {
                zh = "待定：缺少数据 " + String.join("、", unknown.stream().map(n -> FactNames.label(n).zh()).toList())
                        + (passed.isEmpty() ? "" : "；已符合：" + join(passed, true));
                en = "Undetermined: unknown " + String.join(", ", unknown.stream().map(n -> FactNames.label(n).en()).toList())
                        + (passed.isEmpty() ? "" : "; met: " + join(passed, false));
            }
            default -> {
                zh = "不符合：" + join(failed, true);
                en = "Not met: " + join(failed, false);
            }
        }
        return new PolicyResult(facts.population().creditCode(i), facts.population().name(i), d.code(), year, o, amount,
                List.copyOf(crit), List.copyOf(gaps), List.copyOf(unknown), used, zh, en);
    }

    /** One enterprise given as rows plus context values by name (tests, single look-ups). */
    public PolicyResult evaluate(Collection<FactRow> rows, int year, Map<String, Object> context) {
        PolicyFacts facts = PolicyFacts.of(rows, year);
        if (facts.size() != 1) throw new IllegalArgumentException("expected one enterprise with a row for " + year);
        context.forEach((k, v) -> facts.set(k, 0, v));
        return explain(facts, 0);
    }

    private String textOf(String criterion, boolean zh) {
        for (Criterion c : d.criteria()) {
            if (c.id().equals(criterion)) return zh ? c.text().zh() : c.text().en();
        }
        return criterion;
    }

    private static String join(List<PolicyResult.Criterion> cs, boolean zh) {
        return cs.stream().map(c -> zh ? c.zh() : c.en()).collect(Collectors.joining(zh ? "；" : "; "));
    }

    /** "{Y}", "{Y-1}", "{Y-2}" in criterion texts become years. */
    static String fill(String text, int year) {
        if (text == null) return null;
        return text.replace("{Y-1}", String.valueOf(year - 1)).replace("{Y-2}", String.valueOf(year - 2))
                .replace("{Y}", String.valueOf(year));
    }

    /** 200000 → "20 万元", 5000 → "5000 元". */
    public static String yuanZh(BigDecimal amount) {
        if (amount == null) return "金额待定";
        if (amount.abs().compareTo(BigDecimal.valueOf(10_000)) >= 0) {
            return amount.divide(BigDecimal.valueOf(10_000)).stripTrailingZeros().toPlainString() + " 万元";
        }
        return amount.stripTrailingZeros().toPlainString() + " 元";
    }

    public static String yuanEn(BigDecimal amount) {
        if (amount == null) return "amount undetermined";
        return new DecimalFormat("#,##0.##").format(amount) + " yuan";
    }

    private static Object display(int slot, double v) {
        if (Double.isNaN(v)) return null;
        String name = PolicyContext.nameOf(slot);
        Column c = slot < FactSchema.SLOTS ? FactSchema.columnOf(slot) : null;
        if (c != null ? c.type() == ColumnType.BOOL : PolicyContext.isBool(name)) return v != 0;
        if (c != null ? c.type() == ColumnType.TEXT : PolicyContext.isText(name)) return StringPool.value(v);
        return v;
    }

    @Override
    public String toString() {
        return "Policy[" + d.code() + "]";
    }
}
