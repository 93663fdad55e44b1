package org.innoladder.rules.policy;

import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.yaml.CaseYaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A policy's {@code *.tests.yaml}: a base enterprise (enterprise columns, rows Y … Y-4, and {@code context}
 * values by name) and cases that override some of it ({@code ~} = unknown; {@code Y-1: ~} drops the row) and
 * state the expected outcome, amount, gaps (criterion, lever, required) and unknown facts.
 */
record PolicyCaseFile(String file, String policy, List<Case> cases) {

    record Case(String name, int year, List<FactRow> rows, Map<String, Object> context, Map<String, Object> expect) {
    }

    static PolicyCaseFile read(String file) {
        return parse(file, CaseYaml.root(file, Policies.resource(file)));
    }

    static Map<String, Object> asMap(Object o) {
        return CaseYaml.asMap(o);
    }

    private static PolicyCaseFile parse(String file, Map<String, Object> root) {
        int year = Integer.parseInt((String) root.get("year"));
        Map<String, Object> base = asMap(root.get("base"));
        List<Case> cases = new ArrayList<>();
        for (Object o : (List<?>) root.get("cases")) {
            Map<String, Object> c = asMap(o);
            Map<String, Object> merged = CaseYaml.merge(base, asMap(c.get("set")), List.of("enterprise", "context"));
            cases.add(new Case((String) c.get("name"), year, CaseYaml.rows(merged, year),
                    asMap(merged.get("context")), asMap(c.get("expect"))));
        }
        return new PolicyCaseFile(file, (String) root.get("policy"), cases);
    }
}
