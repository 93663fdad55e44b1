package org.innoladder.evaluation.web;

import org.innoladder.evaluation.internal.EvaluationResults;
import org.innoladder.evaluation.StoredResult;
import java.util.List;
import java.util.Locale;

import org.innoladder.enterprise.EnterpriseFilePage;
import org.innoladder.identity.CurrentUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Feeds the enterprise file page's evaluation section ({@code evaluation/fragments :: outcomes}) without the
 * enterprise package knowing about evaluations: the stored results of the page's enterprise, in the caller's scope.
 */
@ControllerAdvice(assignableTypes = EnterpriseFilePage.class)
public class EvaluationFileAdvice {
    private final EvaluationResults results;

    public EvaluationFileAdvice(EvaluationResults results) {
        this.results = results;
    }

    @ModelAttribute("evaluations")
    public List<StoredResult> evaluations(@PathVariable(name = "creditCode", required = false) String creditCode,
                                          CurrentUser user, Locale locale) {
        if (creditCode == null || user == null) return List.of();
        return results.forFile(user.scope(), creditCode.strip().toUpperCase(Locale.ROOT), locale);
    }
}
