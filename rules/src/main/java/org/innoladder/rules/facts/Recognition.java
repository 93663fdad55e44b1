package org.innoladder.rules.facts;

import org.innoladder.rules.ladder.Tier;

import java.time.LocalDate;

/** One certificate held by an enterprise; {@code expiresOn} may be null (no fixed end). */
public record Recognition(String creditCode, Tier kind, String certificateNo, LocalDate issuedOn,
                          LocalDate expiresOn, String issuer) {
}
