package org.innoladder.identity;

/**
 * Resolves the bearer token of an API request to the user it was issued to. Identity owns the filter chain and the
 * users; the capability that issues tokens (credit: bank API tokens) owns the tokens and implements this. The chain
 * then loads the user, requires it to be enabled and to belong to the token's bank, and authenticates the request as
 * that user for this request only.
 */
public interface ApiTokenResolver {

    /** {@code VALID} with the token's user and bank; {@code INVALID} (unknown, revoked, malformed); {@code RATE_LIMITED}. */
    Resolution resolve(String token);

    enum Outcome { VALID, INVALID, RATE_LIMITED }

    record Resolution(Outcome outcome, long userId, long bankId, long retryAfterSeconds) {
        public static Resolution valid(long userId, long bankId) {
            return new Resolution(Outcome.VALID, userId, bankId, 0);
        }

        public static Resolution invalid() {
            return new Resolution(Outcome.INVALID, 0, 0, 0);
        }

        public static Resolution rateLimited(long retryAfterSeconds) {
            return new Resolution(Outcome.RATE_LIMITED, 0, 0, retryAfterSeconds);
        }
    }
}
