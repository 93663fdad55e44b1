package org.innoladder.policy;

/**
 * Published (as an application event, inside the transaction that changed the facts) by a module whose facts
 * policies read, for one enterprise and period: after the commit the policy module matches that enterprise again
 * against every published AUTOMATIC policy that reads the namespace, so that an award case opens by itself
 * (免申即享). The credit module publishes it when a loan is disbursed.
 */
public record PolicyFactsChanged(String namespace, long enterpriseId, int year) {
}
