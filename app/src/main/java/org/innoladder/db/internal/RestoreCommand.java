package org.innoladder.db.internal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Set;

import org.innoladder.audit.AuditVerifier;
import org.innoladder.cli.Args;
import org.innoladder.cli.Command;
import org.innoladder.cli.DatabaseContext;
import org.innoladder.cli.UsageException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * {@code restore --in FILE [--force]}: a backup into the configured database, which must be empty (or is emptied
 * with {@code --force}); then the audit chain is verified. Exit 0 when restored and intact, 1 otherwise.
 */
public final class RestoreCommand implements Command {
    @Override
    public String name() { return "restore"; }

    @Override
    public String usage() {
        return "restore --in FILE.zip [--force] [--spring.datasource.url=…]   restore a backup into an empty database";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        List<String> spring = args.stream().filter(DatabaseContext::isSpringArg).toList();
        Args a = Args.parse(args.stream().filter(x -> !DatabaseContext.isSpringArg(x)).toList(), Set.of("force"), Set.of("in"));
        Path file = Path.of(a.require("in"));
        if (!Files.isRegularFile(file)) throw new UsageException("no such file: " + file);
        try (ConfigurableApplicationContext ctx = DatabaseOnly.start(spring)) {
            DatabaseOnly.Target target = DatabaseOnly.target(ctx);
            DatabaseRestore.Result r = DatabaseRestore.restore(target, DatabaseOnly.migrationLocations(ctx), file, a.flag("force"));
            out.printf("恢复完成 / restored: %s — schema version %s, %d tables, %,d rows, %.1f s%n", file,
                    r.manifest().schemaVersion(), r.manifest().tables().size(), r.manifest().rows(), r.millis() / 1e3);
            try (Connection c = target.connect("innoladder restore check")) {
                AuditVerifier.Verification v = new AuditVerifier(new JdbcTemplate(new SingleConnectionDataSource(c, true))).verify();
                if (!v.intact()) {
                    err.println("审计链被篡改 / audit chain BROKEN at entry #" + v.brokenId() + ": " + v.problem());
                    return 1;
                }
                out.println("审计链完整 / audit chain intact: " + v.entries() + " entries, head " + v.head());
            }
            return 0;
        }
    }
}
