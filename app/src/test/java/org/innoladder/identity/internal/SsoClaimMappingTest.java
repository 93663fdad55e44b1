package org.innoladder.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.innoladder.identity.Role;
import org.junit.jupiter.api.Test;

/** The claim mapping grants only what it lists; the settings refuse a mapping that would grant more than a region. */
class SsoClaimMappingTest {
    static final SsoProperties SETTINGS = new SsoProperties(true, "gov", "preferred_username", "name", "roles", "org_code",
            false, Map.of("kjj", Role.BUREAU, "town", Role.TOWN, "kjj-town", Role.TOWN), Map.of("ORG-WJ", "320412"));
    final SsoClaimMapping mapping = new SsoClaimMapping(SETTINGS);

    private SsoRefusal refused(Map<String, Object> claims) {
        SsoClaimMapping.Outcome outcome = mapping.map("s1", claims);
        assertThat(outcome).isInstanceOf(SsoClaimMapping.Refused.class);
        return ((SsoClaimMapping.Refused) outcome).refusal();
    }

    @Test
    void listedValuesGrantTheirRoleAndRegion() {
        SsoClaimMapping.Outcome outcome = mapping.map("s1", Map.of("preferred_username", " wang ", "roles", List.of("town", "kjj-town"),
                "org_code", "ORG-WJ"));
        assertThat(outcome).isEqualTo(new SsoClaimMapping.Accepted(
                new SsoClaimMapping.Granted("wang", "wang", Role.TOWN, "320412")));
    }

    @Test
    void anyUnlistedValueRefusesNamingClaimAndValue() {
        assertThat(refused(Map.of("preferred_username", "wang", "roles", List.of("kjj", "admin"), "org_code", "ORG-WJ")))
                .isEqualTo(new SsoRefusal(SsoRefusal.Reason.UNMAPPED_ROLE, "roles", "admin", "s1"));
        assertThat(refused(Map.of("preferred_username", "wang", "roles", "kjj", "org_code", "ORG-X")))
                .isEqualTo(new SsoRefusal(SsoRefusal.Reason.UNMAPPED_REGION, "org_code", "ORG-X", "s1"));
        assertThat(refused(Map.of("preferred_username", "wang", "roles", "kjj town", "org_code", "ORG-WJ")).reason())
                .isEqualTo(SsoRefusal.Reason.AMBIGUOUS_ROLE);
        assertThat(refused(Map.of("preferred_username", "wang", "roles", "kjj", "org_code", List.of("ORG-WJ", "ORG-X"))).reason())
                .isEqualTo(SsoRefusal.Reason.AMBIGUOUS_REGION);
        assertThat(refused(Map.of("preferred_username", "wang", "org_code", "ORG-WJ")))
                .isEqualTo(new SsoRefusal(SsoRefusal.Reason.MISSING_CLAIM, "roles", null, "s1"));
        assertThat(refused(Map.of("roles", "kjj", "org_code", "ORG-WJ")).claim()).isEqualTo("preferred_username");
    }

    @Test
    void theSettingsRefuseRolesWithoutARegionScopeAndBadRegionCodes() {
        assertThatThrownBy(() -> new SsoProperties(false, "gov", "u", "n", "r", "o", false,
                Map.of("bank", Role.BANK), Map.of())).hasMessageContaining("innoladder.sso.roles.bank=BANK");
        assertThatThrownBy(() -> new SsoProperties(false, "gov", "u", "n", "r", "o", false,
                Map.of(), Map.of("ORG", "32x"))).hasMessageContaining("innoladder.sso.regions.ORG=32x");
        assertThatThrownBy(() -> new SsoProperties(true, "gov", "u", "n", "r", "o", false, Map.of(), Map.of()))
                .hasMessageContaining("innoladder.sso.roles");
    }
}
