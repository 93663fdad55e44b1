package org.innoladder.rules.points;

import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.cel.BoolNode;
import org.innoladder.rules.cel.NumNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An innovation points (创新积分) model: indicator groups, stages, weights, bonuses and deductions, all read
 * from YAML (see {@code points/default.yaml} and the rules README). Scoring needs the whole population,
 * because an indicator's standard score says where an enterprise stands among the others.
 *
 * <p>For one year Y, per enterprise:
 * <ol>
 * <li><b>Stage</b>: the first stage whose condition holds (an unknown condition does not hold, and the
 *     result is flagged {@code stageUncertain}); the last stage takes the rest.</li>
 * <li><b>Raw value</b> v of each indicator: its CEL formula over the facts. An unknown result (a fact it needs
 *     is absent), or a value that is not a finite number, is <em>missing</em>.</li>
 * <li><b>Standard score</b> s ∈ [0, 1] of v within the reference group (the enterprises of the same stage, or
 *     the whole population, as configured), over the group's known values only:
 *     <ul>
 *     <li>{@code rank} (default): s = L / (L + G), L = how many known values are strictly worse than v,
 *         G = how many are strictly better; s = 0.5 when every known value equals v (L + G = 0).
 *         The worst value scores 0, the best 1, ties share one score, and outliers do not squeeze the rest.</li>
 *     <li>{@code minmax}: s = (v − min) / (max − min) (for lower-is-better: (max − v) / (max − min)),
 *         0.5 when max = min.</li>
 *     </ul>
 *     A missing value scores s = 0 (the bottom of the scale, as if worst) and is flagged {@code missing}.</li>
 * <li><b>Indicator points</b> = weight(stage) × s; group subtotals and the indicator total are their sums.</li>
 * <li><b>Bonuses</b> whose condition holds are added (capped at the bonus cap, if any); <b>deductions</b>
 *     whose condition holds are subtracted (capped at the deduction cap, if any). An unknown condition is
 *     not applied and is reported as UNKNOWN.</li>
 * <li><b>Points</b> = indicator total + bonus − deduction (not floored, so that a weight change moves the
 *     points by exactly the weighted standard score).</li>
 * <li><b>Percentile in stage</b> = 100 × (number of other enterprises of the stage with strictly fewer
 *     points) / (stage size − 1); 100 when the enterprise is alone in its stage.</li>
 * </ol>
 * Both standard-score methods are non-decreasing in the value, weights are ≥ 0 and the reference group is
 * the stage (by default), so an enterprise that is no better on any indicator than another of its stage,
 * with no more bonus and no less deduction, never gets more points.
 */
public final class PointsModel {
    /** How raw values become standard scores. */
    public enum Method { RANK, MINMAX }

    /** Which enterprises a value is compared with. */
    public enum Reference { STAGE, POPULATION }

    private static final String DEFAULT = "points/default.yaml";
    private static volatile PointsModel defaultModel;

    private final String id;
    private final String version;
    private final String titleZh;
    private final String titleEn;
    private final List<String> notes;
    private final Method method;
    private final Reference reference;
    private final Map<String, Object> parameters;
    private final List<Stage> stages;
    private final List<Group> groups;
    private final List<Indicator> indicators;
    private final List<Adjustment> adjustments;
    private final Double bonusCap;
    private final Double deductionCap;
    private final BoolNode[] stageNodes;
    private final NumNode[] indicatorNodes;
    private final BoolNode[] adjustmentNodes;
    private final Set<Integer> usedSlots;

    PointsModel(String id, String version, String titleZh, String titleEn, List<String> notes, Method method,
                Reference reference, Map<String, Object> parameters, List<Stage> stages, List<Group> groups,
                List<Adjustment> adjustments, Double bonusCap, Double deductionCap, List<Object> stageNodes,
                List<Object> indicatorNodes, List<Object> adjustmentNodes, Set<Integer> usedSlots) {
        this.id = id;
        this.version = version;
        this.titleZh = titleZh;
        this.titleEn = titleEn;
        this.notes = notes;
        this.method = method;
        this.reference = reference;
        this.parameters = parameters;
        this.stages = stages;
        this.groups = groups;
        this.indicators = groups.stream().flatMap(g -> g.indicators().stream()).toList();
        this.adjustments = adjustments;
        this.bonusCap = bonusCap;
        this.deductionCap = deductionCap;
        this.stageNodes = stageNodes.toArray(new BoolNode[0]);
        this.indicatorNodes = indicatorNodes.toArray(new NumNode[0]);
        this.adjustmentNodes = adjustmentNodes.toArray(new BoolNode[0]);
        this.usedSlots = usedSlots;
    }

    /** The project's default model ({@code points/default.yaml}); not the national table, which is not public. */
    public static PointsModel defaultModel() {
        PointsModel m = defaultModel;
        if (m == null) {
            try (InputStream in = PointsModel.class.getClassLoader().getResourceAsStream(DEFAULT)) {
                if (in == null) throw new IllegalStateException("missing resource " + DEFAULT);
                m = load(DEFAULT, in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            defaultModel = m;
        }
        return m;
    }

    /**
     * Loads a model (e.g. a region's own). Throws {@link PointsModelException} naming the file, the item and
     * the line when the model is not valid.
     *
     * @param file the name used in error messages
     */
    public static PointsModel load(String file, InputStream yaml) {
        return PointsModelLoader.load(file, yaml);
    }

    public static PointsModel load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(file.toString(), in);
        } catch (IOException e) {
            throw new PointsModelException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    public String id() { return id; }

    public String version() { return version; }

    public String titleZh() { return titleZh; }

    public String titleEn() { return titleEn; }

    public List<String> notes() { return notes; }

    public Method method() { return method; }

    public Reference reference() { return reference; }

    /** Named numbers usable in formulas as {@code p.<name>}. */
    public Map<String, Object> parameters() { return parameters; }

    public List<Stage> stages() { return stages; }

    public List<Group> groups() { return groups; }

    /** Every indicator, group by group, in file order. */
    public List<Indicator> indicators() { return indicators; }

    public List<Adjustment> adjustments() { return adjustments; }

    /** The most bonus points an enterprise can get, or null for no cap. */
    public Double bonusCap() { return bonusCap; }

    /** The most deduction points an enterprise can lose, or null for no cap. */
    public Double deductionCap() { return deductionCap; }

    /** Scores every enterprise with a row for {@code year}; ages are measured at 31 December of that year. */
    public PointsResult score(Collection<FactRow> rows, int year) {
        return score(rows, year, LocalDate.of(year, 12, 31));
    }

    /**
     * Scores every enterprise with a row for {@code year} (rows for Y−1 and Y−2 feed growth formulas).
     * Deterministic: the result depends only on the set of enterprises and their facts, not on row order
     * (except that output follows the first appearance of each credit code).
     */
    public PointsResult score(Collection<FactRow> rows, int year, LocalDate referenceDate) {
        FactFrame frame = FactFrame.of(rows, year, referenceDate, usedSlots);
        double[][] f = frame.slots;
        int n = frame.size;
        int ni = indicators.size();

        int[] stage = new int[n];
        boolean[] uncertain = new boolean[n];
        for (int i = 0; i < n; i++) {
            int s = 0;
            for (; s < stageNodes.length - 1; s++) {
                int t = stageNodes[s].eval(f, i);
                if (t == BoolNode.TRUE) break;
                if (t == BoolNode.UNKNOWN) uncertain[i] = true;
            }
            stage[i] = s;
        }

        double[][] raw = new double[ni][n];
        double[][] standard = new double[ni][];
        int[] groupOf = reference == Reference.STAGE ? stage : new int[n];
        int groupCount = reference == Reference.STAGE ? stages.size() : 1;
        for (int k = 0; k < ni; k++) {
            for (int i = 0; i < n; i++) {
                double v = indicatorNodes[k].eval(f, i);
                raw[k][i] = Double.isFinite(v) ? v : Double.NaN;
            }
            standard[k] = StandardScores.of(raw[k], groupOf, groupCount, indicators.get(k).higherIsBetter(), method);
        }

        double[] total = new double[n];
        List<EnterprisePoints.Builder> partial = new ArrayList<>(n);
        double[] rawOfOne = new double[ni], standardOfOne = new double[ni];
        for (int i = 0; i < n; i++) {
            List<AdjustmentResult> applied = new ArrayList<>(adjustments.size());
            double bonus = 0, deduction = 0;
            for (int a = 0; a < adjustments.size(); a++) {
                Adjustment adj = adjustments.get(a);
                int t = adjustmentNodes[a].eval(f, i);
                AdjustmentResult.Status status = t == BoolNode.TRUE ? AdjustmentResult.Status.APPLIED
                        : t == BoolNode.FALSE ? AdjustmentResult.Status.NOT_APPLIED : AdjustmentResult.Status.UNKNOWN;
                double p = 0;
                if (status == AdjustmentResult.Status.APPLIED) {
                    if (adj.kind() == Adjustment.Kind.BONUS) {
                        bonus += adj.points();
                        p = adj.points();
                    } else {
                        deduction += adj.points();
                        p = -adj.points();
                    }
                }
                applied.add(new AdjustmentResult(adj.id(), adj.kind(), status, p));
            }
            if (bonusCap != null) bonus = Math.min(bonus, bonusCap);
            if (deductionCap != null) deduction = Math.min(deduction, deductionCap);
            for (int k = 0; k < ni; k++) {
                rawOfOne[k] = raw[k][i];
                standardOfOne[k] = standard[k][i];
            }
            EnterprisePoints.Builder b = assemble(frame.creditCodes[i], frame.names[i], stages.get(stage[i]).id(), uncertain[i],
                    rawOfOne, standardOfOne, List.copyOf(applied), bonus, deduction);
            total[i] = b.points();
            partial.add(b);
        }

        double[] percentile = StandardScores.percentiles(total, stage, stages.size());
        List<EnterprisePoints> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(partial.get(i).build(percentile[i]));
        return new PointsResult(id, version, year, List.copyOf(out));
    }

    /**
     * One enterprise's points from its raw values and their standard scores (indicator order; NaN raw = missing) and
     * its adjustments after the caps: what {@link #score} does per enterprise once the population's standard scores
     * are known. Public through {@link Standings#complete}, for runs that compute the standard scores elsewhere.
     */
    EnterprisePoints.Builder assemble(String creditCode, String name, String stage, boolean uncertain, double[] raw,
                                      double[] standard, List<AdjustmentResult> applied, double bonus, double deduction) {
        int ni = indicators.size();
        List<IndicatorScore> scores = new ArrayList<>(ni);
        List<String> missing = new ArrayList<>();
        double sum = 0;
        for (int k = 0; k < ni; k++) {
            Indicator ind = indicators.get(k);
            boolean miss = Double.isNaN(raw[k]);
            if (miss) missing.add(ind.id());
            double w = ind.weight(stage);
            double p = w * standard[k];
            sum += p;
            scores.add(new IndicatorScore(ind.id(), ind.group(), miss ? null : raw[k], standard[k], w, p, miss));
        }
        List<GroupSubtotal> subtotals = new ArrayList<>(groups.size());
        for (Group g : groups) {
            double gs = 0;
            for (IndicatorScore s : scores) {
                if (s.group().equals(g.id())) gs += s.points();
            }
            subtotals.add(new GroupSubtotal(g.id(), g.zh(), gs));
        }
        return new EnterprisePoints.Builder(creditCode, name, stage, uncertain, sum + bonus - deduction, sum, bonus, deduction,
                List.copyOf(subtotals), List.copyOf(scores), applied, List.copyOf(missing));
    }

    @Override
    public String toString() {
        return "PointsModel[" + id + "@" + version + ", " + indicators.size() + " indicators, stages "
                + Arrays.toString(stages.stream().map(Stage::id).toArray()) + "]";
    }
}
