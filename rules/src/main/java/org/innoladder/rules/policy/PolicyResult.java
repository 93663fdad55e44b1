package org.innoladder.rules.policy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One enterprise evaluated under a policy and explained: which criteria held, the amount, the gaps of a NEAR
 * one, the unknown facts of an UNDETERMINED one, and the facts the condition and formula read.
 */
public record PolicyResult(String creditCode, String name, String policy, int period, PolicyOutcome outcome,
                           BigDecimal amount, List<Criterion> criteria, List<Gap> gaps, List<String> unknown,
                           Map<String, Object> facts, String explanationZh, String explanationEn) {

    /** A criterion's status (PASS, FAIL, UNKNOWN) with its bilingual text. */
    public record Criterion(String id, String status, String zh, String en) {
    }

    /** The smallest change of one lever that makes a failed criterion hold, with that change in words. */
    public record Gap(String criterion, String lever, String column, BigDecimal current, BigDecimal required,
                      BigDecimal delta, String zh, String en) {
    }
}
