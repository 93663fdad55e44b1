package org.innoladder.policy.web;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.innoladder.rules.Label;
import org.innoladder.rules.policy.FactNames;
import org.innoladder.rules.policy.Policy;
import org.innoladder.web.Figures;

/**
 * A policy's conditions and award formula in plain language for clerks: names become labels ("e.rd_expense" →
 * "研发费用", "p.cap" → "单个企业补助上限"), operators become signs and words ("&&" → "且", ">=" → "≥", min(a, b) →
 * "a 与 b 中较小者"), parameters show their values in their units. The CEL text stays in a details element.
 */
public final class PolicyWords {
    private static final Pattern NAME = Pattern.compile("(?<![\\w.])((?:e|y[1-4]|sum3|rec|tier|eval|points|p)\\.[a-z0-9_.]+|[a-z][a-z0-9_]*)(?![\\w(])");
    private static final Pattern MIN_MAX = Pattern.compile("\\b(min|max)\\(([^(),]+),\\s*([^(),]+)\\)");

    private PolicyWords() {
    }

    /** "{Y}年首次认定…" without a year: the year is the one matched ("当年" / "the year"). */
    public static String text(String text, Locale locale) {
        if (text == null) return "";
        boolean en = english(locale);
        return text.replace("{Y-1}年", en ? "the year before" : "上年").replace("{Y-2}年", en ? "two years before" : "前年")
                .replace("{Y}年", en ? "the year" : "当年")
                .replace("{Y-1}", en ? "the year before" : "上年").replace("{Y-2}", en ? "two years before" : "前年")
                .replace("{Y}", en ? "the year" : "当年");
    }

    /** A CEL condition or formula of {@code policy} in words. */
    public static String expression(String cel, Policy policy, Figures figures, Locale locale) {
        if (cel == null) return "";
        boolean en = english(locale);
        String s = cel.strip();
        Matcher mm = MIN_MAX.matcher(s);
        StringBuilder b = new StringBuilder();
        while (mm.find()) {
            String word = mm.group(1).equals("min") ? (en ? "the smaller of " : "") : (en ? "the larger of " : "");
            String tail = mm.group(1).equals("min") ? (en ? "" : "中较小者") : (en ? "" : "中较大者");
            mm.appendReplacement(b, Matcher.quoteReplacement(en ? word + mm.group(2).strip() + " and " + mm.group(3).strip()
                    : mm.group(2).strip() + " 与 " + mm.group(3).strip() + tail));
        }
        mm.appendTail(b);
        s = b.toString();
        Map<String, Policy.Parameter> params = policy.parameters();
        Matcher m = NAME.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (name.startsWith("p.") && params.containsKey(name.substring(2))) {
                Policy.Parameter p = params.get(name.substring(2));
                String label = p.label() == null ? p.name() : p.label().in(locale);
                String value = figures.value(p.value(), p.kind(), locale);
                replacement = english(locale) ? label + " (" + value + ")" : label + "（" + value + "）";
            } else if (policy.formulaText().containsKey(name)) {
                replacement = policy.formulaText().get(name).label().in(locale);
            } else if (name.contains(".")) {
                Label l = FactNames.label(name);
                replacement = l.in(locale);
            } else if (name.equals("true") || name.equals("false") || name.equals("and") || name.equals("or")) {
                replacement = name;
            } else {
                replacement = name;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString().replace("&&", en ? "and" : "且").replace("||", en ? "or" : "或")
                .replace(">=", "≥").replace("<=", "≤").replace("==", "=").replace("!=", "≠")
                .replace(" * ", " × ").replace(" / ", " ÷ ").replaceAll("!\\s*", en ? "not " : "非 ")
                .replaceAll("(\\d+)\\.0\\b", "$1");
    }

    private static boolean english(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }
}
