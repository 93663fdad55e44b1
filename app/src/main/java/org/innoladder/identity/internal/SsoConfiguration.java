package org.innoladder.identity.internal;

import org.innoladder.audit.AuditTrail;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.transaction.PlatformTransactionManager;

/** Single sign-on is off unless {@code innoladder.sso.enabled=true} (docs/sso.md). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SsoProperties.class)
class SsoConfiguration {

    @Bean
    @ConditionalOnWebApplication
    @ConditionalOnProperty(name = "innoladder.sso.enabled", havingValue = "true")
    SsoLogin ssoLogin(SsoProperties settings, ObjectProvider<ClientRegistrationRepository> registrations,
                      AppUserRepository users, ScopeDirectory directory, PasswordEncoder encoder, AuditTrail audit,
                      PlatformTransactionManager transactions) {
        ClientRegistrationRepository repository = registrations.getIfAvailable();
        if (repository == null) {
            throw new IllegalStateException("innoladder.sso.enabled=true but no identity provider is configured: set "
                    + "spring.security.oauth2.client.registration." + settings.registrationId() + ".* and "
                    + "spring.security.oauth2.client.provider." + settings.registrationId() + ".issuer-uri (docs/sso.md)");
        }
        return new SsoLogin(settings, repository,
                new SsoUserService(settings, users, directory, encoder, audit, transactions), audit, transactions);
    }
}
