package org.innoladder.policy;

/**
 * A module that supplies a namespace of policy facts (e.g. {@code credit.*}: the loans banks report) implements this;
 * policy matching and the sandbox ask every source to fill its columns of a population. The names and their types
 * are part of the policy language ({@code rules.policy.PolicyContext}); a source fills only names of its own
 * namespace. The dependency runs from the supplier to the policy module, never back.
 */
public interface PolicyFactSource {
    /** The namespace this source fills, without the dot ({@code credit}). */
    String namespace();

    /** Fills this source's columns for every row of the population. */
    void supply(Population population);

    /** The population being loaded, as a source sees it. */
    interface Population {
        /** The period Y. */
        int year();

        /** The region subtree loaded (a code prefix; "" for every region). */
        String regionPrefix();

        /** The population's row of an enterprise, or -1 when it is not in the population (not in scope, no facts for Y). */
        int rowOf(long enterpriseId);

        /**
         * A context column of this population, first filled with {@code initial} (NaN = unknown; 0 when the source is
         * the register of what it counts, so that "none" is known); written in place.
         */
        double[] column(String name, double initial);
    }
}
