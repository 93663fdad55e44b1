package org.innoladder.db.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Set;

import org.innoladder.cli.Args;
import org.innoladder.cli.Command;
import org.innoladder.cli.DatabaseContext;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code backup --out FILE}: a consistent snapshot of the configured database (embedded or external) in one file. */
public final class BackupCommand implements Command {
    @Override
    public String name() { return "backup"; }

    @Override
    public String usage() { return "backup --out FILE.zip [--spring.datasource.url=…]   consistent backup of the database"; }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        List<String> spring = args.stream().filter(DatabaseContext::isSpringArg).toList();
        Args a = Args.parse(args.stream().filter(x -> !DatabaseContext.isSpringArg(x)).toList(), Set.of(), Set.of("out"));
        Path file = Path.of(a.require("out"));
        try (ConfigurableApplicationContext ctx = DatabaseOnly.start(spring);
             Connection c = DatabaseOnly.target(ctx).connect("innoladder backup")) {
            long started = System.nanoTime();
            BackupManifest m = DatabaseBackup.write(c, file);
            out.printf("备份完成 / backup written: %s — schema version %s, %d tables, %,d rows, %.1f s%n", file,
                    m.schemaVersion(), m.tables().size(), m.rows(), (System.nanoTime() - started) / 1e9);
            return 0;
        }
    }
}
