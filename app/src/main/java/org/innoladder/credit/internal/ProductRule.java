package org.innoladder.credit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import org.innoladder.web.BadParameterException;

/**
 * A product's eligibility: criteria in CEL over the facts a bank may read — {@code points.total},
 * {@code points.percentile} (0–100), {@code tiers} (the tiers held, e.g. {@code 'HNTE' in tiers}), and {@code e.<column>}
 * (the latest year's facts by data-dictionary key, numbers as doubles: {@code e.sales_revenue >= 20000000.0}).
 * All criteria met: the enterprise matches; all but one: it nearly matches, and the unmet criterion is the gap.
 * The white list's rule ({@link #whiteList}) is the same evaluation over its own facts: {@code points} (with
 * {@code points.stage}), {@code tiers} (recognitions in force on 31 December), {@code qualified} (tiers whose latest
 * evaluation is QUALIFIED) and {@code credit} (the loans banks reported: {@code credit.loans}, {@code credit.overdue},
 * {@code credit.non_performing}, {@code credit.outstanding} in yuan — numbers as doubles).
 */
public final class ProductRule {
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .addVar("points", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("e", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("tiers", ListType.create(SimpleType.STRING))
            .setResultType(SimpleType.BOOL).build();
    private static final CelCompiler WHITE_LIST = CelCompilerFactory.standardCelCompilerBuilder()
            .addVar("points", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("credit", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("tiers", ListType.create(SimpleType.STRING))
            .addVar("qualified", ListType.create(SimpleType.STRING))
            .setResultType(SimpleType.BOOL).build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    public record Criterion(String id, String zh, String en, String condition) {
    }

    public enum Met { YES, NO, UNKNOWN }

    public record Check(Criterion criterion, Met met) {
    }

    public record Verdict(List<Check> checks) {
        public List<Check> unmet() {
            return checks.stream().filter(c -> c.met() != Met.YES).toList();
        }

        public boolean matches() {
            return unmet().isEmpty();
        }

        public boolean near() {
            return unmet().size() == 1;
        }
    }

    private final List<Criterion> criteria;
    private final List<CelRuntime.Program> programs;

    private ProductRule(List<Criterion> criteria, List<CelRuntime.Program> programs) {
        this.criteria = criteria;
        this.programs = programs;
    }

    /** Compiles the criteria; a criterion that is not a boolean CEL expression over these facts is refused by name. */
    public static ProductRule of(List<Criterion> criteria) {
        return compile(COMPILER, "eligibility.", criteria);
    }

    /** The white list's criteria, compiled over the white list's facts (see the class comment). */
    public static ProductRule whiteList(List<Criterion> criteria) {
        return compile(WHITE_LIST, "criteria.", criteria);
    }

    private static ProductRule compile(CelCompiler compiler, String field, List<Criterion> criteria) {
        List<CelRuntime.Program> programs = new ArrayList<>();
        for (Criterion c : criteria) {
            try {
                CelAbstractSyntaxTree ast = compiler.compile(c.condition()).getAst();
                programs.add(RUNTIME.createProgram(ast));
            } catch (CelValidationException | CelEvaluationException e) {
                throw new BadParameterException(field + c.id(), c.condition(),
                        "不是有效的 CEL 条件：" + e.getMessage(), "not a valid CEL condition: " + e.getMessage());
            }
        }
        return new ProductRule(List.copyOf(criteria), programs);
    }

    public List<Criterion> criteria() { return criteria; }

    /** Where a product condition fails to compile (1-based line and column within the condition), and why. */
    public record Problem(int line, int column, String message) {
    }

    /** The first compile error of a product's condition, or null when it is a boolean CEL expression over its facts. */
    public static Problem problem(String condition) {
        try {
            COMPILER.compile(condition).getAst();
            return null;
        } catch (CelValidationException e) {
            if (e.getErrors().isEmpty()) return new Problem(1, 1, e.getMessage());
            CelIssue first = e.getErrors().get(0);
            return new Problem(Math.max(1, first.getSourceLocation().getLine()), Math.max(0, first.getSourceLocation().getColumn()) + 1,
                    first.getMessage());
        }
    }

    public Verdict check(Map<String, Object> points, Map<String, Object> facts, List<String> tiers) {
        return check(Map.of("points", points, "e", facts, "tiers", tiers));
    }

    /** Criterion i against the named inputs (UNKNOWN when a fact it reads is missing). */
    Met met(int i, Map<String, Object> input) {
        try {
            return Boolean.TRUE.equals(programs.get(i).eval(input)) ? Met.YES : Met.NO;
        } catch (CelEvaluationException e) {
            return Met.UNKNOWN;
        }
    }

    /** Each criterion against the named inputs of the rule's environment (a criterion that fails to evaluate is UNKNOWN). */
    public Verdict check(Map<String, Object> input) {
        List<Check> out = new ArrayList<>();
        for (int i = 0; i < criteria.size(); i++) {
            Met met;
            try {
                met = Boolean.TRUE.equals(programs.get(i).eval(input)) ? Met.YES : Met.NO;
            } catch (CelEvaluationException e) {
                // a fact the criterion reads is missing
                met = Met.UNKNOWN;
            }
            out.add(new Check(criteria.get(i), met));
        }
        return new Verdict(out);
    }
}
