package org.innoladder.db.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Just the configured database — an external one from {@code spring.datasource.*}, or the embedded server (started
 * when it is not already running) — without the application: no migration, nothing at start-up. Backup and restore
 * use it, since a restore must find the database as it is. Not a scanned configuration on purpose: it is only ever
 * the primary source of its own small context.
 */
@Import(EmbeddedDatabaseConfiguration.class)
@ImportAutoConfiguration(DataSourceAutoConfiguration.class)
public class DatabaseOnly {

    /** Where to connect, as the application would. */
    public record Target(String url, String user, String password) {
        /** One connection of its own, named in {@code pg_stat_activity}, outside any pool. */
        public Connection connect(String applicationName) throws SQLException {
            Properties p = new Properties();
            if (user != null) p.setProperty("user", user);
            if (password != null) p.setProperty("password", password);
            p.setProperty("ApplicationName", applicationName);
            return DriverManager.getConnection(url, p);
        }
    }

    public static ConfigurableApplicationContext start(List<String> springArgs) {
        return new SpringApplicationBuilder(DatabaseOnly.class)
                .web(WebApplicationType.NONE)
                .profiles("cli")
                .logStartupInfo(false)
                .run(springArgs.toArray(String[]::new));
    }

    /** The connection settings of the context's data source (its pool is never opened). */
    public static Target target(ConfigurableApplicationContext context) {
        DataSource ds = context.getBean(DataSource.class);
        if (!(ds instanceof HikariDataSource h)) {
            throw new IllegalStateException("backup and restore need the default connection pool; found " + ds.getClass().getName());
        }
        return new Target(h.getJdbcUrl(), h.getUsername(), h.getPassword());
    }

    /** The Flyway migration locations the application uses. */
    public static List<String> migrationLocations(ConfigurableApplicationContext context) {
        // a YAML list is bound, not read as one property
        List<String> locations = Binder.get(context.getEnvironment())
                .bind("spring.flyway.locations", Bindable.listOf(String.class)).orElse(List.of());
        return locations.isEmpty() ? List.of("classpath:db/migration") : locations;
    }
}
