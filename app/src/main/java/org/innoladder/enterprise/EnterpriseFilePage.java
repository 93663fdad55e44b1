package org.innoladder.enterprise;

/**
 * Implemented by the controller of the enterprise file page (一企一档, {@code /enterprises/{creditCode}}): other
 * modules add their sections to the page with {@code @ControllerAdvice(assignableTypes = EnterpriseFilePage.class)}
 * model attributes, so the enterprise module knows nothing of them.
 */
public interface EnterpriseFilePage {
}
