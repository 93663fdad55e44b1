package org.innoladder.rules;

import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.yaml.CaseYaml;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code *.tests.yaml} file: a base enterprise (enterprise columns plus rows for Y, Y-1 … Y-4) and cases
 * that override some facts ({@code ~} makes a fact unknown, {@code Y-1: ~} drops the row) and state the
 * expected outcome, score, failing criteria, item points and gaps.
 */
record CaseFile(String file, String ruleset, List<Case> cases) {

    record Case(String name, int year, LocalDate referenceDate, List<FactRow> rows, Map<String, Object> expect) {
    }

    static CaseFile read(String file) {
        return parse(file, CaseYaml.root(file, Rulesets.resource(file)));
    }

    static Map<String, Object> asMap(Object o) {
        return CaseYaml.asMap(o);
    }

    private static CaseFile parse(String file, Map<String, Object> root) {
        int year = Integer.parseInt((String) root.get("year"));
        Map<String, Object> base = asMap(root.get("base"));
        List<Case> cases = new ArrayList<>();
        for (Object o : (List<?>) root.get("cases")) {
            Map<String, Object> c = asMap(o);
            String name = (String) c.get("name");
            int y = c.get("year") == null ? year : Integer.parseInt((String) c.get("year"));
            Map<String, Object> merged = CaseYaml.merge(base, asMap(c.get("set")), List.of("enterprise"));
            LocalDate ref = c.get("reference_date") == null ? LocalDate.of(y, 12, 31) : LocalDate.parse((String) c.get("reference_date"));
            cases.add(new Case(name, y, ref, CaseYaml.rows(merged, y), asMap(c.get("expect"))));
        }
        return new CaseFile(file, (String) root.get("ruleset"), cases);
    }
}
