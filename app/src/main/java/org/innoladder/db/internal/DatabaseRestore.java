package org.innoladder.db.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Restores a {@link DatabaseBackup} archive into an empty database: Flyway builds the schema of the backup's
 * version (the migrations of this build), then one transaction empties what the migrations seeded, copies every
 * table in with {@code COPY … FROM STDIN} (parents before the tables that reference them), checks each table's
 * row count and SHA-256 against the manifest and sets the sequences — all of it or nothing. A database that already
 * holds tables is refused unless {@code force}, which first drops everything in the schema (Flyway clean); so is a
 * database other sessions are connected to.
 */
public final class DatabaseRestore {
    private DatabaseRestore() {
    }

    public record Result(BackupManifest manifest, long millis) {
    }

    public static Result restore(DatabaseOnly.Target target, List<String> locations, Path archive, boolean force)
            throws SQLException, IOException {
        long started = System.nanoTime();
        try (ZipFile zip = new ZipFile(archive.toFile()); Connection c = target.connect("innoladder restore")) {
            ZipEntry m = zip.getEntry(BackupManifest.ENTRY);
            if (m == null) throw new BackupException(archive + " is not an InnoLadder backup (no " + BackupManifest.ENTRY + ")");
            BackupManifest manifest;
            try (InputStream in = zip.getInputStream(m)) {
                manifest = BackupManifest.fromJson(in.readAllBytes());
            }
            refuseOtherSessions(c);
            Flyway flyway = Flyway.configure().dataSource(target.url(), target.user(), target.password())
                    .locations(locations.toArray(String[]::new)).target(manifest.schemaVersion()).cleanDisabled(!force).load();
            requireKnownVersion(flyway, manifest.schemaVersion());
            String existing = existing(c);
            if (existing != null) {
                if (!force) {
                    throw new BackupException("the database is not empty (" + existing + "); restore needs an empty database — "
                            + "point it at a new data directory or database, or add --force to drop everything in it first");
                }
                flyway.clean();
            }
            flyway.migrate();
            Map<String, List<String>> tables = SchemaCatalog.tables(c);
            requireSameTables(manifest, tables);
            load(c, zip, manifest, tables);
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE");
            }
            return new Result(manifest, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static void load(Connection c, ZipFile zip, BackupManifest manifest, Map<String, List<String>> order)
            throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            for (String sql : DatabaseBackup.SESSION) s.execute(sql);
        }
        c.setAutoCommit(false);
        try {
            // triggers that keep derived rows (points_summary_stale, V180) leave the backup's rows as they were
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL innoladder.restoring = 'on'");
            }
            emptySeededTables(c, order.keySet());
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            Map<String, BackupManifest.Table> byName = new LinkedHashMap<>();
            manifest.tables().forEach(t -> byName.put(t.name(), t));
            for (String name : order.keySet()) {
                BackupManifest.Table t = byName.get(name);
                ZipEntry e = zip.getEntry(t.file());
                if (e == null) throw new BackupException("the archive lacks " + t.file() + " named in its manifest");
                MessageDigest sha = DatabaseBackup.sha256();
                long rows;
                try (InputStream in = new DigestInputStream(zip.getInputStream(e), sha)) {
                    rows = copy.copyIn("COPY " + SchemaCatalog.quote(name) + " (" + SchemaCatalog.columnList(t.columns())
                            + ") FROM STDIN", in);
                }
                String digest = HexFormat.of().formatHex(sha.digest());
                if (rows != t.rows() || !digest.equals(t.sha256())) {
                    throw new BackupException("table " + name + " does not match the manifest (" + rows + " rows, sha256 " + digest
                            + "; expected " + t.rows() + ", " + t.sha256() + "): the archive is damaged");
                }
            }
            for (Map.Entry<String, Long> seq : manifest.sequences().entrySet()) {
                if (seq.getValue() == null) {
                    // never used in the backup: as fresh here, whatever a migration may have drawn from it
                    try (Statement s = c.createStatement()) {
                        s.execute("ALTER SEQUENCE " + SchemaCatalog.quote(seq.getKey()) + " RESTART");
                    }
                    continue;
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT setval(?::regclass, ?, true)")) {
                    ps.setString(1, SchemaCatalog.quote(seq.getKey()));
                    ps.setLong(2, seq.getValue());
                    ps.execute();
                }
            }
            c.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * Empties what the migrations seeded (reference data such as regions and roles): the backup holds those rows too.
     * One TRUNCATE for all, since a referenced table may only be truncated with the tables that reference it; tables
     * that refuse TRUNCATE (the append-only audit log) must be empty already.
     */
    private static void emptySeededTables(Connection c, Iterable<String> tables) throws SQLException {
        List<String> truncatable = new ArrayList<>();
        for (String t : tables) {
            boolean guarded;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT count(*) FROM pg_trigger g JOIN pg_class cl ON cl.oid = g.tgrelid
                    JOIN pg_namespace n ON n.oid = cl.relnamespace AND n.nspname = current_schema()
                    WHERE cl.relname = ? AND NOT g.tgisinternal AND (g.tgtype & 32) <> 0""")) {
                ps.setString(1, t);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    guarded = rs.getInt(1) > 0;
                }
            }
            if (!guarded) {
                truncatable.add(SchemaCatalog.quote(t));
                continue;
            }
            if (count(c, "SELECT count(*) FROM (SELECT 1 FROM " + SchemaCatalog.quote(t) + " LIMIT 1) x") > 0) {
                throw new BackupException("table " + t + " refuses TRUNCATE and is not empty after migrating");
            }
        }
        if (truncatable.isEmpty()) return;
        try (Statement s = c.createStatement()) {
            s.execute("TRUNCATE " + String.join(", ", truncatable));
        }
    }

    private static void refuseOtherSessions(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT count(*), string_agg(DISTINCT coalesce(nullif(application_name, ''), 'unnamed'), ', ')
                FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
                AND backend_type = 'client backend'""")) {
            rs.next();
            if (rs.getInt(1) > 0) {
                throw new BackupException(rs.getInt(1) + " other session(s) are connected to the database (" + rs.getString(2)
                        + "); stop the application (serve) before restoring");
            }
        }
    }

    /** What the schema already holds, in words, or null when it holds no table, view or sequence. */
    private static String existing(Connection c) throws SQLException {
        long relations = count(c, """
                SELECT count(*) FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
                WHERE n.nspname = current_schema() AND cl.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')""");
        if (relations == 0) return null;
        String version = SchemaCatalog.schemaVersion(c);
        boolean enterprises = count(c, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'enterprise'") > 0;
        return relations + " tables and sequences" + (version == null ? "" : ", schema version " + version)
                + (enterprises ? ", " + count(c, "SELECT count(*) FROM enterprise") + " enterprises" : "");
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void requireKnownVersion(Flyway flyway, String version) {
        for (MigrationInfo i : flyway.info().all()) {
            if (i.getVersion() != null && i.getVersion().getVersion().equals(version)) return;
        }
        throw new BackupException("the backup is of schema version " + version + ", which this InnoLadder does not know; "
                + "restore it with the InnoLadder release that made it");
    }

    private static void requireSameTables(BackupManifest manifest, Map<String, List<String>> tables) {
        Map<String, List<String>> backed = new LinkedHashMap<>();
        manifest.tables().forEach(t -> backed.put(t.name(), t.columns()));
        if (!backed.keySet().equals(tables.keySet())) {
            throw new BackupException("the tables of schema version " + manifest.schemaVersion() + " here " + tables.keySet()
                    + " differ from the backup's " + backed.keySet());
        }
        for (Map.Entry<String, List<String>> t : backed.entrySet()) {
            if (!t.getValue().equals(tables.get(t.getKey()))) {
                throw new BackupException("the columns of " + t.getKey() + " here " + tables.get(t.getKey()) + " differ from the backup's "
                        + t.getValue());
            }
        }
    }
}
