package org.innoladder.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Dispatches {@code innoladder VERB [ARGS]} to its {@link Command}. Commands register through
 * {@code META-INF/services/org.innoladder.cli.Command}, so each capability owns its verbs.
 */
public final class Cli {
    /** Returned by a command that left a server running (serve). */
    public static final int KEEP_RUNNING = -1;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, Command> commands = new LinkedHashMap<>();

    public Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        for (Command c : ServiceLoader.load(Command.class)) {
            commands.put(c.name(), c);
        }
    }

    public int run(String... args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            usage(out);
            return 0;
        }
        Command command = commands.get(args[0]);
        if (command == null) {
            err.println("innoladder: unknown verb '" + args[0] + "'");
            usage(err);
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return command.run(rest, out, err);
        } catch (UsageException e) {
            err.println("innoladder " + command.name() + ": " + e.getMessage());
            err.println("usage: " + command.usage());
            return 2;
        } catch (Exception e) {
            // One line for the user; the stack trace is not theirs to read.
            err.println("innoladder " + command.name() + ": " + rootMessage(e));
            return 1;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    private void usage(PrintStream to) {
        to.println("InnoLadder 科创梯度培育平台");
        to.println("usage: innoladder VERB [ARGS]");
        for (Command c : commands.values()) {
            to.println("  " + c.usage());
        }
    }
}
