package org.innoladder.rules.policy;

/**
 * ELIGIBLE: the eligibility holds (with a known amount). NEAR: it fails, but closing small gaps of declared
 * levers would make it hold. UNDETERMINED: facts it needs are unknown. NOT_ELIGIBLE: plainly not (not stored).
 */
public enum PolicyOutcome { ELIGIBLE, NEAR, UNDETERMINED, NOT_ELIGIBLE }
