package org.innoladder.policy.internal;

import org.innoladder.rules.policy.PolicyLoadException;
import org.innoladder.web.BadParameterException;

/**
 * A policy definition that does not load: a {@link BadParameterException} on the field the loader names (e.g.
 * "criterion 'rd' condition"), with the line and column, so pages and the API report it like any bad parameter.
 */
public class PolicyDefinitionException extends BadParameterException {
    private final int line;
    private final int column;

    public PolicyDefinitionException(PolicyLoadException e) {
        super(e.field() == null ? "definition" : e.field(), position(e),
                "政策定义未通过校验：" + e.getMessage(), "the policy definition does not check: " + e.getMessage());
        this.line = e.line();
        this.column = e.column();
    }

    private static String position(PolicyLoadException e) {
        return e.line() > 0 ? "第 " + e.line() + " 行第 " + e.column() + " 列 / line " + e.line() + ", column " + e.column() : "";
    }

    public int line() { return line; }

    public int column() { return column; }
}
