package org.innoladder.cli;

import java.io.PrintStream;
import java.util.List;

/** One verb of the command line. Returns the process exit status, or {@link Cli#KEEP_RUNNING}. */
public interface Command {
    String name();

    /** One line for the usage text. */
    String usage();

    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
