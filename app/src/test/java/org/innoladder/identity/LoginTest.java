package org.innoladder.identity;

import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.identity.internal.LoginAttempts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

class LoginTest extends IdentityTestSupport {
    @org.springframework.beans.factory.annotation.Autowired
    LoginAttempts attempts;

    private ResultActions login(String username, String password, String ip) throws Exception {
        return mvc.perform(post("/login").param("username", username).param("password", password)
                .with(csrf()).with(fromAddress(ip)));
    }

    @Test
    void successRedirectsHomeWithANewSessionIdAndIsAudited() throws Exception {
        String name = unique("ok");
        createUser(name, Role.BUREAU, "3204", null, null);
        MockHttpSession session = new MockHttpSession();
        String before = session.getId();
        MvcResult result = mvc.perform(post("/login").session(session).param("username", name)
                        .param("password", PASSWORD).with(csrf()).with(fromAddress(uniqueAddress())))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/"))
                .andExpect(authenticated().withUsername(name).withRoles("BUREAU"))
                .andReturn();
        assertThat(result.getRequest().getSession().getId()).as("session fixation protection").isNotEqualTo(before);
        var context = (org.springframework.security.core.context.SecurityContext) result.getRequest().getSession()
                .getAttribute("SPRING_SECURITY_CONTEXT");
        assertThat(((AppUserDetails) context.getAuthentication().getPrincipal()).getPassword())
                .as("no password hash kept in the session").isNull();
        assertThat(auditActions(name)).containsExactly("login.success");
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() throws Exception {
        String name = unique("wrong");
        createUser(name, Role.EXPERT, null, null, null);
        String ip = uniqueAddress();
        login(name, "not-the-password1", ip).andExpect(redirectedUrl("/login?error")).andExpect(unauthenticated());
        login(unique("nobody"), "whatever123", ip).andExpect(redirectedUrl("/login?error")).andExpect(unauthenticated());
        assertThat(auditActions(name)).containsExactly("login.failure");
        assertThat(jdbc.sql("SELECT failed_logins FROM app_user WHERE username = :u").param("u", name)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void loginPageShowsTheReasonInChineseAndEnglish() throws Exception {
        mvc.perform(get("/login").param("error", ""))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("用户名或密码不正确")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"login-submit\"")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("name=\"_csrf\"")));
        mvc.perform(get("/login").param("locked", "").param("lang", "en"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("temporarily locked")));
    }

    @Test
    void fiveFailuresLockTheAccountForFifteenMinutesEvenAgainstTheRightPassword() throws Exception {
        String name = unique("locked");
        createUser(name, Role.TOWN, "320412100", null, null);
        // separate addresses so that only the per-username rule is at work
        for (int i = 1; i <= 4; i++) {
            login(name, "bad-password" + i, uniqueAddress()).andExpect(redirectedUrl("/login?error"));
        }
        login(name, "bad-password5", uniqueAddress()).andExpect(redirectedUrl("/login?error"));
        login(name, PASSWORD, uniqueAddress()).andExpect(redirectedUrl("/login?locked")).andExpect(unauthenticated());
        assertThat(auditActions(name)).containsSubsequence("login.failure", "login.locked", "login.failure")
                .filteredOn("login.locked"::equals).hasSize(1);

        clock.advance(Duration.ofMinutes(14));
        login(name, PASSWORD, uniqueAddress()).andExpect(redirectedUrl("/login?locked"));

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        login(name, PASSWORD, uniqueAddress()).andExpect(redirectedUrl("/")).andExpect(authenticated().withUsername(name));
        assertThat(jdbc.sql("SELECT failed_logins FROM app_user WHERE username = :u").param("u", name)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void concurrentFailuresAreCountedOneByOne() throws Exception {
        String name = unique("race");
        createUser(name, Role.EXPERT, null, null, null);
        // bypassing the lock check on purpose: ten failures arriving together lock exactly twice (5th and 10th)
        java.util.List<java.util.concurrent.Callable<Void>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> {
                attempts.onBadCredentials(name, uniqueAddress());
                return null;
            });
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(5);
        try {
            for (var f : pool.invokeAll(calls)) f.get();
        } finally {
            pool.shutdown();
        }
        assertThat(auditActions(name)).filteredOn("login.locked"::equals).hasSize(2);
        assertThat(auditActions(name)).filteredOn("login.failure"::equals).hasSize(10);
        assertThat(jdbc.sql("SELECT failed_logins FROM app_user WHERE username = :u").param("u", name)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void successResetsTheConsecutiveFailureCount() throws Exception {
        String name = unique("reset");
        createUser(name, Role.EXPERT, null, null, null);
        for (int i = 0; i < 4; i++) login(name, "bad-password" + i, uniqueAddress());
        login(name, PASSWORD, uniqueAddress()).andExpect(redirectedUrl("/"));
        for (int i = 0; i < 4; i++) login(name, "bad-password" + i, uniqueAddress());
        login(name, PASSWORD, uniqueAddress()).andExpect(redirectedUrl("/"));
    }

    @Test
    void unknownUsernamesLockLikeRealOnesSoTheLockMessageRevealsNothing() throws Exception {
        String nobody = unique("ghost");
        for (int i = 0; i < 5; i++) login(nobody, "bad-password" + i, uniqueAddress()).andExpect(redirectedUrl("/login?error"));
        login(nobody, "bad-password9", uniqueAddress()).andExpect(redirectedUrl("/login?locked"));
    }

    @Test
    void anAddressWithTwentyFailuresIsRefusedWithoutCheckingThePassword() throws Exception {
        String name = unique("ipuser");
        createUser(name, Role.EXPERT, null, null, null);
        String ip = uniqueAddress();
        for (int i = 0; i < 20; i++) {
            login(unique("guess"), "bad-password" + i, ip).andExpect(redirectedUrl("/login?error"));
        }
        login(name, PASSWORD, ip).andExpect(redirectedUrl("/login?throttled")).andExpect(unauthenticated());
        // the refusal did not count against the account, and other addresses are unaffected
        assertThat(jdbc.sql("SELECT failed_logins FROM app_user WHERE username = :u").param("u", name)
                .query(Integer.class).single()).isZero();
        login(name, PASSWORD, uniqueAddress()).andExpect(redirectedUrl("/"));

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        login(name, PASSWORD, ip).andExpect(redirectedUrl("/"));
    }

    @Test
    void disabledAccountsGetTheGenericMessage() throws Exception {
        String name = unique("off");
        createUser(name, Role.EXPERT, null, null, null);
        jdbc.sql("UPDATE app_user SET enabled = false WHERE username = :u").param("u", name).update();
        login(name, PASSWORD, uniqueAddress()).andExpect(redirectedUrl("/login?error")).andExpect(unauthenticated());
    }

    @Test
    void formPostsNeedTheCsrfToken() throws Exception {
        String name = unique("csrf");
        createUser(name, Role.EXPERT, null, null, null);
        mvc.perform(post("/login").param("username", name).param("password", PASSWORD).with(fromAddress(uniqueAddress())))
                .andExpect(status().isForbidden()).andExpect(unauthenticated());
        mvc.perform(post("/logout").with(user(AppUserDetails.of(currentUser(name)))))
                .andExpect(status().isForbidden());
    }

    @Test
    void logoutEndsTheSessionAndIsAudited() throws Exception {
        String name = unique("bye");
        createUser(name, Role.EXPERT, null, null, null);
        MvcResult in = login(name, PASSWORD, uniqueAddress()).andReturn();
        MockHttpSession session = (MockHttpSession) in.getRequest().getSession();
        mvc.perform(post("/logout").session(session).with(csrf()))
                .andExpect(redirectedUrl("/login?logout"));
        assertThat(session.isInvalid()).isTrue();
        assertThat(auditActions(name)).containsExactly("login.success", "logout");
    }
}
