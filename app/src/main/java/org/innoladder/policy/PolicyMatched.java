package org.innoladder.policy;

/**
 * Published (as a Spring application event) after a matching run's matches are committed. The award package
 * listens and opens an award case for every ELIGIBLE match of an AUTOMATIC policy (免申即享); the database's
 * unique (policy, enterprise, period) key keeps concurrent runs from opening two.
 */
public record PolicyMatched(long runId, long policyId, int policyVersion, int period) {
}
