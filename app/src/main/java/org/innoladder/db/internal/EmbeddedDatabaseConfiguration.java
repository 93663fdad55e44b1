package org.innoladder.db.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * With no external database configured, start a real PostgreSQL from the Maven-packaged binaries, keeping
 * its data in a directory that survives restarts. When that server is already running (for example a CLI
 * verb while {@code serve} runs), connect to it instead of starting a second one on the same directory.
 *
 * <p>The embedding library is made for throw-away test databases: it starts the server with {@code -F} (fsync
 * off) and {@code synchronous_commit=off}. Here the data directory is the product's store, so the server runs
 * durable: every committed import, approval and audit entry is on disk when the commit returns, and a power loss
 * cannot tear a page ({@link #DURABLE}, checked by a test with {@code SHOW}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDataSourceUrl.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
public class EmbeddedDatabaseConfiguration {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    /** Server settings that make a commit durable; given after the library's own, so they win. */
    static final Map<String, String> DURABLE = Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on");

    @Bean(destroyMethod = "close")
    EmbeddedServer embeddedPostgres(EmbeddedDatabaseProperties props) throws IOException {
        Path dir = Path.of(props.dataDir()).toAbsolutePath();
        if (props.port() > 0 && Files.exists(dir.resolve("postmaster.pid")) && listening(props.port())) {
            log.info("Using the embedded PostgreSQL already running on port {} with data in {}", props.port(), dir);
            return new EmbeddedServer(null, props.port());
        }
        Files.createDirectories(dir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(props.clean())
                .setServerConfig("max_connections", "100")
                .setServerConfig("timezone", "Asia/Shanghai")
                // the library's own JVM shutdown hook would stop the server while the application still shuts down on
                // it (running jobs finish, the event registry writes); the context closes it last (destroyMethod)
                .setRegisterShutdownHook(false);
        DURABLE.forEach(builder::setServerConfig);
        if (props.port() > 0) builder.setPort(props.port());
        EmbeddedPostgres pg = builder.start();
        log.info("Started embedded PostgreSQL on port {} with data in {}", pg.getPort(), dir);
        return new EmbeddedServer(pg, pg.getPort());
    }

    @Bean
    DataSource dataSource(EmbeddedServer server) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl("jdbc:postgresql://localhost:" + server.port() + "/postgres");
        ds.setUsername("postgres");
        ds.setPassword("postgres");
        ds.setMaximumPoolSize(16);
        ds.setPoolName("innoladder");
        return ds;
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The running server, or only its port when another process owns it. */
    public record EmbeddedServer(EmbeddedPostgres postgres, int port) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (postgres != null) postgres.close();
        }
    }

    static class NoDataSourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url == null || url.isBlank();
        }
    }
}
