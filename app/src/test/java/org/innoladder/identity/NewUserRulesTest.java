package org.innoladder.identity;

import org.innoladder.identity.internal.NewUserRules;
import org.innoladder.identity.internal.ScopeDirectory;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class NewUserRulesTest {
    /** A small fixed directory: the rules are a plain function of what exists. */
    private final ScopeDirectory directory = new ScopeDirectory() {
        final Map<String, Region> regions = Map.of(
                "3204", new Region("3204", "常州市", "city"),
                "320412", new Region("320412", "武进区", "county"),
                "320412100", new Region("320412100", "湖塘镇", "town"));

        @Override
        public Optional<Region> region(String code) { return Optional.ofNullable(regions.get(code)); }

        @Override
        public Optional<Enterprise> enterpriseByCreditCode(String c) {
            return c.equals("91320412000000001X") ? Optional.of(new Enterprise(7, c, "甲")) : Optional.empty();
        }

        @Override
        public Optional<Enterprise> enterprise(long id) { return Optional.empty(); }

        @Override
        public Optional<Bank> bankByCode(String code) {
            return code.equals("B1") ? Optional.of(new Bank(3, "B1", "银行")) : Optional.empty();
        }

        @Override
        public Optional<Bank> bank(long id) { return Optional.empty(); }
    };

    private NewUserRules.Result check(String username, String password, String role, String region, String credit,
                                      String bank) {
        return NewUserRules.check(new NewUserRules.Request(username, password, "名字", role, region, credit, bank),
                "taken"::equals, directory);
    }

    @Test
    void resolvesTheScopeTheRoleNeeds() {
        assertThat(check("town1", "abcdefg1", "TOWN", "320412100", "", "").user().orElseThrow().regionCode())
                .isEqualTo("320412100");
        assertThat(check("ent1", "abcdefg1", "enterprise", "", "91320412000000001x", "").user().orElseThrow()
                .enterpriseId()).isEqualTo(7L);
        NewUserRules.Resolved bank = check("bank1", "abcdefg1", "BANK", "3204", "", "B1").user().orElseThrow();
        assertThat(bank.bankId()).isEqualTo(3L);
        assertThat(bank.regionCode()).as("unused scope fields are ignored").isNull();
        assertThat(check("exp1", "abcdefg1", "EXPERT", "", "", "").valid()).isTrue();
    }

    @Test
    void namesEveryBrokenRule() {
        assertThat(check("1abc", "abcdefgh", "BUREAU", "", "", "").violations()).containsExactly(
                new NewUserRules.Violation("username", "1abc", "usernamePattern"),
                new NewUserRules.Violation("password", null, "passwordPolicy"),
                new NewUserRules.Violation("regionCode", "", "regionRequired"));
        assertThat(check("taken", "12345678", "KING", "", "", "").violations()).extracting(NewUserRules.Violation::rule)
                .containsExactly("usernameTaken", "passwordPolicy", "roleUnknown");
        assertThat(check("town2", "abcdefg1", "TOWN", "320412", "", "").violations()).extracting(NewUserRules.Violation::rule)
                .containsExactly("townRequired");
        assertThat(check("lead", "abcdefg1", "LEADER", "3299", "", "").violations()).extracting(NewUserRules.Violation::rule)
                .containsExactly("regionUnknown");
        assertThat(check("ent2", "abcdefg1", "ENTERPRISE", "", "91320412000000002X", "").violations())
                .extracting(NewUserRules.Violation::rule).containsExactly("creditCodeUnknown");
        assertThat(check("bank2", "abcdefg1", "BANK", "", "", "B2").violations())
                .extracting(NewUserRules.Violation::rule).containsExactly("bankUnknown");
    }

    @Test
    void passwordPolicy() {
        assertThat(NewUserRules.passwordAcceptable("Demo@2026")).isTrue();
        assertThat(NewUserRules.passwordAcceptable("abc1234")).as("7 characters").isFalse();
        assertThat(NewUserRules.passwordAcceptable("abcdefgh")).as("no digit").isFalse();
        assertThat(NewUserRules.passwordAcceptable("12345678")).as("no letter").isFalse();
        assertThat(NewUserRules.passwordAcceptable("a1".repeat(33))).as("66 characters").isFalse();
    }
}
