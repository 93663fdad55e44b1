package org.innoladder.rules.yaml;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A directory of YAML files shipped on this module's class path together with an {@code index.txt} that lists
 * them (one entry per line; blank lines and lines starting with {@code #} are skipped).
 */
public final class BundledFiles {
    private final String dir;

    /** @param dir the class-path directory, ending with {@code /}, e.g. {@code rulesets/} */
    public BundledFiles(String dir) {
        this.dir = dir;
    }

    /** A file in the directory. */
    public InputStream resource(String file) {
        InputStream in = BundledFiles.class.getClassLoader().getResourceAsStream(dir + file);
        if (in == null) throw new IllegalStateException("missing resource " + dir + file);
        return in;
    }

    /** The stripped, non-blank, non-comment lines of the directory's {@code index.txt}. */
    public List<String> indexLines() {
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
}
