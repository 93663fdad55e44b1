package org.innoladder.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rulesets shipped in this module ({@code rulesets/*.yaml}, listed in {@code rulesets/index.txt}),
 * loaded and type-checked once on first use.
 */
public final class Rulesets {
    private static final String DIR = "rulesets/";
    private static volatile List<Ruleset> builtIn;

    private Rulesets() {
    }

    /** Every built-in ruleset, ordered by id and then version. */
    public static List<Ruleset> all() {
        List<Ruleset> b = builtIn;
        if (b == null) {
            synchronized (Rulesets.class) {
                if (builtIn == null) builtIn = loadBuiltIn();
                b = builtIn;
            }
        }
        return b;
    }

    /** What each built-in ruleset is and which documents it encodes. */
    public static List<RulesetInfo> list() {
        return all().stream().map(Ruleset::info).toList();
    }

    /**
     * A built-in ruleset by {@code id} (the latest version) or {@code id@version}.
     *
     * @throws IllegalArgumentException when there is none
     */
    public static Ruleset get(String ref) {
        int at = ref.indexOf('@');
        String id = at < 0 ? ref : ref.substring(0, at);
        String version = at < 0 ? null : ref.substring(at + 1);
        Ruleset found = null;
        for (Ruleset r : all()) {
            if (!r.id().equals(id)) continue;
            if (version == null || r.version().equals(version)) found = r;
        }
        if (found == null) throw new IllegalArgumentException("no built-in ruleset " + ref);
        return found;
    }

    /** The file names of the built-in rulesets, e.g. {@code tsme@2017.yaml}. */
    public static List<String> files() {
        List<String> files = new ArrayList<>();
        try (InputStream in = resource("index.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) files.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** A file in the built-in rulesets directory. */
    public static InputStream resource(String file) {
        InputStream in = Rulesets.class.getClassLoader().getResourceAsStream(DIR + file);
        if (in == null) throw new IllegalStateException("missing resource " + DIR + file);
        return in;
    }

    private static List<Ruleset> loadBuiltIn() {
        List<Ruleset> out = new ArrayList<>();
        for (String file : files()) {
            try (InputStream in = resource(file)) {
                Ruleset r = Ruleset.load(file, in);
                if (!file.equals(r.info().ref() + ".yaml")) {
                    throw new RulesetLoadException(file + ": id@version is " + r.info().ref() + ", the file name must match");
                }
                out.add(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // Versions compare as text of equal shape (years), which is what the shipped rulesets use.
        out.sort(Comparator.comparing(Ruleset::id).thenComparing(Ruleset::version));
        return List.copyOf(out);
    }
}
