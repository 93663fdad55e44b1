package org.innoladder.rules.cel;

import java.util.List;
import java.util.Map;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;

/** The members of a list parameter used on the right of {@code in}, as the numbers both compilers compare with. */
final class ListParameters {
    private ListParameters() {
    }

    /** {@code p.<name>} resolved to its values: text as its string-pool code, numbers as doubles. */
    static double[] members(CelAbstractSyntaxTree ast, CelExpr list, Map<String, Object> parameters) {
        String name = ast.getReference(list.id()).map(r -> r.name()).orElse(list.ident().name());
        Object v = name.startsWith("p.") ? parameters.get(name.substring(2)) : null;
        if (!(v instanceof List<?> values)) throw new UnsupportedOperationException("'in' needs a list parameter: " + name);
        double[] members = new double[values.size()];
        for (int k = 0; k < values.size(); k++) {
            Object m = values.get(k);
            members[k] = m instanceof String s ? StringPool.code(s) : ((Number) m).doubleValue();
        }
        return members;
    }
}
