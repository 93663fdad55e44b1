package org.innoladder.rules.points;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import org.innoladder.rules.cel.CelToJava;
import org.innoladder.rules.cel.FactSchema;
import org.innoladder.rules.yaml.YamlDoc;
import org.innoladder.rules.yaml.YamlShape;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a points model YAML file and checks all of it on load: unknown keys, missing or duplicate ids, a
 * weight for every stage, and every CEL formula type-checked against the data-dictionary facts and compiled
 * with the rules engine's compiler ({@link CelToJava}), so that a broken model fails here, naming the file,
 * the item and the line.
 */
final class PointsModelLoader {
    private static final Set<String> FACTS = Set.copyOf(FactSchema.declarations().keySet());
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");
    /** A dotted name as facts, parameters and formulas are written; string literals are skipped first. */
    private static final Pattern NAME = Pattern.compile("(?<![A-Za-z0-9_.])(e|y1|y2|sum3|p|f)\\.([A-Za-z0-9_]+)");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

    private final YamlDoc doc;
    private final YamlShape<PointsModelException> shape;
    private CelCompiler compiler;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, Object> formulas = new LinkedHashMap<>();
    private final Set<Integer> usedSlots = new HashSet<>();

    private PointsModelLoader(YamlDoc doc) {
        this.doc = doc;
        this.shape = new YamlShape<>(doc, PointsModelException::new);
    }

    static PointsModel load(String file, InputStream in) {
        YamlDoc doc;
        try {
            doc = YamlDoc.parse(file, new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new PointsModelException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        return new PointsModelLoader(doc).model();
    }

    private PointsModel model() {
        Map<String, Object> root = map(doc.root(), "model", null, null);
        keys(root, "model", "id", "version", "title", "notes", "standard_score", "parameters", "stages", "formulas",
                "groups", "bonuses", "deductions");
        String id = text(root, "id", "model");
        String version = text(root, "version", "model");
        Map<String, Object> title = map(root.get("title"), "title", root, "title");
        keys(title, "title", "zh", "en");
        List<String> notes = new ArrayList<>();
        if (root.get("notes") != null) {
            for (Object n : list(root.get("notes"), "notes", root, "notes")) notes.add(String.valueOf(n));
        }

        PointsModel.Method method = PointsModel.Method.RANK;
        PointsModel.Reference reference = PointsModel.Reference.STAGE;
        if (root.get("standard_score") != null) {
            Map<String, Object> ss = map(root.get("standard_score"), "standard_score", root, "standard_score");
            keys(ss, "standard_score", "method", "reference", "note");
            if (ss.get("method") != null) {
                String m = text(ss, "method", "standard_score");
                if (!m.equals("rank") && !m.equals("minmax")) throw error("standard_score", ss, "method", "must be rank or minmax, not '" + m + "'");
                method = m.equals("rank") ? PointsModel.Method.RANK : PointsModel.Method.MINMAX;
            }
            if (ss.get("reference") != null) {
                String r = text(ss, "reference", "standard_score");
                if (!r.equals("stage") && !r.equals("population")) throw error("standard_score", ss, "reference", "must be stage or population, not '" + r + "'");
                reference = r.equals("stage") ? PointsModel.Reference.STAGE : PointsModel.Reference.POPULATION;
            }
        }

        CelCompilerBuilder cb = CelCompilerFactory.standardCelCompilerBuilder();
        FactSchema.declarations().forEach(cb::addVar);
        if (root.get("parameters") != null) {
            Map<String, Object> ps = map(root.get("parameters"), "parameters", root, "parameters");
            for (Map.Entry<String, Object> e : ps.entrySet()) {
                String where = "parameter '" + e.getKey() + "'";
                checkId(e.getKey(), where, ps, e.getKey());
                Object container = ps;
                String key = e.getKey();
                if (e.getValue() instanceof Map<?, ?> m) {
                    container = m;
                    key = "value";
                    keys(map(m, where, ps, e.getKey()), where, "value", "unit", "note");
                }
                parameters.put(e.getKey(), number((Map<?, ?>) container, key, where));
                cb.addVar("p." + e.getKey(), SimpleType.DOUBLE);
            }
        }
        compiler = cb.build();

        if (root.get("formulas") != null) {
            Map<String, Object> fs = map(root.get("formulas"), "formulas", root, "formulas");
            for (Map.Entry<String, Object> e : fs.entrySet()) {
                String where = "formula '" + e.getKey() + "'";
                checkId(e.getKey(), where, fs, e.getKey());
                Object container = fs;
                String key = e.getKey();
                if (e.getValue() instanceof Map<?, ?> m) {
                    keys(map(m, where, fs, key), where, "expr", "note");
                    container = m;
                    key = "expr";
                }
                CelAbstractSyntaxTree ast = ast(where, container, key, null);
                formulas.put(e.getKey(), compile(ast, where, container, key));
                compiler = compiler.toCompilerBuilder().addVar("f." + e.getKey(), ast.getResultType()).build();
            }
        }

        List<Stage> stages = new ArrayList<>();
        List<Object> stageNodes = new ArrayList<>();
        List<Object> rawStages = list(root.get("stages"), "stages", root, "stages");
        for (int k = 0; k < rawStages.size(); k++) {
            Map<String, Object> m = map(rawStages.get(k), "stage", root, "stages");
            String sid = text(m, "id", "stage");
            String where = "stage '" + sid + "'";
            keys(m, where, "id", "zh", "en", "when", "note");
            checkId(sid, where, m, "id");
            if (stages.stream().anyMatch(s -> s.id().equals(sid))) throw error(where, m, "id", "duplicate stage id");
            boolean last = k == rawStages.size() - 1;
            if (last && m.get("when") != null) throw error(where, m, "when", "the last stage must have no 'when' (it takes every enterprise no earlier stage took)");
            if (!last && m.get("when") == null) throw error(where, m, "id", "needs 'when' (only the last stage takes the rest)");
            Object node = last ? null : compile(ast(where + " when", m, "when", CelKind.BOOL), where + " when", m, "when");
            stages.add(new Stage(sid, text(m, "zh", where), text(m, "en", where), last ? null : (String) m.get("when")));
            stageNodes.add(node);
        }
        if (stages.isEmpty()) throw error("stages", root, "stages", "needs at least one stage");

        List<Group> groups = new ArrayList<>();
        List<Object> indicatorNodes = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Object o : list(root.get("groups"), "groups", root, "groups")) {
            Map<String, Object> g = map(o, "group", root, "groups");
            String gid = text(g, "id", "group");
            String gwhere = "group '" + gid + "'";
            keys(g, gwhere, "id", "zh", "en", "note", "indicators");
            checkId(gid, gwhere, g, "id");
            if (groups.stream().anyMatch(x -> x.id().equals(gid))) throw error(gwhere, g, "id", "duplicate group id");
            List<Indicator> indicators = new ArrayList<>();
            List<Object> raw = list(g.get("indicators"), gwhere + " indicators", g, "indicators");
            if (raw.isEmpty()) throw error(gwhere, g, "indicators", "needs at least one indicator");
            for (Object io : raw) {
                Map<String, Object> m = map(io, "indicator", g, "indicators");
                String iid = text(m, "id", gwhere + " indicator");
                String where = "indicator '" + iid + "'";
                keys(m, where, "id", "zh", "en", "value", "direction", "weights", "note", "unit");
                org.innoladder.rules.Unit unit = m.get("unit") == null ? org.innoladder.rules.Unit.NONE
                        : org.innoladder.rules.Unit.parse(String.valueOf(m.get("unit"))).orElseThrow(() -> error(where, m, "unit",
                        "'" + m.get("unit") + "' is not a unit (one of " + org.innoladder.rules.Unit.codes() + ")"));
                checkId(iid, where, m, "id");
                if (!ids.add(iid)) throw error(where, m, "id", "duplicate indicator or adjustment id");
                String direction = m.get("direction") == null ? "higher" : text(m, "direction", where);
                if (!direction.equals("higher") && !direction.equals("lower")) {
                    throw error(where, m, "direction", "must be higher or lower (which values are better), not '" + direction + "'");
                }
                Map<String, Object> w = map(m.get("weights"), where + " weights", m, "weights");
                Map<String, Double> weights = new LinkedHashMap<>();
                for (String k : w.keySet()) {
                    if (stages.stream().noneMatch(s -> s.id().equals(k))) throw error(where + " weights", w, k, "no stage '" + k + "'");
                }
                for (Stage s : stages) {
                    if (!w.containsKey(s.id())) throw error(where + " weights", m, "weights", "needs a weight for stage '" + s.id() + "'");
                    double v = number(w, s.id(), where + " weights");
                    if (!(v >= 0) || Double.isInfinite(v)) throw error(where + " weights", w, s.id(), "must be a finite number ≥ 0, not " + w.get(s.id()));
                    weights.put(s.id(), v);
                }
                Object node = compile(ast(where + " value", m, "value", CelKind.DOUBLE), where + " value", m, "value");
                indicators.add(new Indicator(iid, gid, text(m, "zh", where), text(m, "en", where), (String) m.get("value"),
                        direction.equals("higher"), Map.copyOf(weights), (String) m.get("note"), unit));
                indicatorNodes.add(node);
            }
            groups.add(new Group(gid, text(g, "zh", gwhere), text(g, "en", gwhere), List.copyOf(indicators)));
        }
        if (groups.isEmpty()) throw error("groups", root, "groups", "needs at least one group");

        List<Adjustment> adjustments = new ArrayList<>();
        List<Object> adjustmentNodes = new ArrayList<>();
        Double bonusCap = adjustments(root, "bonuses", Adjustment.Kind.BONUS, ids, adjustments, adjustmentNodes);
        Double deductionCap = adjustments(root, "deductions", Adjustment.Kind.DEDUCTION, ids, adjustments, adjustmentNodes);

        return new PointsModel(id, version, text(title, "zh", "title"), text(title, "en", "title"), List.copyOf(notes),
                method, reference, Map.copyOf(parameters), List.copyOf(stages), List.copyOf(groups), List.copyOf(adjustments),
                bonusCap, deductionCap, stageNodes, indicatorNodes, adjustmentNodes, Set.copyOf(usedSlots));
    }

    /** Reads a bonuses or deductions section; returns its cap or null. */
    private Double adjustments(Map<String, Object> root, String section, Adjustment.Kind kind, Set<String> ids,
                               List<Adjustment> out, List<Object> nodes) {
        if (root.get(section) == null) return null;
        Map<String, Object> s = map(root.get(section), section, root, section);
        keys(s, section, "cap", "note", "items");
        Double cap = null;
        if (s.get("cap") != null) {
            cap = number(s, "cap", section);
            if (!(cap >= 0)) throw error(section, s, "cap", "must be ≥ 0");
        }
        String what = kind == Adjustment.Kind.BONUS ? "bonus" : "deduction";
        for (Object o : list(s.get("items"), section + " items", s, "items")) {
            Map<String, Object> m = map(o, what, s, "items");
            String aid = text(m, "id", what);
            String where = what + " '" + aid + "'";
            keys(m, where, "id", "zh", "en", "when", "points", "note");
            checkId(aid, where, m, "id");
            if (!ids.add(aid)) throw error(where, m, "id", "duplicate indicator or adjustment id");
            double points = number(m, "points", where);
            if (!(points > 0) || Double.isInfinite(points)) {
                throw error(where, m, "points", "must be a positive number (a deduction is written positive and subtracted)");
            }
            nodes.add(compile(ast(where + " when", m, "when", CelKind.BOOL), where + " when", m, "when"));
            out.add(new Adjustment(aid, kind, text(m, "zh", where), text(m, "en", where), (String) m.get("when"), points));
        }
        return cap;
    }

    private CelAbstractSyntaxTree ast(String where, Object container, String key, CelKind expected) {
        Object raw = ((Map<?, ?>) container).get(key);
        if (!(raw instanceof String source) || source.isBlank()) throw error(where, container, key, "needs a CEL expression");
        Matcher names = NAME.matcher(STRING.matcher(source).replaceAll("\"\""));
        while (names.find()) {
            String name = names.group();
            boolean known = switch (names.group(1)) {
                case "p" -> parameters.containsKey(names.group(2));
                case "f" -> formulas.containsKey(names.group(2));
                default -> FACTS.contains(name);
            };
            if (!known) {
                throw error(where, container, key, "unknown name '" + name + "' (facts are e.<column>, y1.<column>, "
                        + "y2.<column>, sum3.<column> of the data dictionary, e.age_years; p.<parameter>; f.<formula> "
                        + "declared above)");
            }
        }
        CelAbstractSyntaxTree ast;
        try {
            ast = compiler.compile(source).getAst();
        } catch (CelValidationException e) {
            throw error(where, container, key, e.getMessage());
        }
        CelKind kind = ast.getResultType().kind();
        if (expected != null && kind != expected) {
            throw error(where, container, key, "must be a " + (expected == CelKind.BOOL ? "condition (bool)" : "number (double; write 1.0, not 1)")
                    + ", is " + ast.getResultType().name());
        }
        if (kind != CelKind.BOOL && kind != CelKind.DOUBLE && kind != CelKind.STRING) {
            throw error(where, container, key, "must be a bool, double or string expression, is " + ast.getResultType().name());
        }
        return ast;
    }

    private Object compile(CelAbstractSyntaxTree ast, String where, Object container, String key) {
        try {
            return new CelToJava(ast, parameters, formulas, usedSlots).compile();
        } catch (RuntimeException e) {
            throw error(where, container, key, e.getMessage());
        }
    }

    // ---- plain values ------------------------------------------------------------------------------------

    private PointsModelException error(String where, Object container, String key, String message) {
        return shape.error(where, container, key, message);
    }

    private void checkId(String id, String where, Object container, String key) {
        if (!ID.matcher(id).matches()) throw error(where, container, key, "an id is lower-case letters, digits and _, starting with a letter");
    }

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

    private double number(Map<?, ?> m, String key, String where) {
        Object v = m.get(key);
        if (!(v instanceof String s) || s.isBlank()) throw error(where, m, key, "needs a number '" + key + "'");
        try {
            return Double.parseDouble(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw error(where, m, key, "'" + s + "' is not a number");
        }
    }
}
