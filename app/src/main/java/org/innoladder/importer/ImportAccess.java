package org.innoladder.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.servlet.http.HttpServletRequest;
import org.innoladder.identity.CurrentUser;
import org.springframework.web.multipart.MultipartFile;

/** Turning an upload into an import job. */
final class ImportAccess {
    private ImportAccess() {
    }

    static ImportJobs.Job start(ImportJobs jobs, MultipartFile file, String source, CurrentUser user, HttpServletRequest request)
            throws IOException {
        String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                ? "upload.csv" : Path.of(file.getOriginalFilename()).getFileName().toString();
        String suffix = name.contains(".") ? name.substring(name.lastIndexOf('.')) : ".csv";
        Path temp = Files.createTempFile("innoladder-import-", suffix);
        file.transferTo(temp);
        return jobs.submit(temp, name, new ImportOptions(source == null || source.isBlank() ? "upload" : source.strip(),
                user.username(), request.getRemoteAddr(), false));
    }
}
