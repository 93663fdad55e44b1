package org.innoladder.identity.internal;

import java.time.Clock;
import java.util.List;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.ApiTokenResolver;
import org.innoladder.identity.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may reach what, in two filter chains.
 *
 * <ul>
 *   <li><b>API credentials</b> ({@link #API_CREDENTIALS}): an {@code /api/**} (or {@code /v3/api-docs}) request
 *   that carries credentials of a scheme the API accepts — HTTP Basic, or a bank API token as {@code Bearer}
 *   ({@link BearerTokenFilter}, tokens resolved by the credit module's {@link ApiTokenResolver}). The chain is
 *   stateless: it ignores any session cookie and answers 401 unless those credentials authenticate this very
 *   request. That is why it needs no CSRF token: a cross-site page cannot make a browser send them.</li>
 *   <li><b>Sessions</b>: everything else — pages with form login, and API calls made by the pages on the
 *   session. CSRF applies to every state-changing request here, whatever {@code Authorization} header it also
 *   carries (a bogus {@code Bearer x} beside a session cookie gains nothing).</li>
 * </ul>
 *
 * <p>Both chains send a Content-Security-Policy ({@link #CONTENT_SECURITY_POLICY}: scripts and style sheets from
 * this site only), {@code Referrer-Policy: strict-origin-when-cross-origin}, {@code X-Frame-Options: DENY} and
 * {@code X-Content-Type-Options: nosniff}.
 *
 * <p>Other capabilities restrict their endpoints with {@code @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")}
 * on controller classes or methods and filter data by {@link CurrentUser#scope()}.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(LoginPolicy.class)
public class SecurityConfiguration {

    static final RequestMatcher API = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
    /**
     * A solver's self-registration through the API (the challenge module): anyone, without an account and so without
     * a session or CSRF token. It authenticates nobody and only creates a disabled account, exactly as the public form
     * does, so a forged cross-site request gains nothing a direct call would not.
     */
    static final String PUBLIC_REGISTRATION = "/api/v1/public/solvers";
    /** Authorization schemes that authenticate an API request on their own: passwords and bank API tokens. */
    static final List<String> API_SCHEMES = List.of("Basic", "Bearer");
    static final RequestMatcher API_CREDENTIALS = new AndRequestMatcher(
            new OrRequestMatcher(API, PathPatternRequestMatcher.withDefaults().matcher("/v3/api-docs/**"),
                    PathPatternRequestMatcher.withDefaults().matcher("/v3/api-docs")),
            new AuthorizationSchemeMatcher(API_SCHEMES));
    /**
     * Scripts, styles, images, fonts and connections from this site only; no plugins, no framing, forms post
     * here. Inline {@code style} attributes stay allowed ({@code style-src-attr}): ECharts writes them into its
     * tooltips; inline {@code <style>} elements and every inline script are refused.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

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

    private static void authorization(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth) {
        auth.requestMatchers("/login", SsoLogin.REFUSED_PAGE, "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/favicon.svg", "/error",
                        "/actuator/health", "/actuator/health/**",
                        "/livez", "/readyz").permitAll()
                // the 揭榜挂帅 public board and solver self-registration are read and used without an account
                .requestMatchers(HttpMethod.GET, "/challenges/board", "/challenges/board/*", "/api/v1/public/challenges",
                        "/api/v1/public/challenges/*").permitAll()
                .requestMatchers("/solvers/register").permitAll()
                .requestMatchers(HttpMethod.POST, PUBLIC_REGISTRATION).permitAll()
                .requestMatchers("/admin/**", "/api/admin/**").hasRole(Role.ADMIN.name())
                .anyRequest().authenticated();
    }

    private static void headers(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN));
    }

    /** API requests that bring their own credentials: authenticated by them alone, no session, no CSRF token. */
    @Bean
    @Order(1)
    @ConditionalOnWebApplication
    SecurityFilterChain apiCredentialChain(HttpSecurity http, AuthenticationManager authenticationManager,
                                           ApiProblems apiProblems, ObjectProvider<ApiTokenResolver> tokens,
                                           AppUserRepository users) throws Exception {
        http
            .addFilterBefore(new BearerTokenFilter(tokens, users, apiProblems), BasicAuthenticationFilter.class)
            .securityMatcher(API_CREDENTIALS)
            .authenticationManager(authenticationManager)
            .authorizeHttpRequests(SecurityConfiguration::authorization)
            .httpBasic(basic -> basic
                .realmName(ApiProblems.REALM)
                .authenticationDetailsSource(ThrottlingAuthenticationProvider.BasicAuthDetails::new)
                .authenticationEntryPoint(apiProblems))
            // a session cookie sent along is neither read nor created: only the credentials count
            .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .csrf(AbstractHttpConfigurer::disable)
            .requestCache(AbstractHttpConfigurer::disable)
            .logout(AbstractHttpConfigurer::disable)
            .headers(SecurityConfiguration::headers)
            .exceptionHandling(ex -> ex.authenticationEntryPoint(apiProblems).accessDeniedHandler(apiProblems));
        return http.build();
    }

    @Bean
    @Order(2)
    @ConditionalOnWebApplication
    SecurityFilterChain securityFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
                                            ApiProblems apiProblems, AuditTrail audit,
                                            ObjectProvider<SsoLogin> singleSignOn) throws Exception {
        RequestMatcher htmx = new RequestHeaderRequestMatcher("HX-Request", "true");
        SsoLogin sso = singleSignOn.getIfAvailable();
        if (sso != null) sso.configure(http);
        http
            .authenticationManager(sso != null ? sso.beside(authenticationManager) : authenticationManager)
            .authorizeHttpRequests(SecurityConfiguration::authorization)
            .formLogin(form -> form
                .loginPage("/login")
                .defaultSuccessUrl("/")
                .failureHandler(new FormLoginFailureHandler())
                .permitAll())
            .logout(logout -> logout
                .logoutUrl("/logout")
                // always a redirect (by default non-browser callers would get 204)
                .logoutSuccessHandler(sso != null ? sso.logoutSuccess() : logoutRedirect())
                .addLogoutHandler((request, response, authentication) -> {
                    if (authentication != null) {
                        audit.record(authentication.getName(), "logout", "app_user:" + authentication.getName(),
                                null, request.getRemoteAddr());
                    }
                }))
            .headers(SecurityConfiguration::headers)
            .csrf(csrf -> csrf.ignoringRequestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, PUBLIC_REGISTRATION)))
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
