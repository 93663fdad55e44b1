package org.innoladder.rules;

/** The decision: UNDETERMINED when missing facts or an expert-judged score range leave it open. */
public enum Outcome { QUALIFIED, NOT_QUALIFIED, UNDETERMINED }
