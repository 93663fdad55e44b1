package org.innoladder.evaluation;

import java.util.List;
import java.util.Locale;

import org.innoladder.evaluation.internal.EvaluationResults;
import org.innoladder.identity.DataScope;
import org.springframework.stereotype.Component;

/** Published reader of an enterprise's stored evaluation results for its file page, within the caller's scope. */
@Component
public class FileResults {
    private final EvaluationResults results;

    public FileResults(EvaluationResults results) {
        this.results = results;
    }

    /** Every stored result of the enterprise, newest year first; empty when it is outside the scope. */
    public List<StoredResult> forFile(DataScope scope, String creditCode, Locale locale) {
        return results.forFile(scope, creditCode, locale);
    }
}
