package org.innoladder.identity.internal;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import java.util.List;

import org.innoladder.audit.AuditTrail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, enabling and disabling users; every change is audited in the same transaction. */
@Service
public class UserAdministration {
    private final AppUserRepository users;
    private final ScopeDirectory directory;
    private final PasswordEncoder encoder;
    private final AuditTrail audit;

    public UserAdministration(AppUserRepository users, ScopeDirectory directory, PasswordEncoder encoder,
                              AuditTrail audit) {
        this.users = users;
        this.directory = directory;
        this.encoder = encoder;
        this.audit = audit;
    }

    /** Either the violations (nothing written) or the created user's id in {@code created}. */
    public record Outcome(Long created, List<NewUserRules.Violation> violations) {
    }

    @Transactional
    public Outcome create(NewUserRules.Request request, CurrentUser actor, String sourceIp) {
        requireAdmin(actor);
        NewUserRules.Result result = NewUserRules.check(request, users::exists, directory);
        if (!result.valid()) return new Outcome(null, result.violations());
        NewUserRules.Resolved u = result.user().orElseThrow();
        long id = users.insert(u.username(), encoder.encode(u.password()), u.displayName(), u.role(), u.regionCode(),
                u.enterpriseId(), u.bankId());
        audit.record(actor.username(), "user.create", "app_user:" + u.username(),
                "role=" + u.role() + scopeDetail(u), sourceIp);
        return new Outcome(id, List.of());
    }

    /** Disabling oneself is refused, so the last administrator cannot lock everyone out by mistake. */
    @Transactional
    public List<NewUserRules.Violation> setEnabled(long id, boolean enabled, CurrentUser actor, String sourceIp) {
        requireAdmin(actor);
        AppUser user = users.findById(id).orElse(null);
        if (user == null) return List.of(new NewUserRules.Violation("id", Long.toString(id), "notFound"));
        if (!enabled && user.id() == actor.id()) {
            return List.of(new NewUserRules.Violation("username", user.username(), "notSelf"));
        }
        users.setEnabled(id, enabled);
        audit.record(actor.username(), enabled ? "user.enable" : "user.disable", "app_user:" + user.username(), null,
                sourceIp);
        return List.of();
    }

    /** Users (their roles and scopes) are the platform administrator's: every other role's write scope excludes them. */
    private static void requireAdmin(CurrentUser actor) {
        if (actor.role() != Role.ADMIN) throw new AccessDeniedException("only ADMIN manages users");
    }

    public AppUser find(long id) {
        return users.findById(id).orElse(null);
    }

    private static String scopeDetail(NewUserRules.Resolved u) {
        if (u.regionCode() != null) return "; region=" + u.regionCode();
        if (u.enterpriseId() != null) return "; enterprise_id=" + u.enterpriseId();
        if (u.bankId() != null) return "; bank_id=" + u.bankId();
        return "";
    }
}
