package org.innoladder.identity.internal;

import org.innoladder.identity.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL over {@code app_user}; the identity capability's only door to that table. */
@Repository
public class AppUserRepository {
    private static final String COLUMNS = "id, username, password_hash, display_name, role, region_code, enterprise_id,"
            + " bank_id, enabled, failed_logins, locked_until";

    private final JdbcClient jdbc;

    public AppUserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AppUser> findByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE username = :u")
                .param("u", username).query(AppUserRepository::map).optional();
    }

    public Optional<AppUser> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE id = :id")
                .param("id", id).query(AppUserRepository::map).optional();
    }

    /** The row locked for update, so concurrent failures count one by one. */
    public Optional<AppUser> lockByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE username = :u FOR UPDATE")
                .param("u", username).query(AppUserRepository::map).optional();
    }

    public List<AppUser> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user ORDER BY role, username").query(AppUserRepository::map).list();
    }

    public boolean exists(String username) {
        return jdbc.sql("SELECT count(*) FROM app_user WHERE username = :u").param("u", username)
                .query(Integer.class).single() > 0;
    }

    public int count() {
        return jdbc.sql("SELECT count(*) FROM app_user").query(Integer.class).single();
    }

    public void saveFailures(long id, int failures) {
        jdbc.sql("UPDATE app_user SET failed_logins = :f WHERE id = :id").param("f", failures).param("id", id).update();
    }

    public void lock(long id, int failures, Instant lockedUntil) {
        jdbc.sql("UPDATE app_user SET failed_logins = :f, locked_until = :until WHERE id = :id")
                .param("f", failures).param("until", Timestamp.from(lockedUntil)).param("id", id).update();
    }

    public void resetFailures(long id) {
        jdbc.sql("UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = :id AND (failed_logins <> 0 OR locked_until IS NOT NULL)")
                .param("id", id).update();
    }

    public long insert(String username, String passwordHash, String displayName, Role role, String regionCode,
                       Long enterpriseId, Long bankId) {
        return jdbc.sql("""
                INSERT INTO app_user (username, password_hash, display_name, role, region_code, enterprise_id, bank_id)
                VALUES (:username, :hash, :display, :role, :region, :enterprise, :bank) RETURNING id""")
                .param("username", username).param("hash", passwordHash).param("display", displayName)
                .param("role", role.name()).param("region", regionCode).param("enterprise", enterpriseId)
                .param("bank", bankId).query(Long.class).single();
    }

    /** A region-scoped role and its region (single sign-on makes an account follow the provider's claims). */
    public void updateScope(long id, Role role, String regionCode) {
        jdbc.sql("UPDATE app_user SET role = :role, region_code = :region WHERE id = :id")
                .param("role", role.name()).param("region", regionCode).param("id", id).update();
    }

    /** Enabling also lifts a lock, so an administrator can let a locked-out user back in. */
    public boolean setEnabled(long id, boolean enabled) {
        return jdbc.sql(enabled
                        ? "UPDATE app_user SET enabled = true, failed_logins = 0, locked_until = NULL WHERE id = :id"
                        : "UPDATE app_user SET enabled = false WHERE id = :id")
                .param("id", id).update() == 1;
    }

    private static AppUser map(ResultSet rs, int row) throws SQLException {
        Timestamp locked = rs.getTimestamp("locked_until");
        return new AppUser(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"),
                rs.getString("display_name"), Role.valueOf(rs.getString("role")), rs.getString("region_code"),
                (Long) rs.getObject("enterprise_id"), (Long) rs.getObject("bank_id"), rs.getBoolean("enabled"),
                rs.getInt("failed_logins"), locked == null ? null : locked.toInstant());
    }
}
