package org.innoladder.rules;

/** A criterion's state for one enterprise-year; UNKNOWN when facts it needs are missing. */
public enum Status { PASS, FAIL, UNKNOWN }
