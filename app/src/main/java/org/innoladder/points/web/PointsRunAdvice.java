package org.innoladder.points.web;

import org.innoladder.evaluation.EvaluationRunPage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The evaluation run page's innovation-points row ({@code id="evaluation-points"}): how many enterprises the points
 * run that followed the evaluation run scored, 0 until it has finished.
 */
@ControllerAdvice(assignableTypes = EvaluationRunPage.class)
public class PointsRunAdvice {
    private final JdbcClient jdbc;

    public PointsRunAdvice(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ModelAttribute("runPoints")
    public int runPoints(@PathVariable(name = "id", required = false) Long evaluationRunId) {
        if (evaluationRunId == null) return 0;
        return jdbc.sql("SELECT enterprises FROM points_run WHERE evaluation_run_id = ? AND finished_at IS NOT NULL"
                        + " ORDER BY id DESC LIMIT 1")
                .param(evaluationRunId).query(Integer.class).optional().orElse(0);
    }
}
