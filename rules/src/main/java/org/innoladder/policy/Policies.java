package org.innoladder.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The example policies shipped in this module ({@code policies/examples/*.yaml}, listed in its index.txt). */
public final class Policies {
    private static final String DIR = "policies/examples/";
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
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(resource("index.txt"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    public static InputStream resource(String file) {
        InputStream in = Policies.class.getClassLoader().getResourceAsStream(DIR + file);
        if (in == null) throw new IllegalStateException("missing resource " + DIR + file);
        return in;
    }
}
