package org.innoladder.rules.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import org.innoladder.rules.facts.Column;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a type-checked CEL AST into Java closures ({@link NumNode} / {@link BoolNode}) so that batch
 * evaluation runs at near hand-written speed instead of interpreting the tree per row.
 *
 * <p>Unknown facts follow the CEL runtime's own unknown semantics: they propagate through arithmetic,
 * comparisons and conditionals, and {@code &&}/{@code ||} absorb them when the other side decides
 * (Kleene logic). Parameters ({@code p.*}) are folded in as constants, formulas ({@code f.*}) are inlined.
 * Only the subset of CEL the rulesets need is supported; anything else is rejected at load time so that
 * the compiled and the interpreted path can never silently disagree.
 */
public final class CelToJava {
    private final CelAbstractSyntaxTree ast;
    private final Map<String, Object> parameters;
    private final Map<String, Object> formulas;
    private final Set<Integer> usedSlots;
    private final Map<String, Integer> extraSlots;

    /**
     * @param parameters parameter values by name without prefix: {@link Double} or {@code List<String>}
     * @param formulas   already compiled formulas by name without prefix
     * @param usedSlots  receives every frame slot the expression reads
     */
    public CelToJava(CelAbstractSyntaxTree ast, Map<String, Object> parameters, Map<String, Object> formulas,
                     Set<Integer> usedSlots) {
        this(ast, parameters, formulas, usedSlots, Map.of());
    }

    /**
     * The same with further facts beyond the {@link FactSchema} ones (a policy's context: recognitions, tiers,
     * evaluation outcomes, points), each at its own frame slot, and formulas also named without the {@code f.}
     * prefix (a policy's named formulas).
     */
    public CelToJava(CelAbstractSyntaxTree ast, Map<String, Object> parameters, Map<String, Object> formulas,
                     Set<Integer> usedSlots, Map<String, Integer> extraSlots) {
        this.ast = ast;
        this.parameters = parameters;
        this.formulas = formulas;
        this.usedSlots = usedSlots;
        this.extraSlots = extraSlots;
    }

    /** The compiled expression: a {@link BoolNode} for bool results, else a {@link NumNode}. */
    public Object compile() {
        return node(ast.getExpr());
    }

    private CelKind kind(CelExpr e) {
        return ast.getTypeOrThrow(e.id()).kind();
    }

    private Object node(CelExpr e) {
        switch (e.getKind()) {
            case CONSTANT:
                return constant(e.constant());
            case IDENT:
                return ident(ast.getReference(e.id()).map(r -> r.name()).orElse(e.ident().name()), e);
            case CALL:
                return call(e);
            default:
                throw new UnsupportedOperationException("not supported by the rule compiler: " + e.getKind());
        }
    }

    private static Object constant(CelConstant c) {
        switch (c.getKind()) {
            case DOUBLE_VALUE: return konst(c.doubleValue());
            case INT64_VALUE: return konst(c.int64Value());
            case BOOLEAN_VALUE: {
                int b = c.booleanValue() ? BoolNode.TRUE : BoolNode.FALSE;
                return (BoolNode) (f, i) -> b;
            }
            case STRING_VALUE: return konst(StringPool.code(c.stringValue()));
            default: throw new UnsupportedOperationException("constant kind " + c.getKind());
        }
    }

    /** A constant number, recognisable so that comparisons against it can be specialised. */
    static final class Const implements NumNode {
        final double v;

        Const(double v) { this.v = v; }

        @Override
        public double eval(double[][] frame, int row) { return v; }
    }

    private static NumNode konst(double v) { return new Const(v); }

    /** Reads one slot; recognisable so that comparisons of a fact against a constant can be specialised. */
    static final class Slot implements NumNode {
        final int s;

        Slot(int s) { this.s = s; }

        @Override
        public double eval(double[][] frame, int row) { return frame[s][row]; }
    }

    private Object ident(String name, CelExpr e) {
        if (name.startsWith("p.")) {
            Object v = parameters.get(name.substring(2));
            if (v instanceof Double d) return konst(d);
            throw new UnsupportedOperationException("parameter " + name + " is not a number; use it with 'in'");
        }
        if (name.startsWith("f.")) {
            Object n = formulas.get(name.substring(2));
            if (n == null) throw new IllegalStateException("formula not compiled yet: " + name);
            return n;
        }
        if (name.indexOf('.') < 0 && formulas.get(name) != null) return formulas.get(name);
        Column summed = FactSchema.sum3Column(name);
        if (summed != null) return sum3(summed);
        Integer extra = extraSlots.get(name);
        int s = extra != null ? extra : FactSchema.slotOf(name);
        if (s < 0) throw new IllegalStateException("unknown fact " + name);
        usedSlots.add(s);
        if (kind(e) == CelKind.BOOL) {
            return (BoolNode) (f, i) -> {
                double v = f[s][i];
                return v != v ? BoolNode.UNKNOWN : v != 0 ? BoolNode.TRUE : BoolNode.FALSE;
            };
        }
        return new Slot(s);
    }

    private NumNode sum3(Column c) {
        int s0 = FactSchema.slot(0, c), s1 = FactSchema.slot(1, c), s2 = FactSchema.slot(2, c);
        int lb = FactSchema.LOOKBACK_YEARS;
        usedSlots.addAll(List.of(s0, s1, s2, lb));
        return (f, i) -> {
            double n = f[lb][i];
            if (n != n) return Double.NaN;
            double sum = 0;
            if (n >= 1) sum += f[s0][i];
            if (n >= 2) sum += f[s1][i];
            if (n >= 3) sum += f[s2][i];
            return sum;
        };
    }

    private Object call(CelExpr e) {
        String fn = e.call().function();
        List<CelExpr> args = e.call().args();
        if (e.call().target().isPresent()) throw new UnsupportedOperationException("member call " + fn);
        switch (fn) {
            case "_&&_": return and(bool(args.get(0)), bool(args.get(1)));
            case "_||_": return or(bool(args.get(0)), bool(args.get(1)));
            case "!_": {
                BoolNode a = bool(args.get(0));
                return (BoolNode) (f, i) -> {
                    int v = a.eval(f, i);
                    return v < 0 ? v : 1 - v;
                };
            }
            case "_?_:_": return conditional(e, bool(args.get(0)), node(args.get(1)), node(args.get(2)));
            case "_+_", "_-_", "_*_", "_/_":
                if (kind(e) != CelKind.DOUBLE) {
                    throw new UnsupportedOperationException("integer arithmetic (write numbers as 1.0): " + fn);
                }
                return arith(fn.charAt(1), num(args.get(0)), num(args.get(1)));
            case "-_": {
                NumNode a = num(args.get(0));
                return (NumNode) (f, i) -> -a.eval(f, i);
            }
            case "_<_", "_<=_", "_>_", "_>=_", "_==_", "_!=_": return compare(fn, args.get(0), args.get(1));
            case "@in": return in(num(args.get(0)), args.get(1));
            case "double": {
                if (kind(args.get(0)) != CelKind.DOUBLE && kind(args.get(0)) != CelKind.INT) {
                    throw new UnsupportedOperationException("double() of " + kind(args.get(0)));
                }
                return num(args.get(0));
            }
            case "min", "max": {
                // Declared only for policies' award formulas (min(0.1 * rd_increase, p.cap)); unknown stays unknown.
                NumNode a = num(args.get(0)), b = num(args.get(1));
                boolean min = fn.equals("min");
                return (NumNode) (f, i) -> {
                    double x = a.eval(f, i), y = b.eval(f, i);
                    if (x != x || y != y) return Double.NaN;
                    return min ? Math.min(x, y) : Math.max(x, y);
                };
            }
            default: throw new UnsupportedOperationException("function not supported by the rule compiler: " + fn);
        }
    }

    private BoolNode bool(CelExpr e) {
        Object n = node(e);
        if (n instanceof BoolNode b) return b;
        throw new IllegalStateException("expected a condition: " + e);
    }

    private NumNode num(CelExpr e) {
        Object n = node(e);
        if (n instanceof NumNode x) return x;
        throw new IllegalStateException("expected a number: " + e);
    }

    private static BoolNode and(BoolNode a, BoolNode b) {
        return (f, i) -> {
            int x = a.eval(f, i);
            if (x == BoolNode.FALSE) return BoolNode.FALSE;
            int y = b.eval(f, i);
            if (y == BoolNode.FALSE) return BoolNode.FALSE;
            return x < 0 || y < 0 ? BoolNode.UNKNOWN : BoolNode.TRUE;
        };
    }

    private static BoolNode or(BoolNode a, BoolNode b) {
        return (f, i) -> {
            int x = a.eval(f, i);
            if (x == BoolNode.TRUE) return BoolNode.TRUE;
            int y = b.eval(f, i);
            if (y == BoolNode.TRUE) return BoolNode.TRUE;
            return x < 0 || y < 0 ? BoolNode.UNKNOWN : BoolNode.FALSE;
        };
    }

    private Object conditional(CelExpr e, BoolNode c, Object t, Object o) {
        if (kind(e) == CelKind.BOOL) {
            BoolNode bt = (BoolNode) t, bo = (BoolNode) o;
            return (BoolNode) (f, i) -> {
                int v = c.eval(f, i);
                return v < 0 ? BoolNode.UNKNOWN : v == BoolNode.TRUE ? bt.eval(f, i) : bo.eval(f, i);
            };
        }
        NumNode nt = (NumNode) t, no = (NumNode) o;
        return (NumNode) (f, i) -> {
            int v = c.eval(f, i);
            return v < 0 ? Double.NaN : v == BoolNode.TRUE ? nt.eval(f, i) : no.eval(f, i);
        };
    }

    private static NumNode arith(char op, NumNode a, NumNode b) {
        if (a instanceof Const ca && b instanceof Const cb) {
            return konst(apply(op, ca.v, cb.v));
        }
        return switch (op) {
            case '+' -> (f, i) -> a.eval(f, i) + b.eval(f, i);
            case '-' -> (f, i) -> a.eval(f, i) - b.eval(f, i);
            case '*' -> (f, i) -> a.eval(f, i) * b.eval(f, i);
            default -> (f, i) -> a.eval(f, i) / b.eval(f, i);
        };
    }

    private static double apply(char op, double x, double y) {
        return switch (op) {
            case '+' -> x + y;
            case '-' -> x - y;
            case '*' -> x * y;
            default -> x / y;
        };
    }

    private Object compare(String fn, CelExpr l, CelExpr r) {
        if (kind(l) == CelKind.BOOL) {
            BoolNode a = bool(l), b = bool(r);
            boolean eq = fn.equals("_==_");
            if (!eq && !fn.equals("_!=_")) throw new UnsupportedOperationException("ordering of booleans");
            return (BoolNode) (f, i) -> {
                int x = a.eval(f, i), y = b.eval(f, i);
                if (x < 0 || y < 0) return BoolNode.UNKNOWN;
                return (x == y) == eq ? BoolNode.TRUE : BoolNode.FALSE;
            };
        }
        NumNode a = num(l), b = num(r);
        if (kind(l) == CelKind.STRING && !fn.equals("_==_") && !fn.equals("_!=_")) {
            throw new UnsupportedOperationException("ordering of text");
        }
        int op = switch (fn) {
            case "_<_" -> 0;
            case "_<=_" -> 1;
            case "_>_" -> 2;
            case "_>=_" -> 3;
            case "_==_" -> 4;
            default -> 5;
        };
        if (a instanceof Slot sa && b instanceof Const cb) {
            int s = sa.s;
            double k = cb.v;
            return (BoolNode) (f, i) -> cmp(op, f[s][i], k);
        }
        if (b instanceof Const cb) {
            double k = cb.v;
            return (BoolNode) (f, i) -> cmp(op, a.eval(f, i), k);
        }
        return (BoolNode) (f, i) -> cmp(op, a.eval(f, i), b.eval(f, i));
    }

    private static int cmp(int op, double x, double y) {
        if (x != x || y != y) return BoolNode.UNKNOWN;
        boolean r = switch (op) {
            case 0 -> x < y;
            case 1 -> x <= y;
            case 2 -> x > y;
            case 3 -> x >= y;
            case 4 -> x == y;
            default -> x != y;
        };
        return r ? BoolNode.TRUE : BoolNode.FALSE;
    }

    private Object in(NumNode needle, CelExpr list) {
        double[] members;
        if (list.getKind() == CelExpr.ExprKind.Kind.LIST) {
            List<CelExpr> el = list.list().elements();
            members = new double[el.size()];
            for (int k = 0; k < el.size(); k++) {
                if (!(node(el.get(k)) instanceof Const c)) {
                    throw new UnsupportedOperationException("'in' needs a list of constants");
                }
                members[k] = c.v;
            }
        } else if (list.getKind() == CelExpr.ExprKind.Kind.IDENT) {
            members = ListParameters.members(ast, list, parameters);
        } else {
            throw new UnsupportedOperationException("'in' needs a list literal or a list parameter");
        }
        return (BoolNode) (f, i) -> {
            double x = needle.eval(f, i);
            if (x != x) return BoolNode.UNKNOWN;
            for (double m : members) {
                if (m == x) return BoolNode.TRUE;
            }
            return BoolNode.FALSE;
        };
    }
}
