package org.innoladder.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.innoladder.rules.yaml.BundledFiles;

/**
 * The rulesets shipped in this module ({@code rulesets/*.yaml}, listed in {@code rulesets/index.txt}),
 * loaded and type-checked once on first use.
 */
public final class Rulesets {
    private static final BundledFiles FILES = new BundledFiles("rulesets/");
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
     * A built-in ruleset by {@code id@version}, or by {@code id}: the version {@code index.txt} names as that
     * id's default ({@code default: gazelle@yancheng-2022}), else the latest version. Regional variants are
     * versions such as {@code jinan-2016} whose text order says nothing about which applies, so an id with
     * regional variants must name its default.
     *
     * @throws IllegalArgumentException when there is none
     */
    public static Ruleset get(String ref) {
        int at = ref.indexOf('@');
        String id = at < 0 ? ref : ref.substring(0, at);
        if (at < 0 && defaults().containsKey(id)) return get(defaults().get(id));
        String version = at < 0 ? null : ref.substring(at + 1);
        Ruleset found = null;
        for (Ruleset r : all()) {
            if (!r.id().equals(id)) continue;
            if (version == null || r.version().equals(version)) found = r;
        }
        if (found == null) throw new IllegalArgumentException("no built-in ruleset " + ref);
        return found;
    }

    /**
     * A built-in ruleset version's decision tree over criterion statuses, or null when the version is not built in:
     * what {@link NearRatio#of(Outcome, Map, List, Function)} takes for results stored under any version.
     */
    public static Function<Map<String, Status>, Outcome> decision(String ref) {
        try {
            return get(ref)::decide;
        } catch (IllegalArgumentException notBuiltIn) {
            return null;
        }
    }

    /**
     * How a built-in ruleset version names its parts, or empty labels when the version is not built in (results
     * stored under a version no longer shipped still show, by id).
     */
    public static java.util.Optional<RulesetText> text(String ref) {
        try {
            return java.util.Optional.of(get(ref).text());
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** The label of a criterion of a built-in ruleset version; the id itself when unknown. */
    public static Label criterionLabel(String ref, String criterion) {
        return text(ref).flatMap(t -> t.criterion(criterion)).map(RulesetText.CriterionText::label)
                .orElse(new Label(criterion, criterion));
    }

    /** The file names of the built-in rulesets, e.g. {@code tsme@2017.yaml}. */
    public static List<String> files() {
        return indexLines().stream().filter(l -> !l.startsWith(DEFAULT)).toList();
    }

    /**
     * The default ref per id declared in {@code index.txt} ({@code default: id@version}); ids not named
     * there default to their latest version.
     */
    public static Map<String, String> defaults() {
        return DefaultsHolder.DEFAULTS;
    }

    /** Read once, on first use. */
    private static final class DefaultsHolder {
        static final Map<String, String> DEFAULTS = readDefaults();
    }

    private static Map<String, String> readDefaults() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : indexLines()) {
            if (!line.startsWith(DEFAULT)) continue;
            String ref = line.substring(DEFAULT.length()).strip();
            int at = ref.indexOf('@');
            if (at <= 0) throw new RulesetLoadException("index.txt: '" + line + "' must name id@version");
            if (out.put(ref.substring(0, at), ref) != null) {
                throw new RulesetLoadException("index.txt: two defaults for " + ref.substring(0, at));
            }
        }
        return Map.copyOf(out);
    }

    private static final String DEFAULT = "default:";

    private static List<String> indexLines() {
        return FILES.indexLines();
    }

    /** A file in the built-in rulesets directory. */
    public static InputStream resource(String file) {
        return FILES.resource(file);
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
        // Versions compare as text; that is "latest" only for plain years, hence the declared defaults.
        out.sort(Comparator.comparing(Ruleset::id).thenComparing(Ruleset::version));
        for (String ref : defaults().values()) {
            if (out.stream().noneMatch(r -> r.info().ref().equals(ref))) {
                throw new RulesetLoadException("index.txt: default " + ref + " is not a listed ruleset");
            }
        }
        return List.copyOf(out);
    }
}
