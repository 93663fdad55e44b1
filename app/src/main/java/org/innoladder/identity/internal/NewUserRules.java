package org.innoladder.identity.internal;

import org.innoladder.identity.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Whether a requested user may be created, as a plain function: either the resolved user (role and the one
 * scope its role needs) or every rule broken, each naming the field, the value and the rule.
 */
public final class NewUserRules {
    static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,31}");
    static final int PASSWORD_MIN = 8;
    /** bcrypt reads at most 72 bytes; 64 characters of letters, digits and symbols stay below that. */
    static final int PASSWORD_MAX = 64;
    static final int DISPLAY_NAME_MAX = 100;

    private NewUserRules() {
    }

    /** The form as typed. Scope fields that the role does not use are ignored. */
    public record Request(String username, String password, String displayName, String role, String regionCode,
                          String creditCode, String bankCode) {
        private static String clean(String s) {
            return s == null ? "" : s.strip();
        }

        public Request {
            username = clean(username);
            displayName = clean(displayName);
            role = clean(role).toUpperCase(Locale.ROOT);
            regionCode = clean(regionCode);
            creditCode = clean(creditCode).toUpperCase(Locale.ROOT);
            bankCode = clean(bankCode);
            password = password == null ? "" : password;
        }
    }

    /** A broken rule: message key {@code user.rule.<rule>} for field {@code user.field.<field>}. */
    public record Violation(String field, String value, String rule) {
    }

    /** A user ready to insert (password still in clear; the caller hashes it). */
    public record Resolved(String username, String password, String displayName, Role role, String regionCode,
                           Long enterpriseId, Long bankId) {
    }

    public record Result(Optional<Resolved> user, List<Violation> violations) {
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    public static Result check(Request r, Predicate<String> usernameTaken, ScopeDirectory directory) {
        List<Violation> violations = new ArrayList<>();
        if (!USERNAME.matcher(r.username()).matches()) {
            violations.add(new Violation("username", r.username(), "usernamePattern"));
        } else if (usernameTaken.test(r.username())) {
            violations.add(new Violation("username", r.username(), "usernameTaken"));
        }
        if (!passwordAcceptable(r.password())) {
            violations.add(new Violation("password", null, "passwordPolicy"));
        }
        if (r.displayName().isEmpty()) {
            violations.add(new Violation("displayName", r.displayName(), "required"));
        } else if (r.displayName().length() > DISPLAY_NAME_MAX) {
            violations.add(new Violation("displayName", r.displayName(), "displayNameLength"));
        }
        Role role = parseRole(r.role());
        if (role == null) {
            violations.add(new Violation("role", r.role(), "roleUnknown"));
            return new Result(Optional.empty(), violations);
        }
        String regionCode = null;
        Long enterpriseId = null;
        Long bankId = null;
        switch (role) {
            case BUREAU, TOWN, LEADER -> {
                if (r.regionCode().isEmpty()) {
                    violations.add(new Violation("regionCode", r.regionCode(), "regionRequired"));
                } else if (directory.region(r.regionCode()).isEmpty()) {
                    violations.add(new Violation("regionCode", r.regionCode(), "regionUnknown"));
                } else if (role == Role.TOWN && r.regionCode().length() != 9) {
                    violations.add(new Violation("regionCode", r.regionCode(), "townRequired"));
                } else {
                    regionCode = r.regionCode();
                }
            }
            case ENTERPRISE -> {
                if (r.creditCode().isEmpty()) {
                    violations.add(new Violation("creditCode", r.creditCode(), "creditCodeRequired"));
                } else {
                    Optional<ScopeDirectory.Enterprise> e = directory.enterpriseByCreditCode(r.creditCode());
                    if (e.isEmpty()) violations.add(new Violation("creditCode", r.creditCode(), "creditCodeUnknown"));
                    else enterpriseId = e.get().id();
                }
            }
            case BANK -> {
                if (r.bankCode().isEmpty()) {
                    violations.add(new Violation("bankCode", r.bankCode(), "bankRequired"));
                } else {
                    Optional<ScopeDirectory.Bank> b = directory.bankByCode(r.bankCode());
                    if (b.isEmpty()) violations.add(new Violation("bankCode", r.bankCode(), "bankUnknown"));
                    else bankId = b.get().id();
                }
            }
            case ADMIN, EXPERT -> {
                // no scope: everything (admin) or assigned reviews only (expert)
            }
        }
        if (!violations.isEmpty()) return new Result(Optional.empty(), violations);
        return new Result(Optional.of(new Resolved(r.username(), r.password(), r.displayName(), role, regionCode,
                enterpriseId, bankId)), List.of());
    }

    public static boolean passwordAcceptable(String password) {
        if (password.length() < PASSWORD_MIN || password.length() > PASSWORD_MAX) return false;
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (c < 128 && Character.isLetter(c)) letter = true;
            if (c >= '0' && c <= '9') digit = true;
        }
        return letter && digit;
    }

    private static Role parseRole(String role) {
        for (Role r : Role.values()) {
            if (r.name().equals(role)) return r;
        }
        return null;
    }
}
