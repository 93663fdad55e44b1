package org.innoladder.identity.internal;

import java.util.List;

import org.innoladder.audit.AuditTrail;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Single sign-on as the session chain uses it when {@code innoladder.sso.enabled} is on: the OpenID Connect login
 * beside the form login, the refusal page for users the mapping does not let in, and a logout that also ends the
 * provider's session (RP-initiated logout to its {@code end_session_endpoint}).
 */
public final class SsoLogin {
    private static final Logger log = LoggerFactory.getLogger(SsoLogin.class);
    /** Session attribute holding the last {@link SsoRefusal}, for the page that explains it. */
    public static final String REFUSAL = SsoLogin.class.getName() + ".refusal";
    public static final String REFUSED_PAGE = "/login/sso-refused";

    private final SsoProperties settings;
    private final ClientRegistrationRepository registrations;
    private final SsoUserService users;
    private final AuditTrail audit;
    private final TransactionTemplate apart;

    SsoLogin(SsoProperties settings, ClientRegistrationRepository registrations, SsoUserService users, AuditTrail audit,
             PlatformTransactionManager transactions) {
        if (registrations.findByRegistrationId(settings.registrationId()) == null) {
            throw new IllegalStateException("innoladder.sso.registration-id=" + settings.registrationId()
                    + " names no spring.security.oauth2.client.registration." + settings.registrationId() + " (docs/sso.md)");
        }
        this.settings = settings;
        this.registrations = registrations;
        this.users = users;
        this.audit = audit;
        this.apart = new TransactionTemplate(transactions);
        this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Where the login page's "统一身份认证登录" button starts the provider's login. */
    public String loginUrl() {
        return "/oauth2/authorization/" + settings.registrationId();
    }

    /**
     * The session chain's authentication: the ID-token check before the password one. A password attempt is not
     * the OIDC provider's kind of token, so it reaches the password manager exactly as without single sign-on.
     */
    AuthenticationManager beside(AuthenticationManager passwords) {
        return new ProviderManager(List.of(new OidcAuthorizationCodeAuthenticationProvider(
                new RestClientAuthorizationCodeTokenResponseClient(), users)), passwords);
    }

    void configure(HttpSecurity http) throws Exception {
        http.oauth2Login(oauth -> oauth
                .loginPage("/login")
                .clientRegistrationRepository(registrations)
                .userInfoEndpoint(info -> info.oidcUserService(users))
                .defaultSuccessUrl("/")
                .failureHandler(failureHandler()));
    }

    LogoutSuccessHandler logoutSuccess() {
        OidcClientInitiatedLogoutSuccessHandler handler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        handler.setPostLogoutRedirectUri("{baseUrl}/login?logout");
        // a password user has no provider session: the plain redirect, as without single sign-on
        handler.setDefaultTargetUrl("/login?logout");
        return handler;
    }

    private AuthenticationFailureHandler failureHandler() {
        return (request, response, exception) -> {
            if (exception instanceof SsoRefusedException refused) {
                // audited where it was decided, with the subject
                request.getSession().setAttribute(REFUSAL, refused.refusal());
                response.sendRedirect(request.getContextPath() + REFUSED_PAGE);
                return;
            }
            // the provider's own errors, a replayed or forged callback (state mismatch), an invalid ID token
            log.warn("single sign-on failed: {}", exception.getMessage(), exception);
            apart.executeWithoutResult(s -> audit.record("(sso)", "login.failure", null,
                    "sso error: " + exception.getMessage(), request.getRemoteAddr()));
            response.sendRedirect(request.getContextPath() + "/login?ssoError");
        };
    }
}
