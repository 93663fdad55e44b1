package org.innoladder.investment.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.innoladder.importer.UnreadableFileException;
import org.innoladder.resources.internal.RegistryImports;
import org.innoladder.web.Params;
import org.springframework.web.multipart.MultipartFile;

/** An uploaded register through a temporary file (the registry reader reads files), removed afterwards. */
final class Uploads {
    @FunctionalInterface
    interface Importer {
        RegistryImports.Report run(Path file, String name) throws UnreadableFileException;
    }

    /** The report, or the reason the file could not be read at all. */
    record Result(RegistryImports.Report report, UnreadableFileException unreadable) {
    }

    private Uploads() {
    }

    static Result upload(MultipartFile file, Importer importer) throws IOException {
        if (file == null || file.isEmpty()) throw Params.missing("file");
        String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "projects.csv"
                : Path.of(file.getOriginalFilename()).getFileName().toString();
        Path tmp = Files.createTempFile("innoladder-investment", name.toLowerCase(Locale.ROOT).endsWith(".xlsx") ? ".xlsx" : ".csv");
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
