package org.innoladder.web;

/**
 * A request parameter broke a rule. Carries the parameter's name, the offending value and the rule in Chinese and
 * English, so pages and the REST API can both tell the caller exactly what to fix.
 */
public class BadParameterException extends RuntimeException {
    private final String parameter;
    private final String value;
    private final String ruleZh;
    private final String ruleEn;

    public BadParameterException(String parameter, String value, String ruleZh, String ruleEn) {
        super("parameter '" + parameter + "' = '" + value + "': " + ruleEn);
        this.parameter = parameter;
        this.value = value;
        this.ruleZh = ruleZh;
        this.ruleEn = ruleEn;
    }

    public String parameter() { return parameter; }

    public String value() { return value; }

    public String ruleZh() { return ruleZh; }

    public String ruleEn() { return ruleEn; }

    /** "参数 size 的值“500”不符合规则：…" */
    public String messageZh() {
        return "参数 " + parameter + " 的值“" + value + "”不符合规则：" + ruleZh;
    }

    /** "Parameter 'size' = '500': …" */
    public String messageEn() {
        return "Parameter '" + parameter + "' = '" + value + "': " + ruleEn;
    }
}
