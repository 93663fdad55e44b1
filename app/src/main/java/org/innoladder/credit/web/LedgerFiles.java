package org.innoladder.credit.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.innoladder.credit.internal.LedgerUpload;
import org.innoladder.identity.CurrentUser;
import org.innoladder.importer.UnreadableFileException;
import org.innoladder.web.Params;
import org.springframework.web.multipart.MultipartFile;

/** An uploaded ledger through a temporary file (the bounded readers read files), removed afterwards. */
final class LedgerFiles {
    record Result(LedgerUpload.Report report, UnreadableFileException unreadable) {
    }

    private LedgerFiles() {
    }

    static Result upload(LedgerUpload ledger, CurrentUser user, MultipartFile file, String ip) throws IOException {
        if (file == null || file.isEmpty()) throw Params.missing("file");
        String name = file.getOriginalFilename() == null ? "ledger.csv" : Path.of(file.getOriginalFilename()).getFileName().toString();
        Path tmp = Files.createTempFile("innoladder-ledger", name.toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx") ? ".xlsx" : ".csv");
        try {
            file.transferTo(tmp);
            return new Result(ledger.upload(user, tmp, name, ip), null);
        } catch (UnreadableFileException e) {
            return new Result(null, e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
