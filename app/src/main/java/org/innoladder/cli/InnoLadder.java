package org.innoladder.cli;

import org.innoladder.cli.Cli;

/** Entry point of the runnable jar: {@code innoladder VERB [ARGS]}. */
public final class InnoLadder {
    private InnoLadder() {
    }

    public static void main(String[] args) {
        int status = new Cli(System.out, System.err).run(args);
        if (status != Cli.KEEP_RUNNING) {
            System.exit(status);
        }
    }
}
