package org.innoladder.credit.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import org.innoladder.web.BadParameterException;

/**
 * The white list's rule (科技型企业白名单): named criteria in CEL over the facts {@link ProductRule#whiteList} declares.
 * An enterprise meeting every criterion is on the list, with the labels of the criteria as the reason; one meeting all
 * but one is a near miss, and that criterion is the gap. The outcome is kept as two bit masks over the criteria (met,
 * unknown), so 1,000,000 outcomes are stored as numbers and explained from the rule when shown.
 */
public final class WhiteListRule {
    /** Bits of an int mask, one per criterion. */
    public static final int MAX_CRITERIA = 16;
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    private final ProductRule rule;

    private WhiteListRule(ProductRule rule) {
        this.rule = rule;
    }

    public static WhiteListRule of(List<ProductRule.Criterion> criteria) {
        if (criteria.isEmpty() || criteria.size() > MAX_CRITERIA) {
            throw new BadParameterException("criteria", String.valueOf(criteria.size()), "白名单规则须有 1–" + MAX_CRITERIA + " 条条件",
                    "a white-list rule has 1 to " + MAX_CRITERIA + " criteria");
        }
        Set<String> ids = new HashSet<>();
        for (ProductRule.Criterion c : criteria) {
            if (c.id() == null || !ID.matcher(c.id()).matches()) {
                throw new BadParameterException("criteria.id", c.id(), "条件编号须为小写字母开头的字母、数字或下划线（至多 32 个）",
                        "a criterion id is a lower-case letter then letters, digits or underscores (at most 32)");
            }
            if (!ids.add(c.id())) {
                throw new BadParameterException("criteria.id", c.id(), "条件编号重复", "the criterion id appears twice");
            }
            if (blank(c.zh()) || blank(c.en()) || c.zh().length() > 200 || c.en().length() > 200) {
                throw new BadParameterException("criteria." + c.id(), c.zh() + " / " + c.en(), "须填写中英文说明（各 1–200 字）",
                        "give the Chinese and English label (1 to 200 characters each)");
            }
            if (blank(c.condition())) {
                throw new BadParameterException("criteria." + c.id(), "", "须填写 CEL 条件", "give the CEL condition");
            }
        }
        return new WhiteListRule(ProductRule.whiteList(criteria));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * The criteria as the form writes them, one a line: {@code id | 中文说明 | English label | CEL condition}. A line
     * that does not have four parts is refused with its number.
     */
    public static List<ProductRule.Criterion> parse(String text) {
        List<ProductRule.Criterion> out = new ArrayList<>();
        String[] lines = (text == null ? "" : text).split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] parts = line.split("\\|", 4);
            if (parts.length != 4) {
                throw new BadParameterException("criteria", line, "第 " + (i + 1) + " 行须为“编号 | 中文说明 | English label | CEL 条件”",
                        "line " + (i + 1) + " must read 'id | 中文说明 | English label | CEL condition'");
            }
            out.add(new ProductRule.Criterion(parts[0].strip(), parts[1].strip(), parts[2].strip(), parts[3].strip()));
        }
        return out;
    }

    /** The criteria back as form text. */
    public static String format(List<ProductRule.Criterion> criteria) {
        StringJoiner j = new StringJoiner("\n");
        for (ProductRule.Criterion c : criteria) j.add(c.id() + " | " + c.zh() + " | " + c.en() + " | " + c.condition());
        return j.toString();
    }

    public List<ProductRule.Criterion> criteria() {
        return rule.criteria();
    }

    ProductRule productRule() {
        return rule;
    }

    /** One enterprise's outcome: bit i of {@code met} (or {@code unknown}) is criterion i. */
    public record Outcome(int met, int unknown, int size) {
        public int unmetCount() {
            return size - Integer.bitCount(met);
        }

        public boolean listed() {
            return unmetCount() == 0;
        }

        public boolean near() {
            return unmetCount() == 1;
        }
    }

    /** The inputs of one enterprise, named as the criteria read them. */
    public static Map<String, Object> input(Map<String, Object> points, List<String> tiers, List<String> qualified,
                                            Map<String, Object> credit) {
        return Map.of("points", points, "tiers", tiers, "qualified", qualified, "credit", credit);
    }

    public Outcome evaluate(Map<String, Object> input) {
        List<ProductRule.Check> checks = rule.check(input).checks();
        int met = 0, unknown = 0;
        for (int i = 0; i < checks.size(); i++) {
            if (checks.get(i).met() == ProductRule.Met.YES) met |= 1 << i;
            else if (checks.get(i).met() == ProductRule.Met.UNKNOWN) unknown |= 1 << i;
        }
        return new Outcome(met, unknown, checks.size());
    }

    /** "符合：…；…" — the labels of the criteria met, in the rule's order (empty when none is). */
    public String reason(Outcome o, boolean zh) {
        StringJoiner j = new StringJoiner(zh ? "；" : "; ", zh ? "符合：" : "meets: ", "");
        j.setEmptyValue("");
        List<ProductRule.Criterion> cs = rule.criteria();
        for (int i = 0; i < cs.size(); i++) {
            if ((o.met() & (1 << i)) != 0) j.add(zh ? cs.get(i).zh() : cs.get(i).en());
        }
        return j.toString();
    }

    /** A near miss's gap: the one criterion not met, or the one that could not be judged for missing data. */
    public String gap(Outcome o, boolean zh) {
        if (!o.near()) return "";
        List<ProductRule.Criterion> cs = rule.criteria();
        for (int i = 0; i < cs.size(); i++) {
            if ((o.met() & (1 << i)) != 0) continue;
            String label = zh ? cs.get(i).zh() : cs.get(i).en();
            if ((o.unknown() & (1 << i)) != 0) return zh ? "缺少数据，无法判断：" + label : "data missing to judge: " + label;
            return zh ? "差一项：" + label : "one short: " + label;
        }
        return "";
    }
}
