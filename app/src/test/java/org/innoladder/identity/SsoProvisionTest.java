package org.innoladder.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Issue 16, single sign-on with {@code innoladder.sso.provision: true}: an unknown user gets an account of the mapped scope. */
class SsoProvisionTest extends SsoTestSupport {

    @DynamicPropertySource
    static void singleSignOnWithProvisioning(DynamicPropertyRegistry registry) {
        provider(registry, true);
    }

    @Test
    void anUnknownUserIsProvisionedWithTheMappedRoleAndRegion() throws Exception {
        String username = unique("newcomer");
        String marker = "开户" + System.nanoTime() % 1_000_000;
        enterprise(marker + "域内有限公司", "320412100");
        enterprise(marker + "域外有限公司", "320411002");
        SsoFlow browser = new SsoFlow(port);
        SsoFlow.providerWillVouchFor(PROVIDER, "sub-" + username,
                Map.of("preferred_username", username, "name", "李四", "roles", "kjj", "org_code", "ORG-WJ"));

        assertThat(browser.signIn().uri().getPath()).isEqualTo("/");

        Map<String, Object> row = jdbc.sql("SELECT role, region_code, display_name, enabled FROM app_user WHERE username = ?")
                .param(username).query().singleRow();
        assertThat(row).containsEntry("role", "BUREAU").containsEntry("region_code", "320412")
                .containsEntry("display_name", "李四").containsEntry("enabled", true);
        assertThat(audits("user.create", "provisioned by single sign-on; role=BUREAU; region=320412")).isPositive();
        assertThat(audits("login.success", "subject=sub-" + username)).isEqualTo(1);
        String list = browser.get("/enterprises?q=" + java.net.URLEncoder.encode(marker, java.nio.charset.StandardCharsets.UTF_8)).body();
        assertThat(list).contains(marker + "域内有限公司").doesNotContain(marker + "域外有限公司");
    }

    @Test
    void provisioningNeverGrantsAnUnmappedRegion() throws Exception {
        String username = unique("newcomer");
        SsoFlow browser = new SsoFlow(port);
        SsoFlow.providerWillVouchFor(PROVIDER, "sub-" + username,
                Map.of("preferred_username", username, "roles", "kjj", "org_code", "ORG-OTHER"));

        assertThat(browser.signIn().uri().getPath()).isEqualTo("/login/sso-refused");
        assertThat(jdbc.sql("SELECT count(*) FROM app_user WHERE username = ?").param(username).query(Long.class).single()).isZero();
    }
}
