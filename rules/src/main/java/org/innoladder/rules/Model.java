package org.innoladder.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.types.CelKind;
import dev.cel.runtime.CelRuntime;
import org.innoladder.rules.facts.Column;

import java.time.LocalDate;
import java.util.List;

/** The parsed, type-checked parts of a ruleset; internal to the engine. */
final class Model {
    private Model() {
    }

    /** A checked CEL expression; {@code index} addresses its compiled node in a {@link Plan}. */
    record Expr(int index, String where, String source, CelAbstractSyntaxTree ast, CelKind kind,
                CelRuntime.Program program) {
    }

    /** A named formula, referenced from other expressions as {@code f.<name>}. */
    record Formula(String name, Expr expr) {
    }

    /** One dated value of a parameter: a Double, a List of strings or a List of {@link Band}s. */
    record Dated(LocalDate from, Object value) {
    }

    record Parameter(String name, String reference, String note, boolean projectDefault, List<Dated> values) {
        /** The value in force at {@code date}; before the first date the earliest value applies. */
        Object at(LocalDate date) {
            Object v = values.get(0).value();
            for (Dated d : values) {
                if (!d.from().isAfter(date)) v = d.value();
            }
            return v;
        }
    }

    /** A band of a score table: value ≥ min (or > min when strict); {@code otherwise} matches everything. */
    record Band(double min, boolean strict, boolean otherwise, int lo, int hi, String label) {
    }

    /** A band chosen by a condition; {@code when} null matches everything. */
    record Case(Expr when, int lo, int hi, String label) {
    }

    /**
     * A scored part of an item: a value looked up in a band-table parameter, a list of conditional cases,
     * or an expert-judged range narrowed to a given value.
     */
    record Part(String id, String reference, Expr value, String bandsParam, List<Case> cases, int[] range) {
    }

    record Item(String id, String reference, int max, boolean best, List<Part> parts) {
    }

    /**
     * What gap analysis may change: a numeric column of year Y, moved in whole steps in one direction, up to
     * an optional {@code limit} expression (e.g. S&T staff cannot exceed employees).
     */
    record Lever(String id, Column column, boolean increase, double step, Expr limit) {
    }

    /**
     * A criterion: either a CEL condition, or a score threshold ({@code scoreOf} = "total" or an item id,
     * passing when the score range's minimum reaches the threshold parameter).
     */
    record Criterion(String id, String reference, Expr condition, Expr value, Expr threshold,
                     String scoreOf, String atLeast, List<Lever> levers) {
        boolean isScore() {
            return scoreOf != null;
        }
    }

    /** The decision tree over criterion statuses, evaluated in three-valued logic. */
    sealed interface Decision permits Ref, All, Any {
    }

    record Ref(int criterion) implements Decision {
    }

    record All(List<Decision> of) implements Decision {
    }

    record Any(List<Decision> of) implements Decision {
    }
}
