package org.innoladder.policy.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.innoladder.rules.Label;
import org.innoladder.rules.Unit;
import org.innoladder.rules.policy.FactNames;
import org.innoladder.rules.policy.Policy;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.Figures;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A policy as a clerk edits it: its fields, conditions picked from the facts ("研发费用 ≥ 100 万元"), parameters with
 * their units, and the award as a fixed amount or a capped share of a fact. It becomes the same YAML definition the
 * advanced view edits, and is saved through the same check ({@link PolicyCatalogue#save}), so both validate alike.
 * What the form cannot express (a condition over two facts, a custom decision, formulas, levers) is carried over
 * unchanged and listed read-only.
 *
 * <p>Amounts are entered in 万元 and ratios in percent; the definition keeps yuan and fractions.
 */
public final class PolicyForm {
    public enum Op {
        GE(">=", "≥", "at least"), GT(">", ">", "above"), LE("<=", "≤", "at most"), LT("<", "<", "below"),
        EQ("==", "=", "equal to"), NE("!=", "≠", "not"), YES("", "是", "yes"), NO("!", "否", "no");

        final String cel;
        final String sign;
        final String words;

        Op(String cel, String sign, String words) {
            this.cel = cel;
            this.sign = sign;
            this.words = words;
        }

        public String sign() { return sign; }
    }

    /** A condition built from a fact: {@code fact op value}; {@code param} the parameter holding the value, if any. */
    public record Condition(String id, String fact, Op op, String value, String param, String zh, String en, String levers) {
    }

    /** A condition the form cannot edit: kept as it is (its text and CEL are shown). */
    public record Kept(String id, String zh, String en, String condition, String levers) {
    }

    public record Param(String name, String zh, String en, String value, String unit, String note) {
    }

    public enum AwardKind { FIXED, SHARE, KEPT }

    public String code = "";
    public String titleZh = "", titleEn = "", issuer = "", documentNo = "", clause = "", periodFrom = "", periodTo = "";
    public String targetGroup = "", mode = "AUTOMATIC", budgetWan = "", contact = "", handbook = "", source = "";
    public boolean example;
    public List<Condition> conditions = new ArrayList<>();
    public List<Kept> kept = new ArrayList<>();
    public List<Param> params = new ArrayList<>();
    public AwardKind awardKind = AwardKind.FIXED;
    public String awardAmountWan = "", awardRatePct = "", awardFact = "e.rd_expense", awardCapWan = "", awardExpr = "";
    /** formulas, levers, decision and near of the definition, as YAML, carried through unchanged. */
    public String carried = "";
    /** The criteria ids in the definition's order, so that a round trip keeps it (new conditions come last). */
    public String order = "";

    private static final Pattern SIMPLE = Pattern.compile("^\\s*([a-z0-9_.]+)\\s*(>=|<=|==|!=|>|<)\\s*(p\\.[a-z0-9_]+|-?[0-9]+(?:\\.[0-9]+)?)\\s*$");
    private static final Pattern BOOL = Pattern.compile("^\\s*(!?)\\s*([a-z0-9_.]+)\\s*$");
    private static final Pattern FIXED = Pattern.compile("^\\s*p\\.([a-z0-9_]+)\\s*$");
    private static final Pattern SHARE = Pattern.compile("^\\s*min\\(\\s*p\\.([a-z0-9_]+)\\s*\\*\\s*([a-z0-9_.]+)\\s*,\\s*p\\.([a-z0-9_]+)\\s*\\)\\s*$");

    /** The facts a condition may be built from, by name. */
    public static Map<String, FactNames.Fact> facts() {
        Map<String, FactNames.Fact> out = new LinkedHashMap<>();
        for (FactNames.Fact f : FactNames.pickable()) {
            if (f.kind() != FactNames.Kind.TEXT) out.put(f.name(), f);
        }
        return out;
    }

    /** A new policy: one empty condition and a fixed award. */
    public static PolicyForm blank() {
        PolicyForm f = new PolicyForm();
        f.conditions.add(new Condition("", "e.rd_expense", Op.GE, "", "", "", "", ""));
        return f;
    }

    /** The form of a stored definition: what it can edit, and the rest carried. */
    @SuppressWarnings("unchecked")
    public static PolicyForm of(Policy p) {
        PolicyForm f = new PolicyForm();
        f.code = p.code();
        f.titleZh = p.title().zh();
        f.titleEn = nz(p.title().en());
        f.issuer = p.issuer();
        f.documentNo = p.documentNo();
        f.clause = nz(p.clause());
        f.periodFrom = p.periodStart().toString();
        f.periodTo = p.periodEnd().toString();
        f.targetGroup = p.targetGroup();
        f.mode = p.mode().name();
        f.budgetWan = plain(p.budget().divide(BigDecimal.valueOf(10_000)));
        f.contact = nz(p.contact());
        f.handbook = nz(p.handbook());
        f.source = nz(p.source());
        f.example = p.example();
        Map<String, FactNames.Fact> facts = facts();
        Set<String> bound = new TreeSet<>();
        f.order = p.criteria().stream().map(Policy.Criterion::id).collect(Collectors.joining(","));
        for (Policy.Criterion c : p.criteria()) {
            String levers = String.join(",", c.levers());
            Matcher m = SIMPLE.matcher(c.condition());
            Matcher b = BOOL.matcher(c.condition());
            if (m.matches() && facts.containsKey(m.group(1)) && facts.get(m.group(1)).kind() == FactNames.Kind.NUMBER) {
                Op op = ofCel(m.group(2));
                String rhs = m.group(3);
                Unit unit = facts.get(m.group(1)).unit();
                if (rhs.startsWith("p.")) {
                    Policy.Parameter par = p.parameters().get(rhs.substring(2));
                    if (par == null || !par.numeric()) {
                        f.kept.add(new Kept(c.id(), c.text().zh(), c.text().en(), c.condition(), levers));
                        continue;
                    }
                    bound.add(par.name());
                    f.conditions.add(new Condition(c.id(), m.group(1), op, display((Double) par.value(), unit), par.name(),
                            c.text().zh(), c.text().en(), levers));
                } else {
                    f.conditions.add(new Condition(c.id(), m.group(1), op, display(Double.parseDouble(rhs), unit), "",
                            c.text().zh(), c.text().en(), levers));
                }
            } else if (b.matches() && facts.containsKey(b.group(2)) && facts.get(b.group(2)).kind() == FactNames.Kind.BOOL) {
                f.conditions.add(new Condition(c.id(), b.group(2), b.group(1).isEmpty() ? Op.YES : Op.NO, "", "",
                        c.text().zh(), c.text().en(), levers));
            } else {
                f.kept.add(new Kept(c.id(), c.text().zh(), c.text().en(), c.condition(), levers));
            }
        }
        Matcher fixed = FIXED.matcher(p.award()), share = SHARE.matcher(p.award());
        if (fixed.matches() && p.parameters().containsKey(fixed.group(1)) && p.parameters().get(fixed.group(1)).numeric()) {
            f.awardKind = AwardKind.FIXED;
            f.awardAmountWan = display((Double) p.parameters().get(fixed.group(1)).value(), Unit.YUAN);
            bound.add(fixed.group(1));
        } else if (share.matches() && p.parameters().containsKey(share.group(1)) && p.parameters().containsKey(share.group(3))
                && facts.containsKey(share.group(2))) {
            f.awardKind = AwardKind.SHARE;
            f.awardRatePct = display((Double) p.parameters().get(share.group(1)).value(), Unit.RATIO);
            f.awardFact = share.group(2);
            f.awardCapWan = display((Double) p.parameters().get(share.group(3)).value(), Unit.YUAN);
            bound.add(share.group(1));
            bound.add(share.group(3));
        } else {
            f.awardKind = AwardKind.KEPT;
            f.awardExpr = p.award();
        }
        for (Policy.Parameter par : p.parameters().values()) {
            if (bound.contains(par.name())) continue;
            String value = par.numeric() ? display((Double) par.value(), par.kind())
                    : String.join(",", (List<String>) par.value());
            f.params.add(new Param(par.name(), par.label() == null ? "" : par.label().zh(), par.label() == null ? "" : nz(par.label().en()),
                    value, par.kind().code(), nz(par.note())));
        }
        Map<String, Object> doc = new Yaml().load(p.yaml());
        Map<String, Object> rest = new LinkedHashMap<>();
        for (String k : List.of("near", "formulas", "levers", "decision")) {
            if (doc.get(k) != null) rest.put(k, doc.get(k));
        }
        if (!rest.isEmpty()) {
            DumperOptions o = new DumperOptions();
            o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            o.setAllowUnicode(true);
            o.setWidth(120);
            f.carried = new Yaml(o).dump(rest);
        }
        return f;
    }

    /** The form as the request sent it: fields by name, rows as repeated fields of the same name, in order. */
    public static PolicyForm of(Map<String, String[]> request) {
        PolicyForm f = new PolicyForm();
        f.code = one(request, "code");
        f.titleZh = one(request, "titleZh");
        f.titleEn = one(request, "titleEn");
        f.issuer = one(request, "issuer");
        f.documentNo = one(request, "documentNo");
        f.clause = one(request, "clause");
        f.periodFrom = one(request, "periodFrom");
        f.periodTo = one(request, "periodTo");
        f.targetGroup = one(request, "targetGroup");
        f.mode = one(request, "mode").isEmpty() ? "AUTOMATIC" : one(request, "mode");
        f.budgetWan = one(request, "budgetWan");
        f.contact = one(request, "contact");
        f.handbook = one(request, "handbook");
        f.source = one(request, "source");
        f.example = "true".equals(one(request, "example"));
        f.carried = one(request, "carried");
        f.order = one(request, "order");
        String[] fact = many(request, "cond.fact"), op = many(request, "cond.op"), value = many(request, "cond.value"),
                id = many(request, "cond.id"), param = many(request, "cond.param"), zh = many(request, "cond.zh"),
                en = many(request, "cond.en"), levers = many(request, "cond.levers"), remove = many(request, "cond.remove");
        for (int i = 0; i < fact.length; i++) {
            if (at(remove, i).equals("true") || at(fact, i).isEmpty()) continue;
            Op o;
            try {
                o = Op.valueOf(at(op, i).isEmpty() ? "GE" : at(op, i));
            } catch (IllegalArgumentException e) {
                throw new BadParameterException("cond.op", at(op, i), "须为 ≥、>、≤、<、=、≠、是、否 之一", "must be one of ≥ > ≤ < = ≠ yes no");
            }
            f.conditions.add(new Condition(at(id, i), at(fact, i), o, at(value, i), at(param, i), at(zh, i), at(en, i), at(levers, i)));
        }
        String[] kid = many(request, "kept.id"), kzh = many(request, "kept.zh"), ken = many(request, "kept.en"),
                kcond = many(request, "kept.condition"), klev = many(request, "kept.levers"), kremove = many(request, "kept.remove");
        for (int i = 0; i < kid.length; i++) {
            if (at(kremove, i).equals("true")) continue;
            f.kept.add(new Kept(at(kid, i), at(kzh, i), at(ken, i), at(kcond, i), at(klev, i)));
        }
        String[] pname = many(request, "param.name"), pzh = many(request, "param.zh"), pen = many(request, "param.en"),
                pvalue = many(request, "param.value"), punit = many(request, "param.unit"), pnote = many(request, "param.note");
        for (int i = 0; i < pzh.length; i++) {
            if (at(pzh, i).isEmpty() && at(pvalue, i).isEmpty()) continue;
            f.params.add(new Param(at(pname, i), at(pzh, i), at(pen, i), at(pvalue, i), at(punit, i), at(pnote, i)));
        }
        try {
            f.awardKind = AwardKind.valueOf(one(request, "awardKind").isEmpty() ? "FIXED" : one(request, "awardKind"));
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("awardKind", one(request, "awardKind"), "须为 FIXED、SHARE 或 KEPT", "must be FIXED, SHARE or KEPT");
        }
        f.awardAmountWan = one(request, "awardAmountWan");
        f.awardRatePct = one(request, "awardRatePct");
        f.awardFact = one(request, "awardFact");
        f.awardCapWan = one(request, "awardCapWan");
        f.awardExpr = one(request, "awardExpr");
        return f;
    }

    // ---- to the definition --------------------------------------------------------------------------------

    /**
     * The YAML definition. Field mistakes a clerk can make are refused here in words, naming the field; the rest is
     * the loader's to check (the same check as the advanced view).
     */
    public String toYaml() {
        Map<String, FactNames.Fact> facts = facts();
        StringBuilder y = new StringBuilder();
        require("code", code, "政策编码不能为空", "the code is required");
        require("titleZh", titleZh, "中文名称不能为空", "the Chinese title is required");
        require("issuer", issuer, "发文单位不能为空", "the issuer is required");
        require("documentNo", documentNo, "文号不能为空", "the document number is required");
        require("periodFrom", periodFrom, "执行期开始日期不能为空", "the start date is required");
        require("periodTo", periodTo, "执行期结束日期不能为空", "the end date is required");
        require("targetGroup", targetGroup, "适用对象不能为空", "the target group is required");
        y.append("code: ").append(q(code)).append('\n');
        y.append("title: {zh: ").append(q(titleZh)).append(titleEn.isBlank() ? "" : ", en: " + q(titleEn)).append("}\n");
        y.append("issuer: ").append(q(issuer)).append('\n');
        y.append("document_no: ").append(q(documentNo)).append('\n');
        if (!clause.isBlank()) y.append("clause: ").append(q(clause)).append('\n');
        if (!source.isBlank()) y.append("source: ").append(q(source)).append('\n');
        if (example) y.append("example: true\n");
        y.append("period: {from: ").append(periodFrom.strip()).append(", to: ").append(periodTo.strip()).append("}\n");
        y.append("target_group: ").append(q(targetGroup)).append('\n');
        y.append("mode: ").append(mode.equals("APPLICATION") ? "APPLICATION" : "AUTOMATIC").append('\n');
        y.append("budget: ").append(plain(number("budgetWan", budgetWan).multiply(BigDecimal.valueOf(10_000)))).append('\n');
        if (!contact.isBlank()) y.append("contact: ").append(q(contact)).append('\n');
        if (!handbook.isBlank()) y.append("handbook: ").append(q(handbook)).append('\n');

        StringBuilder pyaml = new StringBuilder();
        Map<String, String> criteriaById = new LinkedHashMap<>();
        Set<String> ids = new TreeSet<>();
        conditions.forEach(c -> { if (!c.id().isBlank()) ids.add(c.id()); });
        kept.forEach(k -> ids.add(k.id()));
        int n = 0, pn = 0;
        Set<String> paramNames = new TreeSet<>();
        params.forEach(p -> { if (!p.name().isBlank()) paramNames.add(p.name()); });
        conditions.forEach(c -> { if (!c.param().isBlank()) paramNames.add(c.param()); });
        for (Condition c : conditions) {
            FactNames.Fact fact = facts.get(c.fact());
            if (fact == null) throw new BadParameterException("cond.fact", c.fact(), "请从列表中选择数据项", "pick a fact from the list");
            String id = c.id().isBlank() ? fresh("c", ++n, ids) : c.id();
            String condition;
            Label words;
            if (fact.kind() == FactNames.Kind.BOOL) {
                Op op = c.op() == Op.NO ? Op.NO : Op.YES;
                condition = (op == Op.NO ? "!" : "") + c.fact();
                words = op == Op.NO ? new Label(fact.label().zh() + "：否", fact.label().en() + ": no") : fact.label();
            } else {
                if (c.op() == Op.YES || c.op() == Op.NO) {
                    throw new BadParameterException("cond.op", c.op().sign, "数值条件请选择 ≥、>、≤、<、=、≠", "a number needs ≥ > ≤ < = ≠");
                }
                BigDecimal v = stored(number("cond.value", c.value()), fact.unit());
                String param = c.param().isBlank() ? id + "_value" : c.param();
                pyaml.append("  ").append(param).append(": {label: {zh: ").append(q(fact.label().zh() + "（条件）"))
                        .append(", en: ").append(q(fact.label().en() + " (condition)")).append("}, value: ").append(plain(v))
                        .append(", unit: ").append(fact.unit().code()).append("}\n");
                condition = c.fact() + " " + c.op().cel + " p." + param;
                words = new Label(fact.label().zh() + " " + c.op().sign + " " + c.value().strip() + unitWord(fact.unit(), false),
                        fact.label().en() + " " + c.op().sign + " " + c.value().strip() + unitWord(fact.unit(), true));
            }
            StringBuilder criterion = new StringBuilder("  - id: ").append(id).append('\n')
                    .append("    text: {zh: ").append(q(c.zh().isBlank() ? words.zh() : c.zh())).append(", en: ")
                    .append(q(c.en().isBlank() ? words.en() : c.en())).append("}\n")
                    .append("    condition: ").append(q(condition)).append('\n');
            if (!c.levers().isBlank()) criterion.append("    levers: [").append(c.levers()).append("]\n");
            criteriaById.put(id, criterion.toString());
        }
        for (Kept k : kept) {
            StringBuilder criterion = new StringBuilder("  - id: ").append(k.id()).append('\n')
                    .append("    text: {zh: ").append(q(k.zh())).append(", en: ").append(q(k.en())).append("}\n")
                    .append("    condition: ").append(q(k.condition())).append('\n');
            if (!k.levers().isBlank()) criterion.append("    levers: [").append(k.levers()).append("]\n");
            criteriaById.put(k.id(), criterion.toString());
        }
        if (criteriaById.isEmpty()) throw new BadParameterException("cond.fact", "", "至少需要一个申报条件", "at least one condition is needed");
        StringBuilder criteria = new StringBuilder();
        for (String id : order.split(",")) {
            String c = criteriaById.remove(id.strip());
            if (c != null) criteria.append(c);
        }
        criteriaById.values().forEach(criteria::append);
        for (Param p : params) {
            String name = p.name().isBlank() ? fresh("param", ++pn, paramNames) : p.name();
            Unit unit = Unit.parse(p.unit()).orElseThrow(() -> new BadParameterException("param.unit", p.unit(), "请选择单位", "pick a unit"));
            require("param.zh", p.zh(), "参数名称不能为空", "a parameter needs a name");
            String value = p.value().contains(",") || !p.value().strip().matches("-?[0-9.]+")
                    ? "[" + java.util.Arrays.stream(p.value().split(",")).map(String::strip).map(PolicyForm::q).collect(Collectors.joining(", ")) + "]"
                    : plain(stored(number("param.value", p.value()), unit));
            pyaml.append("  ").append(name).append(": {label: {zh: ").append(q(p.zh())).append(", en: ")
                    .append(q(p.en().isBlank() ? p.zh() : p.en())).append("}, value: ").append(value).append(", unit: ").append(unit.code());
            if (!p.note().isBlank()) pyaml.append(", note: ").append(q(p.note()));
            pyaml.append("}\n");
        }
        String award;
        switch (awardKind) {
            case FIXED -> {
                pyaml.append("  award: {label: {zh: \"奖励金额\", en: \"Award\"}, value: ")
                        .append(plain(stored(number("awardAmountWan", awardAmountWan), Unit.YUAN))).append(", unit: yuan}\n");
                award = "p.award";
            }
            case SHARE -> {
                if (!facts.containsKey(awardFact)) throw new BadParameterException("awardFact", awardFact, "请从列表中选择数据项", "pick a fact from the list");
                pyaml.append("  award_rate: {label: {zh: \"奖励比例\", en: \"Award rate\"}, value: ")
                        .append(plain(stored(number("awardRatePct", awardRatePct), Unit.RATIO))).append(", unit: ratio}\n");
                pyaml.append("  award_cap: {label: {zh: \"奖励上限\", en: \"Award cap\"}, value: ")
                        .append(plain(stored(number("awardCapWan", awardCapWan), Unit.YUAN))).append(", unit: yuan}\n");
                award = "min(p.award_rate * " + awardFact + ", p.award_cap)";
            }
            default -> award = awardExpr;
        }
        if (!pyaml.isEmpty()) y.append("parameters:\n").append(pyaml);
        y.append("criteria:\n").append(criteria);
        y.append("award: ").append(q(award)).append('\n');
        if (!carried.isBlank()) y.append(carried.endsWith("\n") ? carried : carried + "\n");
        return y.toString();
    }

    /** What the policy says, in sentences (the preview): each condition and the award. */
    public List<String> preview(Figures figures, Locale locale) {
        boolean en = locale != null && "en".equals(locale.getLanguage());
        Map<String, FactNames.Fact> facts = facts();
        List<String> out = new ArrayList<>();
        for (Condition c : conditions) {
            FactNames.Fact fact = facts.get(c.fact());
            if (fact == null) continue;
            if (fact.kind() == FactNames.Kind.BOOL) {
                out.add(fact.label().in(locale) + (c.op() == Op.NO ? (en ? ": no" : "：否") : ""));
                continue;
            }
            String value;
            try {
                value = figures.value(stored(number("cond.value", c.value()), fact.unit()), fact.unit(), locale);
            } catch (BadParameterException e) {
                value = "？";
            }
            out.add(fact.label().in(locale) + " " + c.op().sign + " " + value);
        }
        for (Kept k : kept) out.add(PolicyWords.text(en ? k.en() : k.zh(), locale));
        return out;
    }

    /** The award in words for the preview. */
    public String awardPreview(Figures figures, Locale locale) {
        boolean en = locale != null && "en".equals(locale.getLanguage());
        try {
            return switch (awardKind) {
                case FIXED -> (en ? "each enterprise: " : "每家 ") + figures.value(stored(number("awardAmountWan", awardAmountWan), Unit.YUAN), Unit.YUAN, locale);
                case SHARE -> {
                    FactNames.Fact fact = facts().get(awardFact);
                    String rate = figures.value(stored(number("awardRatePct", awardRatePct), Unit.RATIO), Unit.RATIO, locale);
                    String cap = figures.value(stored(number("awardCapWan", awardCapWan), Unit.YUAN), Unit.YUAN, locale);
                    yield en ? rate + " of " + (fact == null ? awardFact : fact.label().en()) + ", at most " + cap
                            : (fact == null ? awardFact : fact.label().zh()) + "的 " + rate + "，最高 " + cap;
                }
                case KEPT -> en ? "by the formula kept below" : "按下方保留的公式计算";
            };
        } catch (BadParameterException e) {
            return "？";
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** A stored value shown in the unit the form takes it in: yuan → 万元, fraction → percent. */
    static String display(double v, Unit unit) {
        BigDecimal d = BigDecimal.valueOf(v);
        if (unit == Unit.YUAN || unit == Unit.USD) d = d.divide(BigDecimal.valueOf(10_000));
        if (unit == Unit.RATIO) d = d.multiply(BigDecimal.valueOf(100));
        return plain(d);
    }

    /** A value entered in the form's unit, as the definition stores it. */
    static BigDecimal stored(BigDecimal v, Unit unit) {
        if (unit == Unit.YUAN || unit == Unit.USD) return v.multiply(BigDecimal.valueOf(10_000));
        if (unit == Unit.RATIO) return v.divide(BigDecimal.valueOf(100), 10, RoundingMode.HALF_UP).stripTrailingZeros();
        return v;
    }

    /** The unit a field is entered in, for its label ("万元", "%"). */
    public static String inputUnit(Unit unit, Locale locale) {
        boolean en = locale != null && "en".equals(locale.getLanguage());
        return switch (unit) {
            case YUAN -> en ? "10k yuan" : "万元";
            case USD -> en ? "10k USD" : "万美元";
            case RATIO -> "%";
            case PERSONS -> en ? "persons" : "人";
            case ITEMS -> en ? "items" : "项";
            case YEARS -> en ? "years" : "年";
            case DAYS -> en ? "days" : "天";
            case POINTS -> en ? "points" : "分";
            case PERCENTILE -> en ? "percentile" : "百分位";
            default -> "";
        };
    }

    private static String unitWord(Unit unit, boolean en) {
        String u = inputUnit(unit, en ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE);
        return u.isEmpty() ? "" : (u.equals("%") ? "%" : " " + u);
    }

    private static BigDecimal number(String field, String text) {
        String t = text == null ? "" : text.strip().replace(",", "");
        if (!t.matches("-?[0-9]+(\\.[0-9]+)?")) {
            throw new BadParameterException(field, text == null ? "" : text, "须为数字", "must be a number");
        }
        return new BigDecimal(t);
    }

    private static void require(String field, String value, String zh, String en) {
        if (value == null || value.isBlank()) throw new BadParameterException(field, "", zh, en);
    }

    private static String fresh(String prefix, int start, Set<String> taken) {
        int k = start;
        while (taken.contains(prefix + k)) k++;
        taken.add(prefix + k);
        return prefix + k;
    }

    static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    private static Op ofCel(String cel) {
        for (Op o : Op.values()) if (o.cel.equals(cel)) return o;
        return Op.GE;
    }

    /** A double-quoted YAML scalar. */
    static String q(String s) {
        return "\"" + s.strip().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "") + "\"";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String one(Map<String, String[]> r, String name) {
        String[] v = r.get(name);
        return v == null || v.length == 0 || v[0] == null ? "" : v[0].strip();
    }

    private static String[] many(Map<String, String[]> r, String name) {
        String[] v = r.get(name);
        return v == null ? new String[0] : v;
    }

    private static String at(String[] a, int i) {
        return i < a.length && a[i] != null ? a[i].strip() : "";
    }
}
