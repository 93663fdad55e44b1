package org.innoladder.db.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded PostgreSQL used when no {@code spring.datasource.url} is configured.
 *
 * @param dataDir  where the cluster lives; it survives restarts (empty or missing: a new cluster is made)
 * @param port     fixed so that a second process (a CLI verb while {@code serve} runs) reaches the same server;
 *                 0 picks a free port (tests)
 * @param clean    delete the cluster on shutdown (tests only)
 */
@ConfigurationProperties("innoladder.database.embedded")
public record EmbeddedDatabaseProperties(String dataDir, int port, boolean clean) {
    public EmbeddedDatabaseProperties {
        if (dataDir == null || dataDir.isBlank()) dataDir = "data/postgres";
    }
}
