package org.innoladder.cli;

import java.util.List;

import org.innoladder.InnoLadderApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application context without the web server, for verbs that need the database (import, audit verify).
 * Uses the same configuration as {@code serve}, so it reaches the same (embedded or external) database.
 */
public final class DatabaseContext {
    private DatabaseContext() {
    }

    /** Whether a command-line argument is for the application context ({@code --spring.datasource.url=…} and friends). */
    public static boolean isSpringArg(String arg) {
        return arg.startsWith("--spring.") || arg.startsWith("--innoladder.") || arg.startsWith("--logging.");
    }

    public static ConfigurableApplicationContext start(List<String> springArgs) {
        return new SpringApplicationBuilder(InnoLadderApplication.class)
                .web(WebApplicationType.NONE)
                .profiles("cli")
                .logStartupInfo(false)
                .run(springArgs.toArray(String[]::new));
    }
}
