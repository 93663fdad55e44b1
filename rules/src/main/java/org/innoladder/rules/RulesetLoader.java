package org.innoladder.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.ColumnType;
import org.innoladder.rules.cel.CelToJava;
import org.innoladder.rules.cel.FactSchema;
import org.innoladder.rules.yaml.YamlDoc;
import org.innoladder.rules.yaml.YamlShape;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a ruleset YAML file, type-checks every CEL expression against the fact schema and compiles it once
 * to closures, so that a broken ruleset fails here, naming the file, the element and the position.
 */
final class RulesetLoader {
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private final YamlDoc doc;
    private final YamlShape<RulesetLoadException> shape;
    private CelCompiler compiler;
    private final List<Model.Expr> exprs = new ArrayList<>();
    private final Map<String, Model.Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Model.Lever> levers = new LinkedHashMap<>();
    /** Trust tags belong in 'trust:', not in a citation the pages show. */
    private static final Pattern TRUST_TAG = Pattern.compile("\\[(official|secondary|open|assumption)]");
    private final Map<String, RulesetText.CriterionText> criterionText = new LinkedHashMap<>();
    private final Map<String, Label> itemText = new LinkedHashMap<>();
    private final Map<String, RulesetText.Named> parameterText = new LinkedHashMap<>();
    private final Map<String, RulesetText.Named> formulaText = new LinkedHashMap<>();
    private final Map<String, Map<String, Label>> bandText = new HashMap<>();
    private final Map<String, Map<String, Label>> choiceText = new LinkedHashMap<>();

    private RulesetLoader(YamlDoc doc) {
        this.doc = doc;
        this.shape = new YamlShape<>(doc, RulesetLoadException::new);
    }

    static Ruleset load(String file, InputStream in) {
        YamlDoc doc;
        try {
            doc = YamlDoc.parse(file, new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new RulesetLoadException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        return new RulesetLoader(doc).ruleset();
    }

    private RulesetLoadException error(String where, Object container, String key, String message) {
        return shape.error(where, container, key, message);
    }

    private Ruleset ruleset() {
        Map<String, Object> root = map(doc.root(), "document", null, null);
        keys(root, "ruleset", "id", "version", "title", "references", "effective", "notes", "parameters", "formulas",
                "levers", "criteria", "scores", "decision");
        String id = text(root, "id", "ruleset");
        String version = text(root, "version", "ruleset");
        Map<String, Object> title = map(root.get("title"), "title", root, "title");
        Map<String, Object> effective = map(root.get("effective"), "effective", root, "effective");
        keys(effective, "effective", "from", "to", "note");
        List<Reference> references = new ArrayList<>();
        for (Object r : list(root.get("references"), "references", root, "references")) {
            Map<String, Object> m = map(r, "reference", root, "references");
            keys(m, "reference", "document", "title", "clause", "trust");
            references.add(new Reference(text(m, "document", "reference"), (String) m.get("title"),
                    (String) m.get("clause"), text(m, "trust", "reference")));
        }
        List<String> notes = new ArrayList<>();
        if (root.get("notes") != null) {
            for (Object n : list(root.get("notes"), "notes", root, "notes")) notes.add(String.valueOf(n));
        }
        RulesetInfo info = new RulesetInfo(id, version, text(title, "zh", "title"), text(title, "en", "title"),
                List.copyOf(references), date(effective, "from", "effective"),
                effective.get("to") == null ? null : date(effective, "to", "effective"), List.copyOf(notes));

        CelCompilerBuilder cb = CelCompilerFactory.standardCelCompilerBuilder();
        FactSchema.declarations().forEach(cb::addVar);
        if (root.get("parameters") != null) {
            Map<String, Object> ps = map(root.get("parameters"), "parameters", root, "parameters");
            for (Map.Entry<String, Object> e : ps.entrySet()) {
                Model.Parameter p = parameter(e.getKey(), map(e.getValue(), "parameter '" + e.getKey() + "'", ps, e.getKey()));
                parameters.put(p.name(), p);
                Object first = p.values().get(0).value();
                if (first instanceof Double) cb.addVar("p." + p.name(), SimpleType.DOUBLE);
                else if (first instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String) {
                    cb.addVar("p." + p.name(), ListType.create(SimpleType.STRING));
                }
            }
        }
        compiler = cb.build();
        Map<String, Object> sample = new HashMap<>();
        parameters.values().forEach(p -> sample.put(p.name(), p.values().get(0).value()));
        Map<String, Object> sampleFormulas = new HashMap<>();

        List<Model.Formula> formulas = new ArrayList<>();
        if (root.get("formulas") != null) {
            Map<String, Object> fs = map(root.get("formulas"), "formulas", root, "formulas");
            for (Map.Entry<String, Object> e : fs.entrySet()) {
                String where = "formula '" + e.getKey() + "'";
                Object def = e.getValue();
                Object container = fs;
                String key = e.getKey();
                if (!(def instanceof Map<?, ?> m)) {
                    throw error(where, fs, key, "needs {expr: …, label: {zh: …, en: …}, unit: …} (what its result is called and measured in)");
                }
                Map<String, Object> fm = map(m, where, fs, key);
                keys(fm, where, "expr", "reference", "note", "label", "unit", "trust");
                formulaText.put(key, new RulesetText.Named(label(fm, where), unit(fm, where), reference(fm, where), trust(fm, where)));
                container = m;
                key = "expr";
                Model.Expr x = expr(where, container, key, null, sample, sampleFormulas);
                formulas.add(new Model.Formula(e.getKey(), x));
                compiler = compiler.toCompilerBuilder().addVar("f." + e.getKey(), x.ast().getResultType()).build();
                sampleFormulas.put(e.getKey(), new CelToJava(x.ast(), sample, sampleFormulas, new HashSet<>()).compile());
            }
        }
        if (root.get("levers") != null) {
            Map<String, Object> ls = map(root.get("levers"), "levers", root, "levers");
            for (Map.Entry<String, Object> e : ls.entrySet()) {
                levers.put(e.getKey(), lever(e.getKey(), map(e.getValue(), "lever '" + e.getKey() + "'", ls, e.getKey()),
                        sample, sampleFormulas));
            }
        }

        List<Model.Item> items = new ArrayList<>();
        Set<String> itemIds = new HashSet<>();
        if (root.get("scores") != null) {
            Map<String, Object> sc = map(root.get("scores"), "scores", root, "scores");
            for (Object o : list(sc.get("items"), "scores.items", sc, "items")) {
                Model.Item it = item(map(o, "score item", sc, "items"), sample, sampleFormulas);
                if (!itemIds.add(it.id())) throw error("score item '" + it.id() + "'", sc, "items", "duplicate id");
                items.add(it);
            }
        }

        List<Model.Criterion> criteria = new ArrayList<>();
        Map<String, Integer> criterionIndex = new HashMap<>();
        for (Object o : list(root.get("criteria"), "criteria", root, "criteria")) {
            Map<String, Object> m = map(o, "criterion", root, "criteria");
            Model.Criterion c = criterion(m, itemIds, sample, sampleFormulas);
            if (criterionIndex.put(c.id(), criteria.size()) != null) {
                throw error("criterion '" + c.id() + "'", m, "id", "duplicate id");
            }
            criteria.add(c);
        }
        Model.Decision decision = decision(root.get("decision"), criterionIndex, root);
        RulesetText text = new RulesetText(Map.copyOf(criterionText), Map.copyOf(itemText), Map.copyOf(parameterText),
                Map.copyOf(formulaText), Map.copyOf(choiceText));
        return new Ruleset(info, List.copyOf(parameters.values()), List.copyOf(formulas), List.copyOf(exprs),
                List.copyOf(criteria), List.copyOf(items), decision, text);
    }

    // ---- parts -------------------------------------------------------------------------------------------

    private Model.Parameter parameter(String name, Map<String, Object> m) {
        String where = "parameter '" + name + "'";
        keys(m, where, "reference", "note", "default", "unit", "values", "label", "trust");
        parameterText.put(name, new RulesetText.Named(label(m, where), unit(m, where), reference(m, where), trust(m, where)));
        List<Model.Dated> values = new ArrayList<>();
        for (Object o : list(m.get("values"), where + " values", m, "values")) {
            Map<String, Object> v = map(o, where + " value", m, "values");
            keys(v, where + " value", "from", "value", "bands");
            LocalDate from = date(v, "from", where);
            Object value;
            if (v.containsKey("bands")) {
                value = bands(where, name, list(v.get("bands"), where + " bands", v, "bands"), v);
            } else if (v.get("value") instanceof List<?> l) {
                value = l.stream().map(String::valueOf).toList();
            } else {
                value = number(v, "value", where);
            }
            if (!values.isEmpty() && !from.isAfter(values.get(values.size() - 1).from())) {
                throw error(where, v, "from", "dates must ascend");
            }
            if (!values.isEmpty() && values.get(0).value().getClass() != value.getClass()) {
                throw error(where, v, "value", "all dated values must have the same kind");
            }
            values.add(new Model.Dated(from, value));
        }
        if (values.isEmpty()) throw error(where, m, "values", "needs at least one dated value");
        if (m.get("reference") == null) throw error(where, m, null, "needs a reference");
        return new Model.Parameter(name, (String) m.get("reference"), (String) m.get("note"),
                "true".equals(String.valueOf(m.get("default"))), List.copyOf(values));
    }

    private List<Model.Band> bands(String where, String parameter, List<Object> raw, Object container) {
        List<Model.Band> out = new ArrayList<>();
        for (Object o : raw) {
            Map<String, Object> b = map(o, where + " band", container, "bands");
            keys(b, where + " band", "min", "gt", "points", "label", "text");
            int[] points = points(b, where);
            boolean strict = b.containsKey("gt");
            boolean otherwise = !strict && !b.containsKey("min");
            double min = otherwise ? Double.NEGATIVE_INFINITY : number(b, strict ? "gt" : "min", where);
            String label = b.get("label") != null ? (String) b.get("label")
                    : otherwise ? "else" : (strict ? ">" : "≥") + b.get(strict ? "gt" : "min");
            out.add(new Model.Band(min, strict, otherwise, points[0], points[1], label));
            Label words = choice(b, label, where + " band '" + label + "'");
            if (words != null) bandText.computeIfAbsent(parameter, k -> new LinkedHashMap<>()).put(label, words);
        }
        if (out.isEmpty() || !out.get(out.size() - 1).otherwise()) {
            throw error(where, container, "bands", "the last band must have no min/gt (it catches the rest)");
        }
        if (out.size() > 64) throw error(where, container, "bands", "at most 64 bands");
        return List.copyOf(out);
    }

    private int[] points(Map<String, Object> b, String where) {
        Object p = b.get("points");
        if (p instanceof List<?> l && l.size() == 2) {
            return new int[]{integer(String.valueOf(l.get(0)), where, b, "points"), integer(String.valueOf(l.get(1)), where, b, "points")};
        }
        if (p == null) throw error(where, b, null, "band needs points (n or [min, max])");
        int v = integer(String.valueOf(p), where, b, "points");
        return new int[]{v, v};
    }

    private Model.Lever lever(String id, Map<String, Object> m, Map<String, Object> sample, Map<String, Object> sf) {
        String where = "lever '" + id + "'";
        keys(m, where, "column", "direction", "step", "max", "min");
        Column c = Column.ofKey(text(m, "column", where));
        if (c == null || !FactSchema.isNumeric(c) || c.level() != Column.Level.YEAR) {
            throw error(where, m, "column", "must name a numeric year column of the data dictionary");
        }
        String direction = m.get("direction") == null ? "increase" : (String) m.get("direction");
        if (!direction.equals("increase") && !direction.equals("decrease")) {
            throw error(where, m, "direction", "must be increase or decrease");
        }
        double step = m.get("step") != null ? number(m, "step", where) : 1.0;
        if (!(step > 0)) throw error(where, m, "step", "must be positive");
        if (c.type() == ColumnType.INT && step != Math.rint(step)) {
            throw error(where, m, "step", "an integer column moves in whole steps");
        }
        String limitKey = direction.equals("increase") ? "max" : "min";
        if (m.containsKey(direction.equals("increase") ? "min" : "max")) {
            throw error(where, m, direction.equals("increase") ? "min" : "max", "an " + direction + " lever takes '" + limitKey + "'");
        }
        Model.Expr limit = m.get(limitKey) == null ? null
                : expr(where + " " + limitKey, m, limitKey, CelKind.DOUBLE, sample, sf);
        return new Model.Lever(id, c, direction.equals("increase"), step, limit);
    }

    private Model.Item item(Map<String, Object> m, Map<String, Object> sample, Map<String, Object> sf) {
        String id = text(m, "id", "score item");
        String where = "score item '" + id + "'";
        keys(m, where, "id", "reference", "max", "combine", "parts", "value", "bands", "cases", "range", "label", "trust", "note");
        itemText.put(id, label(m, where));
        reference(m, where);
        trust(m, where);
        int max = integer(text(m, "max", where), where, m, "max");
        List<Model.Part> parts = new ArrayList<>();
        if (m.get("parts") != null) {
            for (Object o : list(m.get("parts"), where + " parts", m, "parts")) {
                Map<String, Object> pm = map(o, where + " part", m, "parts");
                keys(pm, where + " part", "id", "reference", "value", "bands", "cases", "range", "label", "trust", "note");
                String partWhere = where + " part '" + text(pm, "id", where + " part") + "'";
                itemText.put(id + "." + pm.get("id"), label(pm, partWhere));
                reference(pm, partWhere);
                trust(pm, partWhere);
                parts.add(part(partWhere, id + "." + pm.get("id"), (String) pm.get("id"), pm, sample, sf));
            }
        } else {
            parts.add(part(where, id, id, m, sample, sf));
        }
        String combine = m.get("combine") == null ? "sum" : (String) m.get("combine");
        if (!combine.equals("sum") && !combine.equals("best")) throw error(where, m, "combine", "must be sum or best");
        return new Model.Item(id, (String) m.get("reference"), max, combine.equals("best"), List.copyOf(parts));
    }

    private Model.Part part(String where, String resultId, String id, Map<String, Object> m, Map<String, Object> sample,
                            Map<String, Object> sf) {
        if (m.get("cases") != null) {
            List<Model.Case> cases = new ArrayList<>();
            List<Object> raw = list(m.get("cases"), where + " cases", m, "cases");
            for (int k = 0; k < raw.size(); k++) {
                Map<String, Object> cm = map(raw.get(k), where + " case", m, "cases");
                keys(cm, where + " case", "when", "points", "label", "text");
                Model.Expr when = cm.get("when") == null ? null
                        : expr(where + " case " + (k + 1) + " when", cm, "when", CelKind.BOOL, sample, sf);
                int[] pts = points(cm, where);
                String caseLabel = cm.get("label") == null ? "case " + (k + 1) : (String) cm.get("label");
                cases.add(new Model.Case(when, pts[0], pts[1], caseLabel));
                Label words = choice(cm, caseLabel, where + " case " + (k + 1));
                if (words != null) choiceText.computeIfAbsent(resultId, x -> new LinkedHashMap<>()).put(caseLabel, words);
            }
            if (cases.isEmpty() || cases.get(cases.size() - 1).when() != null) {
                throw error(where, m, "cases", "the last case must have no 'when' (it catches the rest)");
            }
            return new Model.Part(id, (String) m.get("reference"), null, null, List.copyOf(cases), null);
        }
        Model.Expr value = expr(where + " value", m, "value", CelKind.DOUBLE, sample, sf);
        if (m.get("range") != null) {
            List<Object> r = list(m.get("range"), where + " range", m, "range");
            int lo = integer(String.valueOf(r.get(0)), where, m, "range"), hi = integer(String.valueOf(r.get(1)), where, m, "range");
            return new Model.Part(id, (String) m.get("reference"), value, null, null, new int[]{lo, hi});
        }
        String bands = text(m, "bands", where);
        Model.Parameter p = parameters.get(bands);
        if (p == null || !(p.values().get(0).value() instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Model.Band)) {
            throw error(where, m, "bands", "'" + bands + "' is not a band-table parameter");
        }
        if (bandText.containsKey(bands)) choiceText.put(resultId, bandText.get(bands));
        return new Model.Part(id, (String) m.get("reference"), value, bands, null, null);
    }

    private Model.Criterion criterion(Map<String, Object> m, Set<String> itemIds, Map<String, Object> sample, Map<String, Object> sf) {
        String id = text(m, "id", "criterion");
        String where = "criterion '" + id + "'";
        keys(m, where, "id", "reference", "condition", "value", "threshold", "score", "levers", "label", "unit", "trust", "note");
        if (m.get("reference") == null) throw error(where, m, "id", "needs a reference");
        criterionText.put(id, new RulesetText.CriterionText(label(m, where), unit(m, where), reference(m, where),
                trust(m, where), m.get("note") == null ? null : String.valueOf(m.get("note"))));
        List<Model.Lever> ls = new ArrayList<>();
        if (m.get("levers") != null) {
            for (Object o : list(m.get("levers"), where + " levers", m, "levers")) {
                Model.Lever l = levers.get(String.valueOf(o));
                if (l == null) throw error(where, m, "levers", "undeclared lever '" + o + "'");
                ls.add(l);
            }
        }
        if (m.get("score") != null) {
            Map<String, Object> s = map(m.get("score"), where + " score", m, "score");
            keys(s, where + " score", "of", "at_least");
            String of = text(s, "of", where);
            if (!of.equals("total") && !itemIds.contains(of)) throw error(where, s, "of", "no score item '" + of + "'");
            String atLeast = text(s, "at_least", where);
            if (!(parameters.get(atLeast) != null && parameters.get(atLeast).values().get(0).value() instanceof Double)) {
                throw error(where, s, "at_least", "'" + atLeast + "' is not a number parameter");
            }
            return new Model.Criterion(id, (String) m.get("reference"), null, null, null, of, atLeast, List.copyOf(ls));
        }
        Model.Expr condition = expr(where + " condition", m, "condition", CelKind.BOOL, sample, sf);
        Model.Expr value = m.get("value") == null ? null : expr(where + " value", m, "value", null, sample, sf);
        Model.Expr threshold = m.get("threshold") == null ? null : expr(where + " threshold", m, "threshold", null, sample, sf);
        return new Model.Criterion(id, (String) m.get("reference"), condition, value, threshold, null, null, List.copyOf(ls));
    }

    private Model.Decision decision(Object o, Map<String, Integer> criteria, Object container) {
        if (o instanceof String id) {
            Integer k = criteria.get(id);
            if (k == null) throw error("decision", container, "decision", "no criterion '" + id + "'");
            return new Model.Ref(k);
        }
        Map<String, Object> m = map(o, "decision", container, "decision");
        if (m.size() != 1 || !(m.containsKey("all") || m.containsKey("any"))) {
            throw error("decision", m, null, "a decision node is a criterion id, {all: [...]} or {any: [...]}");
        }
        boolean all = m.containsKey("all");
        List<Model.Decision> of = new ArrayList<>();
        for (Object x : list(m.get(all ? "all" : "any"), "decision", m, all ? "all" : "any")) of.add(decision(x, criteria, m));
        return all ? new Model.All(List.copyOf(of)) : new Model.Any(List.copyOf(of));
    }

    /** Compiles a CEL expression: type-checked, compiled to closures once, and bound to the interpreter. */
    private Model.Expr expr(String where, Object container, String key, CelKind expected,
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
        if (expected != null && kind != expected) {
            throw error(where, container, key, "must be " + expected.name().toLowerCase() + ", is " + ast.getResultType().name());
        }
        if (kind != CelKind.BOOL && kind != CelKind.DOUBLE && kind != CelKind.STRING) {
            throw error(where, container, key, "must be a bool, double or string expression, is " + ast.getResultType().name());
        }
        try {
            new CelToJava(ast, sample, sampleFormulas, new HashSet<>()).compile();
        } catch (RuntimeException e) {
            throw error(where, container, key, e.getMessage());
        }
        CelRuntime.Program program;
        try {
            program = RUNTIME.createProgram(ast);
        } catch (CelEvaluationException e) {
            throw error(where, container, key, e.getMessage());
        }
        Model.Expr x = new Model.Expr(exprs.size(), where, source, ast, kind, program);
        exprs.add(x);
        return x;
    }

    private RulesetLoadException celError(String where, Object container, String key, CelValidationException e) {
        int[] pos = doc.position(container, key);
        StringBuilder b = new StringBuilder(doc.file()).append(": ").append(where);
        if (pos != null && !e.getErrors().isEmpty()) {
            CelIssue first = e.getErrors().get(0);
            int[] at = doc.expressionPosition(container, key, first.getSourceLocation().getLine(), first.getSourceLocation().getColumn());
            b.append(" (line ").append(at[0]).append(", column ").append(at[1]).append(')');
        } else if (pos != null) {
            b.append(" (line ").append(pos[0]).append(')');
        }
        return new RulesetLoadException(b.append(": ").append(e.getMessage()).toString(), e);
    }

    // ---- how it reads ------------------------------------------------------------------------------------

    /** The label pages show instead of the id: {zh: …, en: …}, both required. */
    private Label label(Map<String, Object> m, String where) {
        if (m.get("label") == null) {
            throw error(where, m, null, "needs a label: {zh: …, en: …} (what pages show instead of the id)");
        }
        Map<String, Object> l = map(m.get("label"), where + " label", m, "label");
        keys(l, where + " label", "zh", "en");
        return new Label(text(l, "zh", where + " label"), text(l, "en", where + " label"));
    }

    private Unit unit(Map<String, Object> m, String where) {
        Object u = m.get("unit");
        if (u == null) throw error(where, m, null, "needs a unit (one of " + Unit.codes() + ")");
        return Unit.parse(String.valueOf(u)).orElseThrow(() ->
                error(where, m, "unit", "'" + u + "' is not a unit (one of " + Unit.codes() + ")"));
    }

    /** A citation as pages show it ("依据：…"): words only; trust levels and explanations go in their own keys. */
    private String reference(Map<String, Object> m, String where) {
        Object r = m.get("reference");
        if (r != null && TRUST_TAG.matcher(String.valueOf(r)).find()) {
            throw error(where, m, "reference", "a citation is shown to users: put the trust level in 'trust:' and explanations in 'note:'");
        }
        return r == null ? null : String.valueOf(r);
    }

    private String trust(Map<String, Object> m, String where) {
        Object t = m.get("trust");
        if (t == null) return null;
        String s = String.valueOf(t);
        if (!List.of("official", "secondary", "open").contains(s)) {
            throw error(where, m, "trust", "'" + s + "' must be official, secondary or open");
        }
        return s;
    }

    /**
     * The words of a band or case label: {@code text: {zh, en}} when given; required when the label itself has words
     * ("A: ≥1 Class I"), not when it is language-neutral ("≥30%", "A").
     */
    private Label choice(Map<String, Object> m, String label, String where) {
        if (m.get("text") == null) {
            if (label.matches(".*\\p{IsLatin}{2,}.*")) {
                throw error(where, m, "label", "'" + label + "' has words: add text: {zh: …, en: …} for the pages");
            }
            return null;
        }
        Map<String, Object> t = map(m.get("text"), where + " text", m, "text");
        keys(t, where + " text", "zh", "en");
        return new Label(text(t, "zh", where + " text"), text(t, "en", where + " text"));
    }

    // ---- plain values ------------------------------------------------------------------------------------

    private Map<String, Object> map(Object o, String where, Object container, String key) {
        return shape.map(o, where, container, key);
    }

    private List<Object> list(Object o, String where, Object container, String key) {
        return shape.list(o, where, container, key);
    }

    private void keys(Map<String, Object> m, String where, String... allowed) {
        shape.keys(m, where, allowed);
    }

    private String text(Map<String, Object> m, String key, String where) {
        return shape.text(m, key, where);
    }

    private double number(Map<String, Object> m, String key, String where) {
        return shape.number(m, key, where);
    }

    private int integer(String s, String where, Object container, String key) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw error(where, container, key, "'" + s + "' is not a whole number");
        }
    }

    private LocalDate date(Map<String, Object> m, String key, String where) {
        return shape.date(m, key, where);
    }

}
