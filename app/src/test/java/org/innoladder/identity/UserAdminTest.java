package org.innoladder.identity;

import org.innoladder.identity.internal.AppUserDetails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

class UserAdminTest extends IdentityTestSupport {
    String admin;

    @BeforeEach
    void anAdmin() {
        admin = unique("admin");
        createUser(admin, Role.ADMIN, null, null, null);
    }

    private MockHttpServletRequestBuilder create(String username, String password, String role, String region) {
        return post("/admin/users").with(user(AppUserDetails.of(currentUser(admin)))).with(csrf())
                .param("username", username).param("password", password).param("displayName", "新用户")
                .param("role", role).param("regionCode", region);
    }

    @Test
    void createsAValidUserWithAHashedPasswordAndAuditsIt() throws Exception {
        String name = "wj" + System.nanoTime() % 1_000_000;
        mvc.perform(create(name, "Passw0rdX", "BUREAU", "320412")).andExpect(redirectedUrl("/admin/users"));
        String hash = jdbc.sql("SELECT password_hash FROM app_user WHERE username = :u").param("u", name)
                .query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}");
        assertThat(encoder.matches("Passw0rdX", hash)).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE actor = :a AND action = 'user.create' AND target = :t")
                .param("a", admin).param("t", "app_user:" + name).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void validationErrorsNameFieldValueAndRuleAndNeverEchoThePassword() throws Exception {
        mvc.perform(create("Ab", "short", "TOWN", "320412"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("用户名“Ab”：须为 3–32 位"),
                        containsString("密码“（已隐藏）”：密码须为 8–64 个字符"),
                        containsString("区域代码“320412”：镇/街道科技助理的区域必须是 9 位的镇/街道代码"),
                        not(containsString("short\"")))));
        mvc.perform(create("okname", "Passw0rdX", "BUREAU", "329999").param("lang", "en"))
                .andExpect(content().string(containsString("Region code &quot;329999&quot;: no such region code")));
        mvc.perform(create("okname", "Passw0rdX", "ENTERPRISE", "").param("creditCode", "91320412MA0000000X"))
                .andExpect(content().string(containsString("统一社会信用代码“91320412MA0000000X”：平台中没有该统一社会信用代码的企业")));
        mvc.perform(create("okname", "Passw0rdX", "BANK", ""))
                .andExpect(content().string(containsString("银行用户必须填写银行代码")));
        mvc.perform(create(admin, "Passw0rdX", "EXPERT", ""))
                .andExpect(content().string(containsString("该用户名已被使用")));
        assertThat(jdbc.sql("SELECT count(*) FROM app_user WHERE username IN ('Ab', 'okname')").query(Integer.class).single())
                .isZero();
    }

    @Test
    void disablingStopsLoginAndEnablingUnlocks() throws Exception {
        String name = unique("victim");
        long id = createUser(name, Role.EXPERT, null, null, null);
        mvc.perform(post("/admin/users/" + id + "/disable").with(user(AppUserDetails.of(currentUser(admin)))).with(csrf()))
                .andExpect(redirectedUrl("/admin/users"));
        mvc.perform(post("/login").param("username", name).param("password", PASSWORD).with(csrf())
                .with(fromAddress(uniqueAddress()))).andExpect(redirectedUrl("/login?error"));

        jdbc.sql("UPDATE app_user SET locked_until = now() + interval '1 day', failed_logins = 0 WHERE id = :id")
                .param("id", id).update();
        mvc.perform(post("/admin/users/" + id + "/enable").with(user(AppUserDetails.of(currentUser(admin)))).with(csrf()))
                .andExpect(redirectedUrl("/admin/users"));
        mvc.perform(post("/login").param("username", name).param("password", PASSWORD).with(csrf())
                .with(fromAddress(uniqueAddress()))).andExpect(redirectedUrl("/"));
        assertThat(auditActions(admin)).containsSubsequence("user.disable", "user.enable");
    }

    @Test
    void anAdminCannotDisableThemselves() throws Exception {
        long self = currentUser(admin).id();
        mvc.perform(post("/admin/users/" + self + "/disable").with(user(AppUserDetails.of(currentUser(admin)))).with(csrf()))
                .andExpect(redirectedUrl("/admin/users"));
        assertThat(jdbc.sql("SELECT enabled FROM app_user WHERE id = :id").param("id", self).query(Boolean.class).single())
                .isTrue();
    }
}
