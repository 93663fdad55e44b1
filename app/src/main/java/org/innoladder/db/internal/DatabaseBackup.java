package org.innoladder.db.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes a consistent backup of the application schema into one zip file, through the JDBC driver alone (no
 * pg_dump, whose version must match the server's): one REPEATABLE READ, READ ONLY transaction sees a single
 * snapshot, every table leaves through {@code COPY … TO STDOUT} in text format, and the manifest records the
 * Flyway schema version with each table's row count and SHA-256. The file appears under its name only when
 * complete.
 */
public final class DatabaseBackup {
    private DatabaseBackup() {
    }

    /** Session settings that make the COPY text exact and independent of the server's defaults. */
    static final List<String> SESSION = List.of("SET client_encoding = 'UTF8'", "SET DateStyle = 'ISO, YMD'",
            "SET IntervalStyle = 'postgres'", "SET TimeZone = 'UTC'", "SET extra_float_digits = 3", "SET bytea_output = 'hex'");

    public static BackupManifest write(Connection c, Path out) throws SQLException, IOException {
        if (Files.exists(out)) throw new BackupException(out + " already exists; choose a new file name");
        Path part = out.toAbsolutePath().resolveSibling(out.getFileName() + ".part");
        try (Statement s = c.createStatement()) {
            for (String sql : SESSION) s.execute(sql);
        }
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        try {
            String version = SchemaCatalog.schemaVersion(c);
            if (version == null) throw new BackupException("the database has no InnoLadder schema (no Flyway history): nothing to back up");
            String server;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                server = rs.getString(1);
            }
            Map<String, List<String>> tables = SchemaCatalog.tables(c);
            Map<String, Long> sequences = SchemaCatalog.sequences(c);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            List<BackupManifest.Table> written = new ArrayList<>();
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(part))) {
                // text compresses well already at the fastest level; a higher one costs time for a few percent
                zip.setLevel(Deflater.BEST_SPEED);
                for (Map.Entry<String, List<String>> t : tables.entrySet()) {
                    String file = "tables/" + t.getKey() + ".copy";
                    zip.putNextEntry(new ZipEntry(file));
                    MessageDigest sha = sha256();
                    Counting counted = new Counting(new DigestOutputStream(zip, sha));
                    long rows = copy.copyOut("COPY " + SchemaCatalog.quote(t.getKey()) + " (" + SchemaCatalog.columnList(t.getValue())
                            + ") TO STDOUT", counted);
                    counted.flush();
                    zip.closeEntry();
                    written.add(new BackupManifest.Table(t.getKey(), file, t.getValue(), rows, counted.bytes,
                            HexFormat.of().formatHex(sha.digest())));
                }
                BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, BackupManifest.VERSION, version, server,
                        OffsetDateTime.now().toString(), written, sequences);
                zip.putNextEntry(new ZipEntry(BackupManifest.ENTRY));
                zip.write(manifest.toJson());
                zip.closeEntry();
                zip.finish();
                c.commit();
                Files.move(part, out, StandardCopyOption.ATOMIC_MOVE);
                return manifest;
            }
        } finally {
            Files.deleteIfExists(part);
            if (!c.getAutoCommit()) c.rollback();
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts the bytes written and never closes the zip stream underneath. */
    private static final class Counting extends FilterOutputStream {
        long bytes;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytes += len;
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
