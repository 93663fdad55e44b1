package org.innoladder.credit.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * The white list's criteria over a whole region, each evaluated once per distinct value of the inputs it reads: a
 * criterion over tiers has a handful of distinct inputs among a million enterprises, one over loan counts a few
 * dozen, one over the percentile at most some thousands. Which inputs a criterion reads is taken from its text —
 * conservatively: a variable named otherwise than by a known field ({@code credit["x"]}, {@code size(points)}) counts
 * as reading all its fields — so a cached outcome is always the one the criterion would give. Not thread-safe: one
 * per computation, used by its single worker.
 */
final class WhiteListMemo {
    /** The inputs of one enterprise as read; {@code total} null when it has no points for the data year. */
    record Inputs(Double total, double percentile, String stage, int held, int qualified, long loans, long overdue, long npl,
                  double outstanding) {
    }

    private enum Field { SCORED, TOTAL, PERCENTILE, STAGE, TIERS, QUALIFIED, LOANS, OVERDUE, NPL, OUTSTANDING }

    private static final Pattern POINTS_OTHER = Pattern.compile("\\bpoints\\b(?!\\s*\\.\\s*(total|percentile|stage)\\b)");
    private static final Pattern CREDIT_OTHER = Pattern.compile("\\bcredit\\b(?!\\s*\\.\\s*(loans|overdue|non_performing|outstanding)\\b)");

    private final ProductRule rule;
    private final IntFunction<List<String>> tiers;
    private final List<Field[]> reads = new ArrayList<>();
    private final List<Map<List<Object>, ProductRule.Met>> seen = new ArrayList<>();
    private long evaluations;
    /** A criterion whose inputs take more distinct values than this is evaluated each time (a memo that large saves little). */
    static final int MAX_MEMO = 200_000;

    WhiteListMemo(WhiteListRule rule, IntFunction<List<String>> tiers) {
        this.rule = rule.productRule();
        this.tiers = tiers;
        for (ProductRule.Criterion c : rule.criteria()) {
            reads.add(reads(c.condition()));
            seen.add(new HashMap<>());
        }
    }

    static Field[] reads(String condition) {
        List<Field> out = new ArrayList<>();
        boolean allPoints = POINTS_OTHER.matcher(condition).find(), allCredit = CREDIT_OTHER.matcher(condition).find();
        // whether the enterprise was scored at all: without points the points map is empty
        if (allPoints || condition.matches("(?s).*\\bpoints\\s*\\.\\s*(total|percentile|stage)\\b.*")) out.add(Field.SCORED);
        if (allPoints || condition.matches("(?s).*\\bpoints\\s*\\.\\s*total\\b.*")) out.add(Field.TOTAL);
        if (allPoints || condition.matches("(?s).*\\bpoints\\s*\\.\\s*percentile\\b.*")) out.add(Field.PERCENTILE);
        if (allPoints || condition.matches("(?s).*\\bpoints\\s*\\.\\s*stage\\b.*")) out.add(Field.STAGE);
        if (condition.matches("(?s).*\\btiers\\b.*")) out.add(Field.TIERS);
        if (condition.matches("(?s).*\\bqualified\\b.*")) out.add(Field.QUALIFIED);
        if (allCredit || condition.matches("(?s).*\\bcredit\\s*\\.\\s*loans\\b.*")) out.add(Field.LOANS);
        if (allCredit || condition.matches("(?s).*\\bcredit\\s*\\.\\s*overdue\\b.*")) out.add(Field.OVERDUE);
        if (allCredit || condition.matches("(?s).*\\bcredit\\s*\\.\\s*non_performing\\b.*")) out.add(Field.NPL);
        if (allCredit || condition.matches("(?s).*\\bcredit\\s*\\.\\s*outstanding\\b.*")) out.add(Field.OUTSTANDING);
        return out.toArray(Field[]::new);
    }

    private static Object value(Field f, Inputs in) {
        return switch (f) {
            case SCORED -> in.total() != null;
            case TOTAL -> in.total();
            case PERCENTILE -> in.total() == null ? null : in.percentile();
            case STAGE -> in.total() == null ? null : in.stage();
            case TIERS -> in.held();
            case QUALIFIED -> in.qualified();
            case LOANS -> in.loans();
            case OVERDUE -> in.overdue();
            case NPL -> in.npl();
            case OUTSTANDING -> in.outstanding();
        };
    }

    /** The named inputs of the rule's environment, as {@link WhiteListRule#input} builds them. */
    private Map<String, Object> input(Inputs in) {
        Map<String, Object> points = new HashMap<>(4);
        if (in.total() != null) {
            points.put("total", in.total());
            points.put("percentile", in.percentile());
            points.put("stage", in.stage());
        }
        Map<String, Object> credit = Map.of("loans", (double) in.loans(), "overdue", (double) in.overdue(),
                "non_performing", (double) in.npl(), "outstanding", in.outstanding());
        return WhiteListRule.input(points, tiers.apply(in.held()), tiers.apply(in.qualified()), credit);
    }

    WhiteListRule.Outcome evaluate(Inputs in) {
        int met = 0, unknown = 0;
        Map<String, Object> input = null;
        for (int i = 0; i < reads.size(); i++) {
            Field[] fs = reads.get(i);
            Object[] key = new Object[fs.length];
            for (int k = 0; k < fs.length; k++) key[k] = value(fs[k], in);
            List<Object> memoKey = Arrays.asList(key);
            ProductRule.Met m = seen.get(i).get(memoKey);
            if (m == null) {
                if (input == null) input = input(in);
                m = rule.met(i, input);
                evaluations++;
                if (seen.get(i).size() < MAX_MEMO) seen.get(i).put(memoKey, m);
            }
            if (m == ProductRule.Met.YES) met |= 1 << i;
            else if (m == ProductRule.Met.UNKNOWN) unknown |= 1 << i;
        }
        return new WhiteListRule.Outcome(met, unknown, reads.size());
    }

    /** CEL evaluations made (for the log: how much the memo saved). */
    long evaluations() {
        return evaluations;
    }
}
