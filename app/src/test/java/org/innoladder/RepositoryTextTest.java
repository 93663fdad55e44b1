package org.innoladder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The repository's own text (sources, docs, templates, scripts) carries no merge left-overs: a merge once committed
 * conflict markers into docs/benchmarks.md and nothing noticed. Build output, the local data directory and git's own
 * files are not the repository's text.
 */
class RepositoryTextTest {
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", "data", "node_modules", ".idea");
    private static final Set<String> TEXT_SUFFIXES = Set.of(".java", ".md", ".html", ".yml", ".yaml", ".properties",
            ".sql", ".xml", ".css", ".js", ".sh", ".puml", ".csv", ".txt", ".json");
    private static final Pattern CONFLICT_MARKER = Pattern.compile("^(<{7} |={7}$|>{7} )", Pattern.MULTILINE);

    @Test
    void noFileHoldsMergeConflictMarkers() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        assertThat(root.resolve("pom.xml")).as("the test runs from the app module inside the repository").exists();
        List<String> offenders = new ArrayList<>();
        for (Path file : textFiles(root)) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (MalformedInputException notUtf8) {
                continue;
            }
            var marker = CONFLICT_MARKER.matcher(text);
            if (marker.find()) {
                long line = text.substring(0, marker.start()).chars().filter(c -> c == '\n').count() + 1;
                offenders.add(root.relativize(file) + ":" + line);
            }
        }
        assertThat(offenders).as("files with merge conflict markers").isEmpty();
    }

    private static List<Path> textFiles(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
                return !dir.equals(root) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
                String name = file.getFileName().toString();
                if (name.equals("innoladder") || TEXT_SUFFIXES.stream().anyMatch(name::endsWith)) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }
}
