package org.innoladder.db.internal;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code manifest.json} of a backup archive: which schema version the data belongs to, and per table its file,
 * columns, row count, size and SHA-256, so a restore can rebuild the schema with Flyway and prove every table came
 * back whole. {@code sequences}: each sequence's last value (null: never used).
 */
public record BackupManifest(String format, int formatVersion, String schemaVersion, String serverVersion,
                             String createdAt, List<Table> tables, Map<String, Long> sequences) {
    public static final String FORMAT = "innoladder-backup";
    public static final int VERSION = 1;
    public static final String ENTRY = "manifest.json";
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** One table: its data in {@code file} as PostgreSQL COPY text (UTF-8), {@code columns} in that order. */
    public record Table(String name, String file, List<String> columns, long rows, long bytes, String sha256) {
    }

    public long rows() {
        return tables.stream().mapToLong(Table::rows).sum();
    }

    byte[] toJson() {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    }

    static BackupManifest fromJson(byte[] json) {
        BackupManifest m = JSON.readValue(json, BackupManifest.class);
        if (!FORMAT.equals(m.format()) || m.formatVersion() != VERSION) {
            throw new BackupException("not an InnoLadder backup of format version " + VERSION + " (manifest says "
                    + m.format() + " " + m.formatVersion() + ")");
        }
        return m;
    }
}
