package org.innoladder.identity;

import org.innoladder.region.Regions;
import org.innoladder.identity.internal.AppUserRepository;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.innoladder.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo accounts of the shared contract, one per role, all with password {@value #PASSWORD}. Created only on
 * an empty {@code app_user} table, so a real installation's users are never touched. Call it after the demo
 * enterprises are loaded: the enterprise and bank accounts attach to them.
 */
@Component
public class DemoAccounts {
    public static final String PASSWORD = "Demo@2026";
    public static final String BANK_CODE = "CZ-SCI-BANK";
    public static final String BANK_NAME = "常州科创银行（演示）";
    static final String CITY = "3204";
    static final String DISTRICT = "320412";
    static final String TOWN = "320412100";
    /** How many enterprises under the city authorise the demo bank. */
    static final int AUTHORISED_ENTERPRISES = 20;

    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

    /** A demo account as {@code serve} prints it. */
    public record Account(String username, Role role, String scope) {
    }

    private final JdbcClient jdbc;
    private final AppUserRepository users;
    private final PasswordEncoder encoder;
    private final ScopeDescriptions scopes;
    private final AuditTrail audit;
    private final Clock clock;

    private final Regions regions;

    public DemoAccounts(Regions regions, JdbcClient jdbc, AppUserRepository users, PasswordEncoder encoder, ScopeDescriptions scopes,
                        AuditTrail audit, Clock clock) {
        this.regions = regions;
        this.jdbc = jdbc;
        this.users = users;
        this.encoder = encoder;
        this.scopes = scopes;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Creates the demo accounts when there are no users yet.
     *
     * @return the demo accounts that exist afterwards (created now or earlier), with their scope in Chinese
     */
    @Transactional
    public List<Account> ensureDemoAccounts() {
        // serialise concurrent first starts; the lock ends with the transaction
        jdbc.sql("SELECT pg_advisory_xact_lock(20260412)").query().singleRow();
        if (users.count() == 0) create();
        List<Account> accounts = new ArrayList<>();
        for (String username : List.of("admin", "bureau", "wujin", "town", "enterprise", "bank", "expert", "leader")) {
            users.findByUsername(username).ifPresent(u -> accounts.add(new Account(u.username(), u.role(),
                    scopes.describe(u.toCurrentUser(), Locale.SIMPLIFIED_CHINESE))));
        }
        return accounts;
    }

    private void create() {
        String hash = encoder.encode(PASSWORD);
        add("admin", hash, "平台管理员（演示）", Role.ADMIN, null, null, null);
        region(CITY).ifPresentOrElse(
                name -> add("bureau", hash, name + "科技局（演示）", Role.BUREAU, CITY, null, null), () -> missing(CITY));
        region(DISTRICT).ifPresentOrElse(
                name -> add("wujin", hash, name + "科技局（演示）", Role.BUREAU, DISTRICT, null, null), () -> missing(DISTRICT));
        region(TOWN).ifPresentOrElse(
                name -> add("town", hash, name + "科技助理（演示）", Role.TOWN, TOWN, null, null), () -> missing(TOWN));
        firstEnterprise().ifPresentOrElse(
                e -> add("enterprise", hash, e.name() + "（演示用户）", Role.ENTERPRISE, null, e.id(), null),
                () -> log.info("No enterprise yet: demo account 'enterprise' skipped; load demo data first"));
        long bankId = demoBank();
        add("bank", hash, BANK_NAME, Role.BANK, null, null, bankId);
        int authorised = authoriseBank(bankId);
        add("expert", hash, "评审专家（演示）", Role.EXPERT, null, null, null);
        region(CITY).ifPresentOrElse(
                name -> add("leader", hash, name + "科创委领导（演示）", Role.LEADER, CITY, null, null), () -> missing(CITY));
        log.info("Demo accounts created (password {}); {} enterprises authorise the demo bank", PASSWORD, authorised);
    }

    private void add(String username, String hash, String displayName, Role role, String region, Long enterpriseId,
                     Long bankId) {
        users.insert(username, hash, displayName, role, region, enterpriseId, bankId);
        audit.record("system", "user.create", "app_user:" + username, "demo account; role=" + role, null);
    }

    private Optional<String> region(String code) {
        return regions.name(code);
    }

    private static void missing(String code) {
        log.info("Region {} is not loaded: the demo account for it is skipped", code);
    }

    private record EnterpriseRef(long id, String name) {
    }

    /** The first enterprise by credit code in the demo town, or failing that the first at all. */
    private Optional<EnterpriseRef> firstEnterprise() {
        return jdbc.sql("""
                SELECT id, name FROM enterprise
                ORDER BY (coalesce(region_code, '') LIKE :town) DESC, credit_code LIMIT 1""")
                .param("town", TOWN + "%")
                .query((rs, i) -> new EnterpriseRef(rs.getLong(1), rs.getString(2))).optional();
    }

    private long demoBank() {
        jdbc.sql("INSERT INTO bank (code, name) VALUES (:code, :name) ON CONFLICT (code) DO NOTHING")
                .param("code", BANK_CODE).param("name", BANK_NAME).update();
        return jdbc.sql("SELECT id FROM bank WHERE code = :code").param("code", BANK_CODE).query(Long.class).single();
    }

    private int authoriseBank(long bankId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.atZone(clock.getZone()).plusYears(1).toInstant();
        return jdbc.sql("""
                INSERT INTO bank_authorisation (enterprise_id, bank_id, granted_at, expires_at)
                SELECT e.id, :bank, :granted, :expires FROM enterprise e
                WHERE e.region_code LIKE :city
                  AND NOT EXISTS (SELECT 1 FROM bank_authorisation ba WHERE ba.enterprise_id = e.id AND ba.bank_id = :bank
                                  AND ba.revoked_at IS NULL AND ba.expires_at > :granted)
                ORDER BY e.credit_code LIMIT :n""")
                .param("bank", bankId).param("granted", Timestamp.from(now)).param("expires", Timestamp.from(expires))
                .param("city", CITY + "%").param("n", AUTHORISED_ENTERPRISES).update();
    }
}
