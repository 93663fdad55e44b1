package org.innoladder.rules.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.innoladder.rules.yaml.BundledFiles;

/** The example policies shipped in this module ({@code policies/examples/*.yaml}, listed in its index.txt). */
public final class Policies {
    private static final BundledFiles FILES = new BundledFiles("policies/examples/");
    private static volatile List<Policy> examples;

    private Policies() {
    }

    /** Every example policy, loaded and type-checked once. */
    public static List<Policy> examples() {
        List<Policy> e = examples;
        if (e == null) {
            synchronized (Policies.class) {
                if (examples == null) {
                    List<Policy> out = new ArrayList<>();
                    for (String f : exampleFiles()) {
                        try (InputStream in = resource(f)) {
                            out.add(Policy.load(f, in));
                        } catch (IOException x) {
                            throw new UncheckedIOException(x);
                        }
                    }
                    examples = List.copyOf(out);
                }
                e = examples;
            }
        }
        return e;
    }

    public static Policy example(String code) {
        return examples().stream().filter(p -> p.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no example policy " + code));
    }

    /** File names of the examples, e.g. {@code hnte_first_award.yaml}. */
    public static List<String> exampleFiles() {
        return FILES.indexLines();
    }

    public static InputStream resource(String file) {
        return FILES.resource(file);
    }
}
