package org.innoladder.cli.internal;

import org.innoladder.cli.Cli;
import org.innoladder.cli.Command;
import java.io.PrintStream;
import java.util.List;

import org.innoladder.InnoLadderApplication;
import org.springframework.boot.SpringApplication;

/** {@code serve}: the web application on the configured (by default embedded) database. */
public final class ServeCommand implements Command {
    @Override
    public String name() { return "serve"; }

    @Override
    public String usage() { return "serve [--server.port=8080] [--spring.datasource.url=…]   start the web application"; }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        SpringApplication app = new SpringApplication(InnoLadderApplication.class);
        app.setAdditionalProfiles("serve");
        app.run(args.toArray(String[]::new));
        return Cli.KEEP_RUNNING;
    }
}
