package org.innoladder.importer.internal;

import org.innoladder.importer.ImportOptions;
import java.io.IOException;
import java.nio.file.Path;

import jakarta.servlet.http.HttpServletRequest;
import org.innoladder.identity.CurrentUser;
import org.springframework.web.multipart.MultipartFile;

/** Turning an upload into an import job with the uploader's name, address and data scope. */
public final class ImportAccess {
    private ImportAccess() {
    }

    public static ImportJobs.Job start(ImportJobs jobs, MultipartFile file, String source, CurrentUser user, HttpServletRequest request)
            throws IOException {
        String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                ? "upload.csv" : Path.of(file.getOriginalFilename()).getFileName().toString();
        return jobs.submit(file::transferTo, name, new ImportOptions(source == null || source.isBlank() ? "upload" : source.strip(),
                user.username(), request.getRemoteAddr(), user.scope(), false, null));
    }
}
