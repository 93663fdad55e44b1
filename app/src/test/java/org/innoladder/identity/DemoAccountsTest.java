package org.innoladder.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.util.List;
import java.util.Map;

import org.innoladder.rules.facts.CreditCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class DemoAccountsTest extends IdentityTestSupport {
    @Autowired
    DemoAccounts demo;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactionManager;
    org.springframework.transaction.support.TransactionTemplate transactions;

    /** The demo accounts are made only on an empty user table: start from one (other tests' users go). */
    @BeforeEach
    void noUsers() {
        transactions = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
        jdbc.sql("DELETE FROM app_user").update();
    }

    private void enterprise(String first16, String name, String region) {
        jdbc.sql("""
                INSERT INTO enterprise (credit_code, name, region_code, founded_on) VALUES (:c, :n, :r, DATE '2015-01-01')
                ON CONFLICT (credit_code) DO NOTHING""")
                .param("c", CreditCode.complete(first16)).param("n", name).param("r", region).update();
    }

    @Test
    void createsOneAccountPerRoleWithHashedPasswordsAndTheDemoBank() throws Exception {
        enterprise("9132041200000001", "湖塘演示企业甲", "320412100");
        enterprise("9132040000000001", "常州演示企业乙", "320402");
        enterprise("9111010000000001", "北京演示企业丙", "110101");

        List<DemoAccounts.Account> accounts = demo.ensureDemoAccounts();

        assertThat(accounts).extracting(DemoAccounts.Account::username)
                .containsExactly("admin", "bureau", "wujin", "town", "enterprise", "bank", "expert", "leader");
        assertThat(accounts).extracting(DemoAccounts.Account::role).containsExactly(Role.ADMIN, Role.BUREAU,
                Role.BUREAU, Role.TOWN, Role.ENTERPRISE, Role.BANK, Role.EXPERT, Role.LEADER);
        assertThat(accounts.get(1).scope()).contains("常州市").doesNotContain("3204");
        assertThat(accounts.get(3).scope()).contains("湖塘镇");

        for (Map<String, Object> row : jdbc.sql("SELECT username, password_hash FROM app_user").query().listOfRows()) {
            String hash = (String) row.get("password_hash");
            assertThat(hash).as("hash of %s", row.get("username")).startsWith("{bcrypt}").doesNotContain(DemoAccounts.PASSWORD);
            assertThat(encoder.matches(DemoAccounts.PASSWORD, hash)).isTrue();
        }
        Map<String, Object> scopes = jdbc.sql("""
                SELECT (SELECT region_code FROM app_user WHERE username = 'wujin') AS wujin,
                       (SELECT region_code FROM app_user WHERE username = 'town') AS town,
                       (SELECT region_code FROM app_user WHERE username = 'leader') AS leader,
                       (SELECT e.name FROM app_user u JOIN enterprise e ON e.id = u.enterprise_id WHERE u.username = 'enterprise') AS ent,
                       (SELECT b.code FROM app_user u JOIN bank b ON b.id = u.bank_id WHERE u.username = 'bank') AS bank,
                       (SELECT display_name FROM app_user WHERE username = 'bureau') AS bureau_name""").query().singleRow();
        assertThat(scopes).containsEntry("wujin", "320412").containsEntry("town", "320412100")
                .containsEntry("leader", "3204").containsEntry("ent", "湖塘演示企业甲")
                .containsEntry("bank", DemoAccounts.BANK_CODE).containsEntry("bureau_name", "常州市科技局（演示）");

        // the bank is authorised by the enterprises under 3204 only, for a year
        List<String> authorising = jdbc.sql("""
                SELECT e.name FROM bank_authorisation ba JOIN enterprise e ON e.id = ba.enterprise_id
                JOIN bank b ON b.id = ba.bank_id WHERE b.code = :code
                  AND ba.expires_at > now() + interval '360 days' AND ba.revoked_at IS NULL""")
                .param("code", DemoAccounts.BANK_CODE).query(String.class).list();
        assertThat(authorising).contains("湖塘演示企业甲", "常州演示企业乙").doesNotContain("北京演示企业丙");

        assertThat(auditActions("system")).contains("user.create");

        // they can sign in with the documented password
        mvc.perform(post("/login").param("username", "wujin").param("password", DemoAccounts.PASSWORD)
                .with(csrf()).with(fromAddress(uniqueAddress()))).andExpect(redirectedUrl("/"));

        // a second call changes nothing and still lists them
        assertThat(demo.ensureDemoAccounts()).hasSize(8);
        assertThat(jdbc.sql("SELECT count(*) FROM app_user").query(Integer.class).single()).isEqualTo(8);
    }

    @Test
    void skipsTheEnterpriseAccountWhenThereIsNoEnterpriseYet() {
        // rolled back afterwards, so the enterprises other tests made are kept
        transactions.executeWithoutResult(tx -> {
            tx.setRollbackOnly();
            jdbc.sql("DELETE FROM bank_authorisation").update();
            jdbc.sql("DELETE FROM enterprise_year").update();
            jdbc.sql("DELETE FROM recognition").update();
            jdbc.sql("DELETE FROM enterprise").update();
            assertThat(demo.ensureDemoAccounts()).extracting(DemoAccounts.Account::username)
                    .containsExactly("admin", "bureau", "wujin", "town", "bank", "expert", "leader");
        });
    }

    @Test
    void leavesExistingUsersAlone() {
        createUser(unique("real"), Role.ADMIN, null, null, null);
        assertThat(demo.ensureDemoAccounts()).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM app_user").query(Integer.class).single()).isEqualTo(1);
    }
}
