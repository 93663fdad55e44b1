package org.innoladder.evaluation;

/**
 * Implemented by the controller of the evaluation run page ({@code /evaluations/runs/{id}}): modules that react to a
 * run's {@link EvaluationStored} show their part of its progress there with
 * {@code @ControllerAdvice(assignableTypes = EvaluationRunPage.class)} model attributes.
 */
public interface EvaluationRunPage {
}
