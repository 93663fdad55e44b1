/**
 * The ladder (梯度培育): each enterprise's official and eligible tier per year, reserve pools (后备库) with
 * reasons, and year-over-year transitions. Definitions in docs/ladder.md; the decision for one enterprise is
 * {@link org.innoladder.ladder.TierDecision#decide}.
 */
package org.innoladder.ladder;
