package org.innoladder.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** GNU-style options ({@code --name value}, {@code --flag}) and positional arguments. */
public final class Args {
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Args() {
    }

    /**
     * Parses {@code args}; {@code flags} are the options that take no value, {@code valued} those that do.
     * Anything else starting with {@code --} is refused with a message naming it.
     */
    public static Args parse(List<String> args, Set<String> flags, Set<String> valued) {
        Args parsed = new Args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (flags.contains(name)) {
                    parsed.options.put(name, "true");
                } else if (valued.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.size()) throw new UsageException("option --" + name + " needs a value");
                        value = args.get(++i);
                    }
                    parsed.options.put(name, value);
                } else {
                    throw new UsageException("unknown option --" + name);
                }
            } else {
                parsed.positional.add(a);
            }
        }
        return parsed;
    }

    public boolean flag(String name) { return options.containsKey(name); }

    public String option(String name) { return options.get(name); }

    public String require(String name) {
        String v = options.get(name);
        if (v == null) throw new UsageException("option --" + name + " is required");
        return v;
    }

    public List<String> positional() { return positional; }
}
