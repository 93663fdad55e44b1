package org.innoladder.identity.internal;

import java.io.Serializable;

/**
 * Why a single sign-on was refused, for the page that tells the user what to ask the administrator and for the
 * audit entry: the claim that decided it, the value the provider sent (null when the claim was missing) and the
 * provider's subject.
 */
public record SsoRefusal(Reason reason, String claim, String value, String subject) implements Serializable {
    public enum Reason {
        MISSING_CLAIM, UNMAPPED_ROLE, AMBIGUOUS_ROLE, UNMAPPED_REGION, AMBIGUOUS_REGION, UNKNOWN_USER, DISABLED,
        /** The username belongs to a local account whose scope is not a region (an enterprise, bank, expert or solver). */
        OTHER_ACCOUNT_KIND
    }

    /** The setting an administrator changes to let this user in, or null when it is not a setting. */
    public String setting() {
        return switch (reason) {
            case MISSING_CLAIM -> "innoladder.sso.*-claim";
            case UNMAPPED_ROLE, AMBIGUOUS_ROLE -> "innoladder.sso.roles";
            case UNMAPPED_REGION -> "innoladder.sso.regions";
            case UNKNOWN_USER -> "innoladder.sso.provision";
            case AMBIGUOUS_REGION, DISABLED, OTHER_ACCOUNT_KIND -> null;
        };
    }

    /** One line for the audit trail. */
    String auditDetail() {
        return "sso refused: " + reason + "; claim " + claim + "=" + (value == null ? "(missing)" : value)
                + "; subject=" + subject;
    }
}
