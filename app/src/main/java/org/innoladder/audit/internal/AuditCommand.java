package org.innoladder.audit.internal;

import org.innoladder.audit.AuditVerifier;
import java.io.PrintStream;
import java.util.List;

import org.innoladder.cli.Command;
import org.innoladder.cli.DatabaseContext;
import org.innoladder.cli.UsageException;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code audit verify}: checks the whole hash chain; exit 0 when intact, 1 naming the first broken entry. */
public final class AuditCommand implements Command {
    @Override
    public String name() { return "audit"; }

    @Override
    public String usage() { return "audit verify [--spring.datasource.url=…]   check the audit log's hash chain"; }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> spring = args.stream().filter(DatabaseContext::isSpringArg).toList();
        List<String> ours = args.stream().filter(a -> !DatabaseContext.isSpringArg(a)).toList();
        if (!ours.equals(List.of("verify"))) {
            throw new UsageException("expected: audit verify");
        }
        try (ConfigurableApplicationContext ctx = DatabaseContext.start(spring)) {
            AuditVerifier.Verification v = ctx.getBean(AuditVerifier.class).verify();
            if (v.intact()) {
                out.println("审计链完整 / audit chain intact: " + v.entries() + " entries, head " + v.head());
                return 0;
            }
            err.println("审计链被篡改 / audit chain BROKEN at entry #" + v.brokenId() + ": " + v.problem());
            return 1;
        }
    }
}
