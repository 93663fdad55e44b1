package org.innoladder.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A DELETE of the rows a run replaces, with the run's ids bound as one array ({@code … = ANY (?)}), planned for the
 * array it binds. The driver prepares a statement on the server after its fifth use on a connection, and PostgreSQL may
 * then keep a plan made once for any array, which cannot hash it: it searches the array linearly for every row it
 * reads, and on a table without statistics it reads every row of the year — 28 s for 50,000 ids where the plan made
 * for the array takes 0.3 s, 600 s for 300,000 (docs/benchmarks.md, "Replacing stored results"). Runs on the caller's
 * transaction; the planner setting applies to this statement only.
 */
public final class ArrayDelete {
    private ArrayDelete() {
    }

    /** Parameters of the statement; the array among them. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** @return the rows deleted */
    public static int run(Connection connection, String sql, Binder binder) throws SQLException {
        String before = setting(connection, "force_custom_plan");
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } finally {
            setting(connection, before);
        }
    }

    /** Sets plan_cache_mode for the rest of the transaction; returns its value before. */
    private static String setting(Connection connection, String value) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT current_setting('plan_cache_mode'), set_config('plan_cache_mode', ?, true)")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
