package org.innoladder.rules.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import org.innoladder.rules.Label;
import org.innoladder.rules.Unit;
import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.ColumnType;
import org.innoladder.rules.cel.CelToJava;
import org.innoladder.rules.cel.FactSchema;
import org.innoladder.rules.yaml.YamlDoc;
import org.innoladder.rules.yaml.YamlShape;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


/**
 * Reads a policy YAML file, type-checks every CEL expression against facts, context, parameters and formulas,
 * and compiles it once, so that a broken policy fails here naming the file, the field and the line/column.
 */
final class PolicyLoader {
    private static final List<String> KEYS = List.of("code", "version", "title", "issuer", "document_no", "clause",
            "source", "example", "period", "target_group", "mode", "budget", "contact", "handbook", "near",
            "parameters", "formulas", "levers", "criteria", "decision", "award");

    /** Name prefixes and functions of the CEL environment: a formula of that name would shadow them. */
    private static final List<String> RESERVED = List.of("e", "y1", "y2", "y3", "y4", "sum3", "p", "f", "rec", "tier",
            "eval", "points", "min", "max");

    private final YamlDoc doc;
    private final YamlShape<PolicyLoadException> shape;
    /** New definitions must label every parameter and formula; versions stored before labels existed still load. */
    private final boolean strict;
    private CelCompiler compiler;

    private PolicyLoader(YamlDoc doc, boolean strict) {
        this.doc = doc;
        this.shape = YamlShape.located(doc, PolicyLoadException::new);
        this.strict = strict;
    }

    static Policy load(String file, InputStream in) {
        return load(file, in, true);
    }

    static Policy load(String file, InputStream in, boolean strict) {
        String text;
        try {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PolicyLoadException(file + ": cannot read: " + e.getMessage(), "document", 0, 0);
        }
        YamlDoc doc;
        try {
            doc = YamlDoc.parse(file, new StringReader(text));
        } catch (RuntimeException e) {
            throw new PolicyLoadException(file + ": not valid YAML: " + e.getMessage(), "document", 0, 0);
        }
        return new PolicyLoader(doc, strict).policy(text);
    }

    private PolicyLoadException error(String field, Object container, String key, String message) {
        return shape.error(field, container, key, message);
    }

    private Policy policy(String yaml) {
        Map<String, Object> root = map(doc.root(), "document", null, null);
        keys(root, "policy", KEYS);
        String code = text(root, "code", "code");
        if (!code.matches("[A-Za-z0-9_.-]{2,64}")) {
            throw error("code", root, "code", "'" + code + "' must be 2–64 letters, digits, '_', '.', '-'");
        }
        Map<String, Object> title = map(root.get("title"), "title", root, "title");
        keys(title, "title", List.of("zh", "en"));
        Policy.Text t = new Policy.Text(text(title, "zh", "title.zh"), (String) title.get("en"));
        Map<String, Object> period = map(root.get("period"), "period", root, "period");
        keys(period, "period", List.of("from", "to"));
        LocalDate from = date(period, "from", "period.from"), to = date(period, "to", "period.to");
        if (to.isBefore(from)) throw error("period.to", period, "to", "ends before it starts (" + from + ")");
        String modeText = text(root, "mode", "mode");
        Policy.Mode mode;
        try {
            mode = Policy.Mode.valueOf(modeText);
        } catch (IllegalArgumentException e) {
            throw error("mode", root, "mode", "'" + modeText + "' must be AUTOMATIC or APPLICATION");
        }
        double budget = number(root, "budget", "budget");
        if (budget < 0) throw error("budget", root, "budget", "must not be negative");
        double near = root.get("near") == null ? 0.2 : number(root, "near", "near");
        if (near < 0 || near > 1) throw error("near", root, "near", "must be between 0 and 1 (a relative gap)");
        boolean example = root.get("example") != null && bool(root, "example", "example");

        CelCompilerBuilder cb = CelCompilerFactory.standardCelCompilerBuilder();
        FactSchema.declarations().forEach(cb::addVar);
        PolicyContext.declarations().forEach(cb::addVar);
        cb.addFunctionDeclarations(
                CelFunctionDecl.newFunctionDeclaration("min", CelOverloadDecl.newGlobalOverload("min_double_double",
                        SimpleType.DOUBLE, SimpleType.DOUBLE, SimpleType.DOUBLE)),
                CelFunctionDecl.newFunctionDeclaration("max", CelOverloadDecl.newGlobalOverload("max_double_double",
                        SimpleType.DOUBLE, SimpleType.DOUBLE, SimpleType.DOUBLE)));
        Map<String, Policy.Parameter> parameters = new LinkedHashMap<>();
        if (root.get("parameters") != null) {
            Map<String, Object> ps = map(root.get("parameters"), "parameters", root, "parameters");
            for (Map.Entry<String, Object> e : ps.entrySet()) {
                String where = "parameter '" + e.getKey() + "'";
                if (!e.getKey().matches("[a-z][a-z0-9_]*")) throw error(where, ps, e.getKey(), "names are lower_snake_case");
                Map<String, Object> m = map(e.getValue(), where, ps, e.getKey());
                keys(m, where, List.of("value", "unit", "note", "label"));
                Label label = label(m, where);
                Unit unit = unit(m, where);
                Object value;
                if (m.get("value") instanceof List<?> l) {
                    value = l.stream().map(String::valueOf).toList();
                    cb.addVar("p." + e.getKey(), ListType.create(SimpleType.STRING));
                } else {
                    value = number(m, "value", where + " value");
                    cb.addVar("p." + e.getKey(), SimpleType.DOUBLE);
                }
                parameters.put(e.getKey(), new Policy.Parameter(e.getKey(), value, unit == null ? (String) m.get("unit") : unit.code(),
                        (String) m.get("note"), label));
            }
        }
        compiler = cb.build();
        Map<String, Object> sample = new HashMap<>();
        parameters.values().forEach(p -> sample.put(p.name(), p.value()));
        Map<String, Object> sampleFormulas = new HashMap<>();

        Map<String, String> formulas = new LinkedHashMap<>();
        Map<String, Policy.Named> formulaText = new LinkedHashMap<>();
        Map<String, CelAbstractSyntaxTree> formulaAsts = new LinkedHashMap<>();
        if (root.get("formulas") != null) {
            Map<String, Object> fs = map(root.get("formulas"), "formulas", root, "formulas");
            for (Map.Entry<String, Object> e : fs.entrySet()) {
                String where = "formula '" + e.getKey() + "'";
                if (!e.getKey().matches("[a-z][a-z0-9_]*") || RESERVED.contains(e.getKey())) {
                    throw error(where, fs, e.getKey(), "names are lower_snake_case without dots, and not one of " + RESERVED);
                }
                Object container = fs;
                String key = e.getKey();
                if (e.getValue() instanceof Map<?, ?>) {
                    Map<String, Object> fm = map(e.getValue(), where, fs, e.getKey());
                    keys(fm, where, List.of("expr", "label", "unit", "note"));
                    formulaText.put(e.getKey(), new Policy.Named(label(fm, where), unit(fm, where)));
                    container = fm;
                    key = "expr";
                } else if (strict) {
                    throw error(where, fs, e.getKey(), "needs {expr: …, label: {zh: …, en: …}, unit: …} (what its result is called and measured in)");
                }
                CelAbstractSyntaxTree ast = expr(where, container, key, CelKind.DOUBLE, sample, sampleFormulas);
                formulas.put(e.getKey(), (String) ((Map<?, ?>) container).get(key));
                formulaAsts.put(e.getKey(), ast);
                compiler = compiler.toCompilerBuilder().addVar(e.getKey(), ast.getResultType()).build();
                sampleFormulas.put(e.getKey(), new CelToJava(ast, sample, sampleFormulas, new HashSet<>(), PolicyContext.slots()).compile());
            }
        }

        Map<String, Policy.Lever> levers = new LinkedHashMap<>();
        Map<String, CelAbstractSyntaxTree> limitAsts = new LinkedHashMap<>();
        if (root.get("levers") != null) {
            Map<String, Object> ls = map(root.get("levers"), "levers", root, "levers");
            for (Map.Entry<String, Object> e : ls.entrySet()) {
                String where = "lever '" + e.getKey() + "'";
                Map<String, Object> m = map(e.getValue(), where, ls, e.getKey());
                keys(m, where, List.of("column", "direction", "step", "max", "min"));
                Column c = Column.ofKey(text(m, "column", where + " column"));
                if (c == null || !FactSchema.isNumeric(c) || c.level() != Column.Level.YEAR) {
                    throw error(where + " column", m, "column", "must name a numeric year column of the data dictionary");
                }
                String direction = m.get("direction") == null ? "increase" : String.valueOf(m.get("direction"));
                if (!direction.equals("increase") && !direction.equals("decrease")) {
                    throw error(where + " direction", m, "direction", "must be increase or decrease");
                }
                double step = m.get("step") == null ? 1 : number(m, "step", where + " step");
                if (!(step > 0) || (c.type() == ColumnType.INT && step != Math.rint(step))) {
                    throw error(where + " step", m, "step", "must be positive (whole for a count)");
                }
                String limitKey = direction.equals("increase") ? "max" : "min";
                String limit = null;
                if (m.get(limitKey) != null) {
                    limitAsts.put(e.getKey(), expr(where + " " + limitKey, m, limitKey, CelKind.DOUBLE, sample, sampleFormulas));
                    limit = String.valueOf(m.get(limitKey));
                }
                levers.put(e.getKey(), new Policy.Lever(e.getKey(), c, direction.equals("increase"), step, limit));
            }
        }

        List<Policy.Criterion> criteria = new ArrayList<>();
        List<CelAbstractSyntaxTree> conditionAsts = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        List<Object> cs = list(root.get("criteria"), "criteria", root, "criteria");
        if (cs.isEmpty()) throw error("criteria", root, "criteria", "needs at least one criterion");
        for (Object o : cs) {
            Map<String, Object> m = map(o, "criterion", root, "criteria");
            String id = text(m, "id", "criterion id");
            String where = "criterion '" + id + "'";
            keys(m, where, List.of("id", "text", "condition", "levers"));
            Map<String, Object> tm = map(m.get("text"), where + " text", m, "text");
            keys(tm, where + " text", List.of("zh", "en"));
            Policy.Text text = new Policy.Text(text(tm, "zh", where + " text.zh"), text(tm, "en", where + " text.en"));
            CelAbstractSyntaxTree ast = expr(where + " condition", m, "condition", CelKind.BOOL, sample, sampleFormulas);
            List<String> lv = new ArrayList<>();
            if (m.get("levers") != null) {
                for (Object l : list(m.get("levers"), where + " levers", m, "levers")) {
                    if (!levers.containsKey(String.valueOf(l))) throw error(where + " levers", m, "levers", "undeclared lever '" + l + "'");
                    lv.add(String.valueOf(l));
                }
            }
            if (index.put(id, criteria.size()) != null) throw error(where, m, "id", "duplicate id");
            criteria.add(new Policy.Criterion(id, text, (String) m.get("condition"), List.copyOf(lv)));
            conditionAsts.add(ast);
        }
        Policy.Decision decision;
        if (root.get("decision") == null) {
            List<Policy.Decision> all = new ArrayList<>();
            for (int c = 0; c < criteria.size(); c++) all.add(new Policy.Ref(c));
            decision = new Policy.All(List.copyOf(all));
        } else {
            decision = decision(root.get("decision"), index, root, "decision");
        }
        CelAbstractSyntaxTree awardAst = expr("award", root, "award", CelKind.DOUBLE, sample, sampleFormulas);

        Policy.Definition def = new Policy.Definition(code, t, text(root, "issuer", "issuer"),
                text(root, "document_no", "document_no"), (String) root.get("clause"), from, to,
                text(root, "target_group", "target_group"), mode, BigDecimal.valueOf(budget), (String) root.get("contact"),
                (String) root.get("handbook"), example, (String) root.get("source"), near, Map.copyOf(parameters),
                java.util.Collections.unmodifiableMap(formulas), java.util.Collections.unmodifiableMap(levers),
                List.copyOf(criteria), decision, (String) root.get("award"), yaml,
                java.util.Collections.unmodifiableMap(formulaAsts), List.copyOf(conditionAsts),
                java.util.Collections.unmodifiableMap(limitAsts), awardAst, java.util.Collections.unmodifiableMap(formulaText));
        // Parameter order as in the file: the definition keeps a linked copy for display.
        return new Policy(withOrder(def, parameters), parameters);
    }

    private static Policy.Definition withOrder(Policy.Definition d, Map<String, Policy.Parameter> ordered) {
        return new Policy.Definition(d.code(), d.title(), d.issuer(), d.documentNo(), d.clause(), d.periodStart(),
                d.periodEnd(), d.targetGroup(), d.mode(), d.budget(), d.contact(), d.handbook(), d.example(), d.source(),
                d.nearRatio(), java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ordered)), d.formulas(),
                d.levers(), d.criteria(), d.decision(), d.award(), d.yaml(), d.formulaAsts(), d.conditionAsts(),
                d.limitAsts(), d.awardAst(), d.formulaText());
    }

    private Policy.Decision decision(Object o, Map<String, Integer> index, Object container, String key) {
        if (o instanceof String id) {
            Integer c = index.get(id);
            if (c == null) throw error("decision", container, key, "no criterion '" + id + "'");
            return new Policy.Ref(c);
        }
        Map<String, Object> m = map(o, "decision", container, key);
        if (m.size() != 1 || !(m.containsKey("all") || m.containsKey("any"))) {
            throw error("decision", container, key, "must be a criterion id or {all: [...]} / {any: [...]}");
        }
        String k = m.containsKey("all") ? "all" : "any";
        List<Policy.Decision> of = new ArrayList<>();
        for (Object x : list(m.get(k), "decision " + k, m, k)) of.add(decision(x, index, m, k));
        return k.equals("all") ? new Policy.All(List.copyOf(of)) : new Policy.Any(List.copyOf(of));
    }

    private CelAbstractSyntaxTree expr(String where, Object container, String key, CelKind expected,
                                       Map<String, Object> sample, Map<String, Object> sampleFormulas) {
        Object raw = ((Map<?, ?>) container).get(key);
        if (!(raw instanceof String source) || source.isBlank()) throw error(where, container, key, "needs an expression");
        CelAbstractSyntaxTree ast;
        try {
            ast = compiler.compile(source).getAst();
        } catch (CelValidationException e) {
            throw celError(where, container, key, e);
        }
        CelKind kind = ast.getResultType().kind();
        if (kind != expected) {
            String want = expected == CelKind.BOOL ? "a condition (bool)" : "a number (double; write 1.0, not 1)";
            throw error(where, container, key, "must be " + want + ", is " + ast.getResultType().name());
        }
        try {
            new CelToJava(ast, sample, sampleFormulas, new HashSet<>(), PolicyContext.slots()).compile();
        } catch (RuntimeException e) {
            throw error(where, container, key, e.getMessage());
        }
        return ast;
    }

    private PolicyLoadException celError(String where, Object container, String key, CelValidationException e) {
        int[] pos = doc.position(container, key);
        int line = 0, col = 0;
        if (pos != null && !e.getErrors().isEmpty()) {
            CelIssue first = e.getErrors().get(0);
            int[] at = doc.expressionPosition(container, key, first.getSourceLocation().getLine(), first.getSourceLocation().getColumn());
            line = at[0];
            col = at[1];
        } else if (pos != null) {
            line = pos[0];
        }
        String message = e.getErrors().isEmpty() ? e.getMessage() : e.getErrors().get(0).getMessage();
        return new PolicyLoadException(doc.file() + ": " + where + (line > 0 ? " (line " + line + ", column " + col + ")" : "")
                + ": " + message + " — in \"" + ((Map<?, ?>) container).get(key) + "\"", where, line, col);
    }

    // ---- how it reads ------------------------------------------------------------------------------------

    /** What pages show instead of a parameter's or formula's name; required of new definitions. */
    private Label label(Map<String, Object> m, String where) {
        if (m.get("label") == null) {
            if (strict) throw error(where, m, null, "needs a label: {zh: …, en: …} (what pages show instead of the name)");
            return null;
        }
        Map<String, Object> l = map(m.get("label"), where + " label", m, "label");
        keys(l, where + " label", List.of("zh", "en"));
        return new Label(text(l, "zh", where + " label.zh"), text(l, "en", where + " label.en"));
    }

    private Unit unit(Map<String, Object> m, String where) {
        Object u = m.get("unit");
        if (u == null) {
            if (strict) throw error(where, m, null, "needs a unit (one of " + Unit.codes() + ", or 元/比例/人/…)");
            return null;
        }
        java.util.Optional<Unit> unit = Unit.parse(String.valueOf(u));
        if (unit.isEmpty() && strict) {
            throw error(where + " unit", m, "unit", "'" + u + "' is not a unit (one of " + Unit.codes() + ", or 元/比例/人/…)");
        }
        return unit.orElse(null);
    }

    // ---- plain values ------------------------------------------------------------------------------------

    private Map<String, Object> map(Object o, String where, Object container, String key) {
        return shape.map(o, where, container, key);
    }

    private List<Object> list(Object o, String where, Object container, String key) {
        return shape.list(o, where, container, key);
    }

    private void keys(Map<String, Object> m, String where, List<String> allowed) {
        shape.keysNamed(m, where, allowed);
    }

    private String text(Map<String, Object> m, String key, String where) {
        return shape.text(m, key, where);
    }

    private double number(Map<String, Object> m, String key, String where) {
        return shape.number(m, key, where);
    }

    private boolean bool(Map<String, Object> m, String key, String where) {
        return shape.bool(m, key, where);
    }

    private LocalDate date(Map<String, Object> m, String key, String where) {
        return shape.date(m, key, where);
    }
}
