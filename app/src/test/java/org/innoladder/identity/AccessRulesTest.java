package org.innoladder.identity;

import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.identity.web.UserAdminController;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class AccessRulesTest extends IdentityTestSupport {

    private AppUserDetails principal(String username) {
        return AppUserDetails.of(currentUser(username));
    }

    @Test
    void anonymousPagesRedirectToTheLoginPage() throws Exception {
        mvc.perform(get("/")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/admin/users")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/v3/api-docs")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
    }

    @Test
    void publicResourcesNeedNoLogin() throws Exception {
        mvc.perform(get("/login")).andExpect(status().isOk()).andExpect(content().string(containsString("登录")));
        mvc.perform(get("/login").param("lang", "en")).andExpect(status().isOk())
                .andExpect(content().string(containsString("Sign in")));
        mvc.perform(get("/css/app.css")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    }

    @Test
    void htmxRequestsAreToldToNavigateToTheLoginPage() throws Exception {
        mvc.perform(get("/enterprises").header("HX-Request", "true"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("HX-Redirect", "/login"));
    }

    @Test
    void standardSecurityHeadersAreSent() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Referrer-Policy", "strict-origin-when-cross-origin"))
                // scripts from this site only: no inline script, no eval
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self';")))
                .andExpect(header().string("Content-Security-Policy", not(containsString("unsafe-eval"))));
    }

    @Test
    void apiAcceptsHttpBasicWithoutCsrf() throws Exception {
        String name = unique("api");
        createUser(name, Role.BUREAU, "320412", null, null);
        mvc.perform(get("/api/me").with(httpBasic(name, PASSWORD)).with(fromAddress(uniqueAddress())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value(name))
                .andExpect(jsonPath("$.role").value("BUREAU"))
                .andExpect(jsonPath("$.regionCode").value("320412"))
                .andExpect(content().string(not(containsString("password"))));
        // no CSRF token, yet not refused by CSRF: the method is simply not supported
        mvc.perform(post("/api/me").with(httpBasic(name, PASSWORD)).with(fromAddress(uniqueAddress())))
                .andExpect(status().isMethodNotAllowed());
        // a session-authenticated API POST still needs the token, whatever other Authorization header it carries
        mvc.perform(post("/api/me").with(user(principal(name)))).andExpect(status().isForbidden());
        // a bearer token is an API credential of its own (bank API tokens): a bad one is 401, the session is not read
        mvc.perform(post("/api/me").with(user(principal(name))).header("Authorization", "Bearer x"))
                .andExpect(status().isUnauthorized());
    }

    /** Finding 9 of issue 9: HTTP Basic authenticates every call, but the audit log gets one entry per window. */
    @Test
    void basicCallsAreAuditedOncePerCredentialAndWindowWhileFailuresAlwaysAre() throws Exception {
        String name = unique("apiaudit");
        createUser(name, Role.BUREAU, "3204", null, null);
        String ip = uniqueAddress();
        for (int i = 0; i < 20; i++) {
            mvc.perform(get("/api/me").with(httpBasic(name, PASSWORD)).with(fromAddress(ip))).andExpect(status().isOk());
        }
        org.assertj.core.api.Assertions.assertThat(auditActions(name)).containsExactly("login.success");
        for (int i = 0; i < 3; i++) {
            mvc.perform(get("/api/me").with(httpBasic(name, "wrong-password1")).with(fromAddress(ip)))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/me").with(httpBasic(name, PASSWORD)).with(fromAddress(ip))).andExpect(status().isOk());
        org.assertj.core.api.Assertions.assertThat(auditActions(name))
                .containsExactly("login.success", "login.failure", "login.failure", "login.failure");
        // the same credential from another address is worth an entry; so is the next use once the window has passed
        mvc.perform(get("/api/me").with(httpBasic(name, PASSWORD)).with(fromAddress(uniqueAddress()))).andExpect(status().isOk());
        clock.advance(java.time.Duration.ofMinutes(31));
        mvc.perform(get("/api/me").with(httpBasic(name, PASSWORD)).with(fromAddress(ip))).andExpect(status().isOk());
        mvc.perform(get("/api/me").with(httpBasic(name, PASSWORD)).with(fromAddress(ip))).andExpect(status().isOk());
        org.assertj.core.api.Assertions.assertThat(auditActions(name)).containsExactly("login.success", "login.failure",
                "login.failure", "login.failure", "login.success", "login.success");
    }

    @Test
    void apiWithoutCredentialsGets401ProblemJsonNotARedirect() throws Exception {
        mvc.perform(get("/api/me").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("WWW-Authenticate", containsString("Basic")))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.instance").value("/api/me"))
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }

    @Test
    void apiWithWrongCredentialsGets401ProblemJson() throws Exception {
        String name = unique("apibad");
        createUser(name, Role.EXPERT, null, null, null);
        mvc.perform(get("/api/me").with(httpBasic(name, "wrong-password1")).with(fromAddress(uniqueAddress())))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        org.assertj.core.api.Assertions.assertThat(auditActions(name)).containsExactly("login.failure");
    }

    @Test
    void apiAccessDeniedIs403ProblemJson() throws Exception {
        String name = unique("apibureau");
        createUser(name, Role.BUREAU, "3204", null, null);
        mvc.perform(get("/api/admin/users").with(httpBasic(name, PASSWORD)).with(fromAddress(uniqueAddress())))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403));
    }

    @Test
    void adminApiListsUsersWithoutHashes() throws Exception {
        String name = unique("apiadmin");
        createUser(name, Role.ADMIN, null, null, null);
        mvc.perform(get("/api/admin/users").with(httpBasic(name, PASSWORD)).with(fromAddress(uniqueAddress())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.username == '" + name + "')].role").value("ADMIN"))
                .andExpect(content().string(not(containsString("{bcrypt}"))));
    }

    @Test
    void adminPagesAreRefusedToOtherRoles() throws Exception {
        String bureau = unique("pagebureau");
        createUser(bureau, Role.BUREAU, "3204", null, null);
        mvc.perform(get("/admin/users").with(user(principal(bureau))))
                .andExpect(status().isForbidden())
                .andExpect(content().string(not(containsString("application/problem"))))
                .andExpect(header().doesNotExist("Content-Type"));
        mvc.perform(post("/admin/users").with(user(principal(bureau))).with(csrf()).param("username", "x"))
                .andExpect(status().isForbidden());
        String admin = unique("pageadmin");
        createUser(admin, Role.ADMIN, null, null, null);
        mvc.perform(get("/admin/users").with(user(principal(admin)))).andExpect(status().isOk())
                .andExpect(content().string(containsString(bureau)));
    }

    @org.springframework.beans.factory.annotation.Autowired
    UserAdminController userAdminController;

    @Test
    void methodSecurityGuardsBeansEvenOutsideTheUrlRules() {
        String bureau = unique("method");
        createUser(bureau, Role.BUREAU, "3204", null, null);
        AppUserDetails p = principal(bureau);
        var context = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
        context.setAuthentication(org.springframework.security.authentication.UsernamePasswordAuthenticationToken
                .authenticated(p, null, p.getAuthorities()));
        org.springframework.security.core.context.SecurityContextHolder.setContext(context);
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> userAdminController.list(
                            new org.springframework.ui.ExtendedModelMap(), java.util.Locale.CHINA))
                    .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
    }

    @Test
    void homePageGreetsWithRoleAndScope() throws Exception {
        String name = unique("home");
        createUser(name, Role.TOWN, "320412100", null, null);
        mvc.perform(get("/").with(user(principal(name))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("测试用户 " + name)))
                .andExpect(content().string(containsString("镇/街道科技助理")))
                .andExpect(content().string(containsString("湖塘镇及下辖区域")))
                .andExpect(content().string(containsString("/enterprises")))
                .andExpect(content().string(containsString("<meta name=\"csrf-token\"")))
                .andExpect(content().string(not(containsString("/admin/users"))));
        String admin = unique("homeadmin");
        createUser(admin, Role.ADMIN, null, null, null);
        mvc.perform(get("/").with(user(principal(admin))).param("lang", "en"))
                .andExpect(content().string(containsString("Platform administrator")))
                .andExpect(content().string(containsString("/admin/users")))
                .andExpect(content().string(containsString("/imports")));
    }

    @Test
    void errorPageUsesTheLayoutAndNeverShowsAStackTrace() throws Exception {
        String name = unique("err");
        createUser(name, Role.EXPERT, null, null, null);
        mvc.perform(get("/error").with(user(principal(name))).accept(MediaType.TEXT_HTML)
                        .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 404)
                        .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/enterprises/999999"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("未找到该页面或无权访问")))
                .andExpect(content().string(containsString("科创梯度培育平台")))
                .andExpect(content().string(not(containsString("Whitelabel"))));
        mvc.perform(get("/error").with(user(principal(name))).accept(MediaType.TEXT_HTML)
                        .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
                        .requestAttr(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("secret detail")))
                .andExpect(content().string(containsString("请求无法完成")))
                .andExpect(content().string(not(containsString("secret detail"))))
                .andExpect(content().string(not(containsString("IllegalStateException"))));
    }
}
