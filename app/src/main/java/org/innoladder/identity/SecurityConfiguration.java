package org.innoladder.identity;

import java.time.Clock;

import org.innoladder.audit.AuditTrail;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may reach what. Pages use form login with a session and CSRF tokens; {@code /api/**} additionally
 * accepts HTTP Basic on every request. CSRF is skipped only for {@code /api/**} requests that carry an
 * {@code Authorization} header: such a request authenticates itself, and a cross-site form cannot add that
 * header on its own. (A browser that cached Basic credentials after a password prompt would send them; the
 * API is meant for scripts, not for browsing.) Session-authenticated API calls still need the CSRF token.
 *
 * <p>Other capabilities restrict their endpoints with {@code @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")}
 * on controller classes or methods and filter data by {@link CurrentUser#scope()}.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(LoginPolicy.class)
public class SecurityConfiguration {

    static final RequestMatcher API = PathPatternRequestMatcher.withDefaults().matcher("/api/**");

    /** Time as the login limits and demo data see it; tests replace it to move past a lock. */
    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // "{bcrypt}…" today; the prefix lets a later algorithm take over without invalidating stored hashes
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    AuthenticationManager authenticationManager(DatabaseUserDetailsService userDetails, PasswordEncoder encoder,
                                                LoginAttempts attempts) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(userDetails);
        passwords.setPasswordEncoder(encoder);
        // one provider and no parent: a refused attempt can never fall through to another password check
        return new ProviderManager(new ThrottlingAuthenticationProvider(passwords, attempts));
    }

    // the command line's database context (DatabaseContext) has no web layer: no filter chain there
    @Bean
    @ConditionalOnWebApplication
    ApiProblems apiProblems(MessageSource messages, LocaleResolver localeResolver, JsonMapper json, LoginPolicy policy) {
        return new ApiProblems(messages, localeResolver, json, policy);
    }

    private static SimpleUrlLogoutSuccessHandler logoutRedirect() {
        SimpleUrlLogoutSuccessHandler handler = new SimpleUrlLogoutSuccessHandler();
        handler.setDefaultTargetUrl("/login?logout");
        return handler;
    }

    @Bean
    @ConditionalOnWebApplication
    SecurityFilterChain securityFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
                                            ApiProblems apiProblems, AuditTrail audit) throws Exception {
        RequestMatcher htmx = new RequestHeaderRequestMatcher("HX-Request", "true");
        http
            .authenticationManager(authenticationManager)
            .authorizeHttpRequests(auth -> auth
                .requestMatchers("/login", "/css/**", "/webjars/**", "/favicon.ico", "/error",
                        "/actuator/health", "/actuator/health/**").permitAll()
                .requestMatchers("/admin/**", "/api/admin/**").hasRole(Role.ADMIN.name())
                .anyRequest().authenticated())
            .formLogin(form -> form
                .loginPage("/login")
                .defaultSuccessUrl("/")
                .failureHandler(new FormLoginFailureHandler())
                .permitAll())
            .httpBasic(basic -> basic
                .realmName(ApiProblems.REALM)
                .authenticationDetailsSource(ThrottlingAuthenticationProvider.BasicAuthDetails::new)
                .authenticationEntryPoint(apiProblems))
            .logout(logout -> logout
                .logoutUrl("/logout")
                // always a redirect (by default non-browser callers would get 204)
                .logoutSuccessHandler(logoutRedirect())
                .addLogoutHandler((request, response, authentication) -> {
                    if (authentication != null) {
                        audit.record(authentication.getName(), "logout", "app_user:" + authentication.getName(),
                                null, request.getRemoteAddr());
                    }
                }))
            .csrf(csrf -> csrf.ignoringRequestMatchers(
                new AndRequestMatcher(API, new RequestHeaderRequestMatcher("Authorization"))))
            .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
            .exceptionHandling(ex -> ex
                .defaultAuthenticationEntryPointFor(apiProblems, API)
                .defaultAuthenticationEntryPointFor((request, response, e) -> {
                    // htmx would swap the login page into a fragment; ask it to navigate instead
                    response.setHeader("HX-Redirect", request.getContextPath() + "/login");
                    response.setStatus(401);
                }, htmx)
                .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), AnyRequestMatcher.INSTANCE)
                .defaultAccessDeniedHandlerFor(apiProblems, API)
                // pages: 403 through the servlet error page (templates/error.html). Registering it explicitly
                // matters: with a single mapping Spring Security would use the API handler for every request.
                .defaultAccessDeniedHandlerFor(new AccessDeniedHandlerImpl(), AnyRequestMatcher.INSTANCE))
            .requestCache(cache -> cache.requestCache(new ApiAwareRequestCache()));
        return http.build();
    }
}
