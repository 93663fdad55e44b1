package org.innoladder.web;

/**
 * A request parameter broke a rule. Carries the parameter's name, the offending value and the rule in Chinese and
 * English, so pages and the REST API can both tell the caller exactly what to fix. The value is kept as the caller
 * may see it again: control characters escaped ({@code \u0000}) and cut after {@value #MAX_SHOWN} characters, so an
 * answer or a log line never carries a hostile megabyte or a forged line break.
 */
public class BadParameterException extends RuntimeException {
    private final String parameter;
    private final String value;
    private final String ruleZh;
    private final String ruleEn;

    static final int MAX_SHOWN = 100;

    public BadParameterException(String parameter, String value, String ruleZh, String ruleEn) {
        super("parameter '" + shown(parameter) + "' = '" + shown(value) + "': " + ruleEn);
        this.parameter = shown(parameter);
        this.value = shown(value);
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

    /** Printable and short: control characters as {@code \\uXXXX}, at most {@value #MAX_SHOWN} characters then "…". */
    static String shown(String text) {
        if (text == null) return null;
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_SHOWN + 8));
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            if (count++ == MAX_SHOWN) {
                b.append('…');
                break;
            }
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        }
        return b.toString();
    }
}
