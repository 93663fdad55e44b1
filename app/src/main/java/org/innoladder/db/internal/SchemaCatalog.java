package org.innoladder.db.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the backup and the restore read about the application schema (the connection's current schema): its tables
 * with their stored columns, the order in which foreign keys allow them to be filled, its sequences and the Flyway
 * version. Flyway's own history table is not data: the restore rebuilds it by migrating.
 */
final class SchemaCatalog {
    static final String FLYWAY_HISTORY = "flyway_schema_history";

    private SchemaCatalog() {
    }

    /** Every base table but Flyway's history, parents before the tables that reference them, each with its stored columns. */
    static Map<String, List<String>> tables(Connection c) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT cl.relname, a.attname FROM pg_class cl
                JOIN pg_namespace n ON n.oid = cl.relnamespace AND n.nspname = current_schema()
                JOIN pg_attribute a ON a.attrelid = cl.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                WHERE cl.relkind IN ('r', 'p') AND cl.relname <> ?
                ORDER BY cl.relname, a.attnum""")) {
            ps.setString(1, FLYWAY_HISTORY);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        Map<String, Set<String>> parents = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT ch.relname, pa.relname FROM pg_constraint k
                JOIN pg_class ch ON ch.oid = k.conrelid JOIN pg_class pa ON pa.oid = k.confrelid
                JOIN pg_namespace n ON n.oid = ch.relnamespace AND n.nspname = current_schema()
                WHERE k.contype = 'f' AND k.conrelid <> k.confrelid""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) parents.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(rs.getString(2));
        }
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String t : columns.keySet()) visit(t, columns, parents, visiting, ordered);
        return ordered;
    }

    private static void visit(String table, Map<String, List<String>> columns, Map<String, Set<String>> parents,
                              Set<String> visiting, Map<String, List<String>> ordered) {
        if (ordered.containsKey(table) || !columns.containsKey(table)) return;
        if (!visiting.add(table)) throw new IllegalStateException("foreign keys form a cycle through " + visiting);
        for (String p : parents.getOrDefault(table, Set.of())) visit(p, columns, parents, visiting, ordered);
        visiting.remove(table);
        ordered.put(table, columns.get(table));
    }

    /** Sequences of the schema with their current value (null: never used). */
    static Map<String, Long> sequences(Connection c) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = current_schema() ORDER BY 1");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString(1);
                long v = rs.getLong(2);
                out.put(name, rs.wasNull() ? null : v);
            }
        }
        return out;
    }

    /** The version of the latest successful versioned migration, or null when Flyway never ran here. */
    static String schemaVersion(Connection c) throws SQLException {
        try (PreparedStatement exists = c.prepareStatement(
                "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?")) {
            exists.setString(1, FLYWAY_HISTORY);
            try (ResultSet rs = exists.executeQuery()) {
                rs.next();
                if (rs.getInt(1) == 0) return null;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM " + FLYWAY_HISTORY
                + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** A name in SQL, quoted (names come from the catalogue, but a quote costs nothing). */
    static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String columnList(List<String> columns) {
        return String.join(", ", columns.stream().map(SchemaCatalog::quote).toList());
    }
}
