package org.innoladder.identity.internal;

import java.security.SecureRandom;
import java.util.Base64;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Turns a user the identity provider signed in into one of ours: the claims are mapped ({@link SsoClaimMapping}),
 * the account is looked up by the mapped username (created when {@code innoladder.sso.provision} is on), and the
 * account's role and region follow the provider's claims. Every outcome is audited with the provider's subject.
 */
class SsoUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OidcUserService provider = new OidcUserService();
    private final SsoProperties settings;
    private final SsoClaimMapping mapping;
    private final AppUserRepository users;
    private final ScopeDirectory directory;
    private final PasswordEncoder encoder;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final TransactionTemplate apart;

    SsoUserService(SsoProperties settings, AppUserRepository users, ScopeDirectory directory, PasswordEncoder encoder,
                   AuditTrail audit, PlatformTransactionManager transactions) {
        this.settings = settings;
        this.mapping = new SsoClaimMapping(settings);
        this.users = users;
        this.directory = directory;
        this.encoder = encoder;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
        this.apart = new TransactionTemplate(transactions);
        this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser oidc = provider.loadUser(request);
        String subject = oidc.getSubject();
        String ip = clientAddress();
        SsoClaimMapping.Outcome outcome = mapping.map(subject, oidc.getClaims());
        if (outcome instanceof SsoClaimMapping.Refused refused) throw refuse(refused.refusal(), ip);
        SsoClaimMapping.Granted granted = ((SsoClaimMapping.Accepted) outcome).granted();
        if (directory.region(granted.regionCode()).isEmpty()) {
            // the configuration names a region the platform does not have: a mapping error, refused like an unmapped one
            throw refuse(new SsoRefusal(SsoRefusal.Reason.UNMAPPED_REGION, settings.regionClaim(),
                    String.valueOf(oidc.getClaims().get(settings.regionClaim())), subject), ip);
        }
        CurrentUser user = tx.execute(s -> signIn(granted, subject, oidc.getIssuer() + "", ip));
        return new SsoPrincipal(user, oidc, settings.usernameClaim());
    }

    private CurrentUser signIn(SsoClaimMapping.Granted granted, String subject, String issuer, String ip) {
        String how = "sso issuer=" + issuer + "; subject=" + subject;
        AppUser existing = users.lockByUsername(granted.username()).orElse(null);
        long id;
        if (existing == null) {
            if (!settings.provision()) {
                throw refuse(new SsoRefusal(SsoRefusal.Reason.UNKNOWN_USER, settings.usernameClaim(), granted.username(),
                        subject), ip);
            }
            // nobody knows this password: the account signs in through the provider only (an admin may reset it)
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            id = users.insert(granted.username(), encoder.encode(Base64.getEncoder().encodeToString(secret)),
                    granted.displayName(), granted.role(), granted.regionCode(), null, null);
            audit.record("sso", "user.create", "app_user:" + granted.username(),
                    "provisioned by single sign-on; role=" + granted.role() + "; region=" + granted.regionCode()
                            + "; " + how, ip);
        } else {
            if (!existing.enabled()) {
                throw refuse(new SsoRefusal(SsoRefusal.Reason.DISABLED, settings.usernameClaim(), granted.username(),
                        subject), ip);
            }
            if (!SsoProperties.MAPPABLE.contains(existing.role())) {
                throw refuse(new SsoRefusal(SsoRefusal.Reason.OTHER_ACCOUNT_KIND, settings.usernameClaim(),
                        granted.username(), subject), ip);
            }
            id = existing.id();
            if (existing.role() != granted.role() || !granted.regionCode().equals(existing.regionCode())) {
                users.updateScope(id, granted.role(), granted.regionCode());
                audit.record("sso", "user.scope", "app_user:" + granted.username(), "role " + existing.role() + " → "
                        + granted.role() + "; region " + existing.regionCode() + " → " + granted.regionCode()
                        + " (identity provider's claims); " + how, ip);
            }
        }
        audit.record(granted.username(), "login.success", "app_user:" + granted.username(), how, ip);
        String displayName = existing == null ? granted.displayName() : existing.displayName();
        return new CurrentUser(id, granted.username(), displayName, granted.role(), granted.regionCode(), null, null);
    }

    private SsoRefusedException refuse(SsoRefusal refusal, String ip) {
        boolean named = refusal.value() != null && refusal.claim().equals(settings.usernameClaim());
        // a refusal inside signIn rolls its transaction back, so the audit entry is written in one of its own
        apart.executeWithoutResult(s -> audit.record(named ? refusal.value() : "(sso)", "login.failure",
                "sso:" + refusal.subject(), refusal.auditDetail(), ip));
        return new SsoRefusedException(refusal);
    }

    private static String clientAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getRemoteAddr() : null;
    }
}
