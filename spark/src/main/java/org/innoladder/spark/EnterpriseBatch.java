package org.innoladder.spark;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.innoladder.rules.BatchResult;
import org.innoladder.rules.Population;
import org.innoladder.rules.Ruleset;
import org.innoladder.rules.facts.FactRow;

/**
 * Evaluates every row of some enterprises, for each year and ruleset: the same calls the application makes for a run
 * (population of the year, the ruleset's batch evaluation, the compact encoding and near ratio of each explained
 * result). A result depends only on its own enterprise's rows, so any split of the enterprises into batches, with all
 * rows of an enterprise in the same batch, gives the same results as one population of the whole file.
 */
public final class EnterpriseBatch {
    private EnterpriseBatch() {
    }

    public static List<StoredResult> evaluate(Collection<FactRow> rows, int fromYear, int toYear, List<Ruleset> rulesets) {
        List<StoredResult> out = new ArrayList<>();
        for (int year = fromYear; year <= toYear; year++) {
            Population population = Population.of(rows, year);
            if (population.size() == 0) continue;
            for (Ruleset ruleset : rulesets) {
                BatchResult batch = ruleset.evaluate(population);
                for (int i = 0; i < batch.size(); i++) out.add(StoredResult.of(ruleset, year, batch.result(i)));
            }
        }
        return out;
    }
}
