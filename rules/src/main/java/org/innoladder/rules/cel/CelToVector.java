package org.innoladder.rules.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import org.innoladder.rules.facts.Column;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles type-checked CEL ASTs into instructions of one {@link VecProgram}: the column-at-a-time twin of
 * {@link CelToJava}, with the same subset, the same unknown semantics and the same constant folding of
 * parameters. Formulas are compiled once, on first reference, so every expression that names {@code f.x}
 * reads the same register; unreferenced formulas cost nothing.
 *
 * <p>Conditionals compute both branches over the block and select per row; that is safe because no
 * instruction can fail (a division by zero in the branch not taken yields a value nobody reads).
 */
public final class CelToVector {
    private final VecProgram.Builder b;
    private final Map<String, Object> parameters;
    private final Map<String, CelAbstractSyntaxTree> formulas;
    private final Map<String, Integer> compiledFormulas = new HashMap<>();

    /**
     * @param parameters parameter values by name without prefix: {@link Double} or {@code List<String>}
     * @param formulas   formula ASTs by name without prefix
     */
    public CelToVector(VecProgram.Builder b, Map<String, Object> parameters, Map<String, CelAbstractSyntaxTree> formulas) {
        this.b = b;
        this.parameters = parameters;
        this.formulas = formulas;
    }

    /** The register holding the expression's value (1/0/NaN for conditions). */
    public int compile(CelAbstractSyntaxTree ast) {
        return new Walk(ast).node(ast.getExpr());
    }

    private int formula(String name) {
        Integer r = compiledFormulas.get(name);
        if (r != null) return r;
        CelAbstractSyntaxTree ast = formulas.get(name);
        if (ast == null) throw new IllegalStateException("unknown formula f." + name);
        int out = compile(ast);
        compiledFormulas.put(name, out);
        return out;
    }

    private final class Walk {
        private final CelAbstractSyntaxTree ast;

        Walk(CelAbstractSyntaxTree ast) {
            this.ast = ast;
        }

        private CelKind kind(CelExpr e) {
            return ast.getTypeOrThrow(e.id()).kind();
        }

        int node(CelExpr e) {
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

        private int constant(CelConstant c) {
            switch (c.getKind()) {
                case DOUBLE_VALUE: return b.constant(c.doubleValue());
                case INT64_VALUE: return b.constant(c.int64Value());
                case BOOLEAN_VALUE: return b.constant(c.booleanValue() ? 1 : 0);
                case STRING_VALUE: return b.constant(StringPool.code(c.stringValue()));
                default: throw new UnsupportedOperationException("constant kind " + c.getKind());
            }
        }

        private int ident(String name, CelExpr e) {
            if (name.startsWith("p.")) {
                Object v = parameters.get(name.substring(2));
                if (v instanceof Double d) return b.constant(d);
                throw new UnsupportedOperationException("parameter " + name + " is not a number; use it with 'in'");
            }
            if (name.startsWith("f.")) return formula(name.substring(2));
            Column summed = FactSchema.sum3Column(name);
            if (summed != null) {
                int lb = b.slot(FactSchema.LOOKBACK_YEARS);
                int s0 = b.slot(FactSchema.slot(0, summed)), s1 = b.slot(FactSchema.slot(1, summed)),
                        s2 = b.slot(FactSchema.slot(2, summed));
                return b.add("sum3 " + lb + " " + s0 + " " + s1 + " " + s2, 1,
                        o -> new VecOp.Sum3(lb, s0, s1, s2, o[0]))[0];
            }
            int s = FactSchema.slotOf(name);
            if (s < 0) throw new IllegalStateException("unknown fact " + name);
            int r = b.slot(s);
            if (kind(e) == CelKind.BOOL) return b.add("truth " + r, 1, o -> new VecOp.Truth(r, o[0]))[0];
            return r;
        }

        private int call(CelExpr e) {
            String fn = e.call().function();
            List<CelExpr> args = e.call().args();
            if (e.call().target().isPresent()) throw new UnsupportedOperationException("member call " + fn);
            switch (fn) {
                case "_&&_": return logic(true, node(args.get(0)), node(args.get(1)));
                case "_||_": return logic(false, node(args.get(0)), node(args.get(1)));
                case "!_": {
                    int a = node(args.get(0));
                    Double k = b.constantOf(a);
                    if (k != null) return b.constant(1 - k);
                    return b.add("not " + a, 1, o -> new VecOp.Not(a, o[0]))[0];
                }
                case "_?_:_": return select(kind(e) == CelKind.BOOL, node(args.get(0)), node(args.get(1)), node(args.get(2)));
                case "_+_", "_-_", "_*_", "_/_":
                    if (kind(e) != CelKind.DOUBLE) {
                        throw new UnsupportedOperationException("integer arithmetic (write numbers as 1.0): " + fn);
                    }
                    return arith("+-*/".indexOf(fn.charAt(1)), node(args.get(0)), node(args.get(1)));
                case "-_": {
                    int a = node(args.get(0));
                    Double k = b.constantOf(a);
                    if (k != null) return b.constant(-k);
                    return b.add("neg " + a, 1, o -> new VecOp.Neg(a, o[0]))[0];
                }
                case "_<_", "_<=_", "_>_", "_>=_", "_==_", "_!=_": return compare(fn, args.get(0), args.get(1));
                case "@in": return in(node(args.get(0)), args.get(1));
                case "double": {
                    if (kind(args.get(0)) != CelKind.DOUBLE && kind(args.get(0)) != CelKind.INT) {
                        throw new UnsupportedOperationException("double() of " + kind(args.get(0)));
                    }
                    return node(args.get(0));
                }
                default: throw new UnsupportedOperationException("function not supported by the rule compiler: " + fn);
            }
        }

        private int logic(boolean and, int x, int y) {
            return and ? b.and(x, y) : b.or(x, y);
        }

        private int select(boolean truth, int c, int t, int o) {
            Double kc = b.constantOf(c);
            if (kc != null && (kc == 0 || kc == 1)) return kc == 1 ? t : o;
            return b.add("select " + c + " " + t + " " + o, 1, out -> new VecOp.Select(c, t, o, truth, out[0]))[0];
        }

        private int arith(int op, int x, int y) {
            Double kx = b.constantOf(x), ky = b.constantOf(y);
            if (kx != null && ky != null) return b.constant(VecOp.arith(op, kx, ky));
            if (ky != null) {
                double k = ky;
                return b.add("arithk " + op + " " + x + " " + Double.doubleToRawLongBits(k), 1,
                        o -> new VecOp.ArithK(op, x, k, false, o[0]))[0];
            }
            if (kx != null) {
                double k = kx;
                return b.add("karith " + op + " " + y + " " + Double.doubleToRawLongBits(k), 1,
                        o -> new VecOp.ArithK(op, y, k, true, o[0]))[0];
            }
            return b.add("arith " + op + " " + x + " " + y, 1, o -> new VecOp.Arith(op, x, y, o[0]))[0];
        }

        private int compare(String fn, CelExpr l, CelExpr r) {
            boolean bools = kind(l) == CelKind.BOOL;
            boolean equality = fn.equals("_==_") || fn.equals("_!=_");
            if (bools && !equality) throw new UnsupportedOperationException("ordering of booleans");
            if (kind(l) == CelKind.STRING && !equality) throw new UnsupportedOperationException("ordering of text");
            int x = node(l), y = node(r);
            if (bools) {
                boolean eq = fn.equals("_==_");
                Double kx = b.constantOf(x), ky = b.constantOf(y);
                if (kx != null && ky != null) {
                    return b.constant(kx == VecOp.UNKNOWN || ky == VecOp.UNKNOWN ? VecOp.UNKNOWN : (kx.equals(ky)) == eq ? 1 : 0);
                }
                return b.add("trutheq " + eq + " " + x + " " + y, 1, o -> new VecOp.TruthEq(eq, x, y, o[0]))[0];
            }
            int op = switch (fn) {
                case "_<_" -> VecOp.LT;
                case "_<=_" -> VecOp.LE;
                case "_>_" -> VecOp.GT;
                case "_>=_" -> VecOp.GE;
                case "_==_" -> VecOp.EQ;
                default -> VecOp.NE;
            };
            Double kx = b.constantOf(x), ky = b.constantOf(y);
            if (kx != null && ky != null) return b.constant(VecOp.compare(op, kx, ky));
            if (ky != null && !ky.isNaN()) {
                double k = ky;
                return b.add("cmpk " + op + " " + x + " " + Double.doubleToRawLongBits(k), 1,
                        o -> new VecOp.CmpK(op, x, k, o[0]))[0];
            }
            if (kx != null && !kx.isNaN()) {
                // k < x is x > k: turn the comparison round so the constant is on the right.
                int flipped = switch (op) {
                    case VecOp.LT -> VecOp.GT;
                    case VecOp.LE -> VecOp.GE;
                    case VecOp.GT -> VecOp.LT;
                    case VecOp.GE -> VecOp.LE;
                    default -> op;
                };
                double k = kx;
                return b.add("cmpk " + flipped + " " + y + " " + Double.doubleToRawLongBits(k), 1,
                        o -> new VecOp.CmpK(flipped, y, k, o[0]))[0];
            }
            return b.add("cmp " + op + " " + x + " " + y, 1, o -> new VecOp.Cmp(op, x, y, o[0]))[0];
        }

        private int in(int needle, CelExpr list) {
            double[] members;
            if (list.getKind() == CelExpr.ExprKind.Kind.LIST) {
                List<CelExpr> el = list.list().elements();
                members = new double[el.size()];
                for (int k = 0; k < el.size(); k++) {
                    Double c = b.constantOf(node(el.get(k)));
                    if (c == null) throw new UnsupportedOperationException("'in' needs a list of constants");
                    members[k] = c;
                }
            } else if (list.getKind() == CelExpr.ExprKind.Kind.IDENT) {
                members = ListParameters.members(ast, list, parameters);
            } else {
                throw new UnsupportedOperationException("'in' needs a list literal or a list parameter");
            }
            Double k = b.constantOf(needle);
            if (k != null && !k.isNaN()) {
                double x = k;
                return b.constant(Arrays.stream(members).anyMatch(m -> m == x) ? 1 : 0);
            }
            return b.add("in " + needle + " " + Arrays.toString(members), 1, o -> new VecOp.In(needle, members, o[0]))[0];
        }
    }
}
