package org.innoladder.rules;

import java.util.function.LongPredicate;

/**
 * The gap search shared by rulesets and policies: the smallest number of whole lever steps (1 … maxSteps) for
 * which a re-evaluated criterion passes, by one probe at the limit, then exponential, then binary search. It
 * assumes the criterion is monotone in the lever, as every threshold criterion is.
 */
public final class LeverSearch {
    private LeverSearch() {
    }

    /** The smallest passing step count, or -1 when none within {@code maxSteps} passes. */
    public static long smallest(long maxSteps, LongPredicate passes) {
        // One probe at the limit settles the common case of a lever that cannot pass the criterion alone.
        if (maxSteps < 1 || !passes.test(maxSteps)) return -1;
        long fail = 0, pass = 1;
        while (!passes.test(pass)) {
            if (pass >= maxSteps) return -1;
            fail = pass;
            pass = Math.min(pass * 2, maxSteps);
        }
        while (pass - fail > 1) {
            long mid = (fail + pass) >>> 1;
            if (passes.test(mid)) pass = mid;
            else fail = mid;
        }
        return pass;
    }
}
