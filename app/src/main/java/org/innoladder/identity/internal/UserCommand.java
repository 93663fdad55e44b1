package org.innoladder.identity.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.innoladder.cli.Command;
import org.innoladder.cli.DatabaseContext;
import org.innoladder.cli.UsageException;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.MessageSource;

/**
 * {@code user add-admin NAME}: the first administrator of an installation that starts without the demo data (a server
 * install, an external database), where nobody can sign in yet to create one on the users page. The password is read
 * from {@code INNOLADDER_ADMIN_PASSWORD} or, when that is not set, typed at the terminal without echo (or the first line
 * of standard input when it is not a terminal), never from the command line (which other local users can see); the same rules as the users page apply, and the creation is
 * audited with the operating-system user as the actor.
 */
public final class UserCommand implements Command {
    static final String PASSWORD_VARIABLE = "INNOLADDER_ADMIN_PASSWORD";

    @Override
    public String name() { return "user"; }

    @Override
    public String usage() {
        return "user add-admin NAME [--display-name=…] [--spring.datasource.url=…]   create an administrator (password from "
                + PASSWORD_VARIABLE + " or standard input)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        List<String> spring = args.stream().filter(DatabaseContext::isSpringArg).toList();
        List<String> ours = new ArrayList<>(args.stream().filter(a -> !DatabaseContext.isSpringArg(a)).toList());
        String displayName = "系统管理员";
        for (var it = ours.iterator(); it.hasNext(); ) {
            String a = it.next();
            if (a.startsWith("--display-name=")) {
                displayName = a.substring("--display-name=".length());
                it.remove();
            }
        }
        if (ours.size() != 2 || !ours.get(0).equals("add-admin")) {
            throw new UsageException("expected: user add-admin NAME [--display-name=…]");
        }
        String password = System.getenv(PASSWORD_VARIABLE);
        if (password == null && System.console() != null) {
            char[] typed = System.console().readPassword("管理员密码 / administrator password: ");
            password = typed == null ? null : new String(typed);
        } else if (password == null) {
            password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        NewUserRules.Request request = new NewUserRules.Request(ours.get(1), password, displayName, Role.ADMIN.name(), null,
                null, null);
        CurrentUser operator = new CurrentUser(0, "cli:" + System.getProperty("user.name", "?"), "命令行", Role.ADMIN, null,
                null, null);
        try (ConfigurableApplicationContext ctx = DatabaseContext.start(spring)) {
            UserAdministration.Outcome outcome = ctx.getBean(UserAdministration.class).create(request, operator, "127.0.0.1");
            if (outcome.created() != null) {
                out.println("已创建管理员 / administrator created: " + request.username()
                        + " — 请登录后在“用户管理”中添加其他用户 / sign in and add the other users on the users page");
                return 0;
            }
            MessageSource messages = ctx.getBean(MessageSource.class);
            for (NewUserRules.Violation v : outcome.violations()) {
                err.println(explain(messages, v, Locale.SIMPLIFIED_CHINESE) + " / " + explain(messages, v, Locale.ENGLISH));
            }
            return 1;
        }
    }

    private static String explain(MessageSource messages, NewUserRules.Violation v, Locale locale) {
        String value = v.field().equals("password") ? messages.getMessage("user.hidden", null, locale) : v.value();
        return messages.getMessage("user.error.format", new Object[] {messages.getMessage("user.field." + v.field(), null, locale),
                value, messages.getMessage("user.rule." + v.rule(), null, locale)}, locale);
    }
}
