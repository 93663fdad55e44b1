package org.innoladder.points.web;

import org.innoladder.evaluation.EvaluationRunPage;
import org.innoladder.points.PointsStatistics;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The evaluation run page's innovation-points row ({@code id="evaluation-points"}): how many enterprises the points
 * run that followed the evaluation run scored, 0 until it has finished.
 */
@ControllerAdvice(assignableTypes = EvaluationRunPage.class)
public class PointsRunAdvice {
    private final PointsStatistics statistics;

    public PointsRunAdvice(PointsStatistics statistics) {
        this.statistics = statistics;
    }

    @ModelAttribute("runPoints")
    public int runPoints(@PathVariable(name = "id", required = false) Long evaluationRunId) {
        return evaluationRunId == null ? 0 : statistics.storedAfterEvaluationRun(evaluationRunId);
    }
}
