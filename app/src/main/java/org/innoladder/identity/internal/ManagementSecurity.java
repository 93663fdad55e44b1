package org.innoladder.identity.internal;

import java.util.List;

import org.innoladder.identity.Role;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The actuator (on the management port, docs/monitoring.md): health for anyone; metrics and everything else for a
 * caller from {@code innoladder.management.allowed-networks} or with an ADMIN account's HTTP Basic credentials.
 * Stateless, no session, no CSRF: a scraper sends the same request every time.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ManagementSecurity.Networks.class)
class ManagementSecurity {

    /** Addresses (CIDR) that may read the metrics without an account; the client's address as the server sees it. */
    @ConfigurationProperties("innoladder.management")
    record Networks(@DefaultValue({"127.0.0.1/32", "::1/128"}) List<String> allowedNetworks) {
        Networks {
            allowedNetworks = List.copyOf(allowedNetworks);
            for (String network : allowedNetworks) {
                try {
                    new IpAddressMatcher(network.strip());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("innoladder.management.allowed-networks: \"" + network
                            + "\" is not an address or CIDR block (e.g. 10.0.0.0/8): " + e.getMessage());
                }
            }
        }

        AuthorizationManager<RequestAuthorizationContext> asAuthorization() {
            List<IpAddressMatcher> matchers = allowedNetworks.stream().map(n -> new IpAddressMatcher(n.strip())).toList();
            return (authentication, context) -> new AuthorizationDecision(
                    matchers.stream().anyMatch(m -> m.matches(context.getRequest())));
        }
    }

    @Bean
    @Order(0)
    @ConditionalOnWebApplication
    SecurityFilterChain managementChain(HttpSecurity http, AuthenticationManager authenticationManager, Networks networks)
            throws Exception {
        http
            .securityMatcher("/actuator/**")
            .authenticationManager(authenticationManager)
            .authorizeHttpRequests(auth -> auth
                .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                .anyRequest().access(AuthorizationManagers.anyOf(networks.asAuthorization(),
                        AuthorityAuthorizationManager.hasRole(Role.ADMIN.name()))))
            .httpBasic(basic -> basic.realmName("InnoLadder management")
                .authenticationDetailsSource(ThrottlingAuthenticationProvider.BasicAuthDetails::new))
            .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .csrf(AbstractHttpConfigurer::disable)
            .requestCache(AbstractHttpConfigurer::disable)
            .logout(AbstractHttpConfigurer::disable);
        return http.build();
    }
}
