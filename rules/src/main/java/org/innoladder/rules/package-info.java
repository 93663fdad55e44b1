/**
 * The rules engine: rulesets as data (YAML + CEL), evaluated for one enterprise or a whole population.
 *
 * <h2>For the application</h2>
 * <pre>{@code
 * Ruleset tsme = Rulesets.get("tsme");                 // latest version; or "tsme@2017"
 * List<RulesetInfo> all = Rulesets.list();             // id, version, titles, references, effective dates, notes
 *
 * // one enterprise: its rows (any years) of one credit code, evaluated for year Y
 * EvaluationResult r = tsme.evaluate(history, 2023);   // or evaluate(history, 2023, applicationDate)
 * r.outcome(); r.score(); r.criteria(); r.items(); r.gaps(); r.toJson();
 *
 * // a population: every enterprise with a row for Y, on all cores
 * Population pop = Population.of(allRows, 2023);       // or of(rows, 2023, referenceDate)
 * BatchResult batch = tsme.evaluate(pop);
 * batch.outcome(i); batch.scoreMin(i); batch.scoreMax(i);   // cheap, from arrays
 * batch.result(i);  batch.results();                        // full explanation and gaps, built on demand
 * }</pre>
 *
 * <p>Outcomes are three-valued ({@link org.innoladder.rules.Outcome}); a criterion whose facts are missing is
 * {@link org.innoladder.rules.Status#UNKNOWN}, never failed by a zero. Scores with expert-judged parts are ranges.
 * Results are immutable records whose field names are the JSON names; {@link org.innoladder.rules.EvaluationResult#toJson()}
 * writes the agreed JSON shape. All types are thread-safe. See the module README for the YAML format.
 *
 * <p>How a batch is fast: each ruleset is compiled, per set of parameter values, into one straight-line
 * program over column blocks ({@code cel.VecProgram}): the expressions the scores and the decision need
 * (shared sub-expressions and formulas once), band lookups, item sums, score thresholds and the decision
 * tree, with conditions as Kleene truth values 0/½/1 so that and/or/not are min/max/1−x. Explanations and
 * gaps for single rows use per-expression closures ({@code cel.CelToJava}); both paths are checked against
 * the CEL interpreter.
 */
package org.innoladder.rules;
