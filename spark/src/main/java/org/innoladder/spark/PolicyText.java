package org.innoladder.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.innoladder.rules.policy.Policies;
import org.innoladder.rules.policy.Policy;

/**
 * A policy a run matches, as its YAML text (the definition the application stores for a published version), which
 * Spark ships to every executor; each executor JVM compiles it once.
 */
public record PolicyText(String file, String yaml) implements Serializable {
    private static final Map<String, Policy> COMPILED = new ConcurrentHashMap<>();

    public static PolicyText of(Path file) throws IOException {
        return new PolicyText(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** The example policies shipped in the rules jar. */
    public static List<PolicyText> examples() throws IOException {
        List<PolicyText> out = new ArrayList<>();
        for (String f : Policies.exampleFiles()) {
            try (InputStream in = Policies.resource(f)) {
                out.add(new PolicyText(f, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    /** The compiled policy; one that is not valid fails here, naming the file, field and position. */
    public Policy policy() {
        return COMPILED.computeIfAbsent(yaml, y -> Policy.loadStored(file, y));
    }
}
