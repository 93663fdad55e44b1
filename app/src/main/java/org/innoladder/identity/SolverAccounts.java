package org.innoladder.identity;

import java.util.regex.Pattern;

import org.innoladder.identity.internal.NewUserRules;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Self-registered accounts of the SOLVER role (揭榜单位): created disabled, enabled only when a bureau officer has
 * checked the organisation (the challenge module decides that; identity owns the account). The same username and
 * password rules as accounts an administrator creates.
 */
@Component
public class SolverAccounts {
    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,31}");

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;

    public SolverAccounts(JdbcClient jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    /** A broken rule, naming the field: {@code username} or {@code password}. */
    public record Problem(String field, String zh, String en) {
    }

    public Problem check(String username, String password) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            return new Problem("username", "用户名须为 3–32 位小写字母、数字或 . _ -，以字母开头", "3 to 32 lower-case letters, digits or . _ -, starting with a letter");
        }
        if (jdbc.sql("SELECT count(*) FROM app_user WHERE username = :u").param("u", username).query(Integer.class).single() > 0) {
            return new Problem("username", "用户名已被使用", "the username is taken");
        }
        if (password == null || !NewUserRules.passwordAcceptable(password)) {
            return new Problem("password", "密码须为 8–64 位，且同时包含字母和数字", "8 to 64 characters with letters and digits");
        }
        return null;
    }

    /** Creates the disabled account in the caller's transaction; the caller checked {@link #check} first. */
    public long createDisabled(String username, String password, String displayName) {
        return jdbc.sql("""
                INSERT INTO app_user (username, password_hash, display_name, role, enabled) VALUES (:u, :p, :d, 'SOLVER', false)
                RETURNING id""").param("u", username).param("p", encoder.encode(password)).param("d", displayName)
                .query(Long.class).single();
    }

    public void enable(long userId) {
        jdbc.sql("UPDATE app_user SET enabled = true WHERE id = :id AND role = 'SOLVER'").param("id", userId).update();
    }
}
