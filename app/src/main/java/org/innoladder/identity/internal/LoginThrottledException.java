package org.innoladder.identity.internal;

import org.springframework.security.core.AuthenticationException;

/** Too many failed logins from the caller's address: refused without looking at the password. */
public class LoginThrottledException extends AuthenticationException {
    public LoginThrottledException(String message) {
        super(message);
    }
}
