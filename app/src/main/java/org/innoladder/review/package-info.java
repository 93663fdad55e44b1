/**
 * Expert review (专家评审): one engine for every workflow in which experts score a case — the 揭榜挂帅 challenge
 * applications and the HNTE application review (高企申报三级审查). The engine's decisions are plain functions in
 * {@code domain} (conflicts of interest, proposal by field and workload, panel statistics with outliers, moderation,
 * threshold, ranking, the workflow's state machine, scoring forms as data); {@code internal} holds the expert pool,
 * the review cases with their persisted history and the HNTE dossiers, which live in this module because their
 * expert step is a review case and their other steps are short (see docs/review.md).
 */
package org.innoladder.review;
