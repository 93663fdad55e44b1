package org.innoladder.identity.internal;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/** The provider vouched for the user but our mapping or accounts do not let them in. */
class SsoRefusedException extends OAuth2AuthenticationException {
    private final SsoRefusal refusal;

    SsoRefusedException(SsoRefusal refusal) {
        super(new OAuth2Error("access_denied", refusal.auditDetail(), null));
        this.refusal = refusal;
    }

    SsoRefusal refusal() {
        return refusal;
    }
}
