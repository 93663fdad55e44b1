package org.innoladder.region.migration;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.postgresql.PGConnection;

/**
 * Loads the real statistical division codes of all of China (province to town, 2023 edition; see
 * ../shared/data/regions/README.md) with COPY: about 44,700 rows in well under a second.
 */
public class V2__regions extends BaseJavaMigration {
    private static final String[] FILES = {"regions/regions-china-county.csv", "regions/regions-china-town.csv"};

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        PGConnection pg = connection.unwrap(PGConnection.class);
        for (String file : FILES) {
            try (InputStream in = V2__regions.class.getClassLoader().getResourceAsStream(file)) {
                if (in == null) throw new IllegalStateException("region file missing from the classpath: " + file);
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
                pg.getCopyAPI().copyIn(
                        "COPY region (code, name, level, parent_code) FROM STDIN WITH (FORMAT csv, HEADER true)", reader);
            }
        }
    }
}
