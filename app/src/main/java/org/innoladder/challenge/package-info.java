/**
 * 揭榜挂帅 technology challenges: needs collected from enterprises and bureaus, screened, published on a public board,
 * answered by self-registered solvers (activated by a bureau), formally checked, reviewed by experts through the
 * review module's published {@link org.innoladder.review.Reviews}, negotiated, publicised with objections, contracted
 * with milestone payments that never overspend the issuer's or the government's share, accepted or terminated.
 */
package org.innoladder.challenge;
