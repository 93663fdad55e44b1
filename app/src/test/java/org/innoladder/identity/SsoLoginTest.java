package org.innoladder.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import java.time.Duration;
import java.util.ArrayList;

import org.innoladder.web.Browser;
import org.innoladder.web.PageAudit;
import org.innoladder.web.ServerSession;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 16, single sign-on: the whole OpenID Connect round trip over HTTP against a real provider, with the
 * claim mapping deciding role and scope, refusals explained on a page, and logout ending both sessions.
 */
class SsoLoginTest extends SsoTestSupport {
    @Autowired
    PasswordEncoder encoder;

    @DynamicPropertySource
    static void singleSignOn(DynamicPropertyRegistry registry) {
        provider(registry, false);
    }

    private String bureauAccount(String role, String region) {
        String username = unique("sso");
        jdbc.sql("INSERT INTO app_user (username, password_hash, display_name, role, region_code) VALUES (?, ?, '统一认证用户', ?, ?)")
                .params(username, encoder.encode("Secret123"), role, region).update();
        return username;
    }

    @Test
    void theLoginPageOffersSingleSignOnBesideTheForm() throws Exception {
        String page = new SsoFlow(port).get("/login").body();
        assertThat(page).contains("统一身份认证登录").contains("href=\"/oauth2/authorization/gov\"")
                .contains("name=\"password\"");
    }

    @Test
    void aMappedUserSeesOnlyTheEnterprisesOfTheMappedRegion() throws Exception {
        String username = bureauAccount("BUREAU", "320412");
        String marker = "单点" + System.nanoTime() % 1_000_000;
        String inside = enterprise(marker + "域内科技有限公司", "320412100");
        String outside = enterprise(marker + "域外科技有限公司", "320411002");
        String subject = "sub-" + username;
        SsoFlow browser = new SsoFlow(port);
        SsoFlow.providerWillVouchFor(PROVIDER, subject,
                Map.of("preferred_username", username, "name", "张三", "roles", List.of("kjj"), "org_code", "ORG-WJ"));

        HttpResponse<String> landed = browser.signIn();

        assertThat(browser.hops).anyMatch(h -> h.startsWith(PROVIDER.issuerUrl(SsoFlow.ISSUER).toString()));
        assertThat(landed.statusCode()).isEqualTo(200);
        assertThat(landed.uri().getPath()).isEqualTo("/");
        String list = browser.get("/enterprises?q=" + java.net.URLEncoder.encode(marker, java.nio.charset.StandardCharsets.UTF_8)).body();
        assertThat(list).contains(marker + "域内科技有限公司").doesNotContain(marker + "域外科技有限公司");
        assertThat(browser.get("/enterprises/" + inside).statusCode()).isEqualTo(200);
        assertThat(browser.get("/enterprises/" + outside).statusCode()).isIn(403, 404);
        assertThat(audits("login.success", "subject=" + subject)).isEqualTo(1);
    }

    @Test
    void theProvidersClaimsSetTheAccountsRoleAndRegion() throws Exception {
        // the account says BUREAU of the whole province; the provider says a town officer of 320412
        String username = bureauAccount("BUREAU", "32");
        SsoFlow browser = new SsoFlow(port);
        SsoFlow.providerWillVouchFor(PROVIDER, "sub-" + username,
                Map.of("preferred_username", username, "roles", "town", "org_code", "ORG-WJ"));

        assertThat(browser.signIn().uri().getPath()).isEqualTo("/");

        Map<String, Object> row = jdbc.sql("SELECT role, region_code FROM app_user WHERE username = ?").param(username)
                .query().singleRow();
        assertThat(row).containsEntry("role", "TOWN").containsEntry("region_code", "320412");
        assertThat(audits("user.scope", "subject=sub-" + username)).isEqualTo(1);
    }

    @Test
    void aRoleTheMappingDoesNotListIsRefusedWithAPageNamingClaimAndValue() throws Exception {
        String username = bureauAccount("BUREAU", "320412");
        SsoFlow browser = new SsoFlow(port);
        SsoFlow.providerWillVouchFor(PROVIDER, "sub-" + username,
                Map.of("preferred_username", username, "roles", List.of("kjj", "sysadmin"), "org_code", "ORG-WJ"));

        HttpResponse<String> page = browser.signIn();

        assertThat(page.uri().getPath()).isEqualTo("/login/sso-refused");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("统一身份认证登录被拒绝").contains("“sysadmin”").contains("innoladder.sso.roles")
                .contains("sub-" + username);
        assertSignedOut(browser);
        assertThat(audits("login.failure", "UNMAPPED_ROLE; claim roles=sysadmin; subject=sub-" + username)).isEqualTo(1);
        assertThat(audits("login.success", "subject=sub-" + username)).isZero();
    }

    @Test
    void aRegionTheMappingDoesNotListIsRefused() throws Exception {
        String username = bureauAccount("BUREAU", "320412");
        SsoFlow browser = new SsoFlow(port);
        SsoFlow.providerWillVouchFor(PROVIDER, "sub-" + username,
                Map.of("preferred_username", username, "roles", "kjj", "org_code", "ORG-ELSEWHERE"));

        HttpResponse<String> page = browser.signIn();

        assertThat(page.uri().getPath()).isEqualTo("/login/sso-refused");
        assertThat(page.body()).contains("“ORG-ELSEWHERE”").contains("org_code").contains("innoladder.sso.regions");
        assertSignedOut(browser);
        // the account keeps the scope it had: a refused sign-in changes nothing
        assertThat(jdbc.sql("SELECT region_code FROM app_user WHERE username = ?").param(username).query(String.class).single())
                .isEqualTo("320412");
    }

    @Test
    void anUnknownUserIsRefusedAndNoAccountIsCreated() throws Exception {
        String username = unique("nobody");
        SsoFlow browser = new SsoFlow(port);
        SsoFlow.providerWillVouchFor(PROVIDER, "sub-" + username,
                Map.of("preferred_username", username, "roles", "kjj", "org_code", "ORG-WJ"));

        HttpResponse<String> page = browser.signIn();

        assertThat(page.uri().getPath()).isEqualTo("/login/sso-refused");
        assertThat(page.body()).contains("本平台没有用户名为“" + username + "”的账号").contains("preferred_username").contains("innoladder.sso.provision");
        assertSignedOut(browser);
        assertThat(jdbc.sql("SELECT count(*) FROM app_user WHERE username = ?").param(username).query(Long.class).single()).isZero();
        assertThat(audits("login.failure", "UNKNOWN_USER; claim preferred_username=" + username)).isEqualTo(1);
    }

    @Test
    void logoutEndsTheProvidersSessionAndOurs() throws Exception {
        String username = bureauAccount("BUREAU", "320412");
        SsoFlow browser = new SsoFlow(port);
        SsoFlow.providerWillVouchFor(PROVIDER, "sub-" + username,
                Map.of("preferred_username", username, "roles", "kjj", "org_code", "ORG-WJ"));
        assertThat(browser.signIn().uri().getPath()).isEqualTo("/");

        HttpResponse<String> out = browser.logout();

        String location = out.headers().firstValue("Location").orElseThrow();
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(location).startsWith(PROVIDER.issuerUrl(SsoFlow.ISSUER) + "/endsession")
                .contains("id_token_hint=").contains("post_logout_redirect_uri=");
        assertSignedOut(browser);
        // the provider sends the browser back to our login page
        HttpResponse<String> back = browser.follow(java.net.URI.create(location));
        assertThat(back.uri().getPath()).isEqualTo("/login");
        assertThat(back.uri().getQuery()).isEqualTo("logout");
    }

    @Test
    void passwordLoginStillWorksAndItsLogoutStaysLocal() throws Exception {
        String username = bureauAccount("BUREAU", "320412");
        ServerSession session = ServerSession.signIn(port, username, "Secret123");
        assertThat(session.get("/enterprises").statusCode()).isEqualTo(200);
    }

    @Test
    void theLoginButtonAndTheRefusalPageSpeakToTheUserInABrowser() throws Exception {
        String username = unique("nobody");
        SsoFlow.providerWillVouchFor(PROVIDER, "sub-" + username,
                Map.of("preferred_username", username, "roles", "kjj", "org_code", "ORG-ELSEWHERE"));
        try (Browser browser = Browser.start(port)) {
            ChromeDriver driver = (ChromeDriver) browser.driver();
            List<String> problems = new ArrayList<>();
            for (String lang : List.of("zh-CN", "en")) {
                browser.open("/login?lang=" + lang);
                problems.addAll(PageAudit.words(driver));
                if (lang.equals("zh-CN")) problems.addAll(PageAudit.accessibility(driver));
            }
            browser.open("/login?lang=zh-CN");
            driver.findElement(By.id("login-sso")).click();
            browser.waiting(Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("/login/sso-refused"));
            assertThat(driver.findElement(By.id("sso-refused-reason")).getText())
                    .isEqualTo("身份凭证中的机构代码“ORG-ELSEWHERE”未在本平台的辖区对应规则中。");
            problems.addAll(PageAudit.words(driver));
            problems.addAll(PageAudit.accessibility(driver));
            browser.open("/login/sso-refused?lang=en");
            assertThat(driver.findElement(By.id("sso-refused-reason")).getText())
                    .isEqualTo("The organisation code \"ORG-ELSEWHERE\" in your identity token is not in this platform's region mapping.");
            problems.addAll(PageAudit.words(driver));
            problems.addAll(browser.consoleErrors());
            assertThat(problems).isEmpty();
        }
    }

    private static void assertSignedOut(SsoFlow browser) throws Exception {
        HttpResponse<String> home = browser.get("/");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location").orElse("")).endsWith("/login");
    }
}
