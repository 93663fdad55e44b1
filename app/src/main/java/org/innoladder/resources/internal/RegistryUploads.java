package org.innoladder.resources.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.innoladder.importer.UnreadableFileException;
import org.innoladder.web.Params;
import org.springframework.modulith.NamedInterface;
import org.springframework.web.multipart.MultipartFile;

/**
 * An uploaded register through a temporary file (the importer's bounded readers read files), removed afterwards: the
 * registry pages' and the investment pages' upload (published with the registry-file reader).
 */
@NamedInterface("registry-file")
public final class RegistryUploads {
    @FunctionalInterface
    @NamedInterface("registry-file")
    public interface Importer {
        RegistryImports.Report run(Path file, String name) throws UnreadableFileException;
    }

    /** The report, or the reason the file could not be read at all. */
    @NamedInterface("registry-file")
    public record Result(RegistryImports.Report report, UnreadableFileException unreadable) {
    }

    private RegistryUploads() {
    }

    public static Result upload(MultipartFile file, Importer importer) throws IOException {
        if (file == null || file.isEmpty()) throw Params.missing("file");
        String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "registry.csv"
                : Path.of(file.getOriginalFilename()).getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        Path tmp = Files.createTempFile("innoladder-registry", lower.endsWith(".xlsx") ? ".xlsx" : lower.endsWith(".xls") ? ".xls" : ".csv");
        try {
            file.transferTo(tmp);
            return new Result(importer.run(tmp, name), null);
        } catch (UnreadableFileException e) {
            return new Result(null, e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
